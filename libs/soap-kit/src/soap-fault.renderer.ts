import { FAULT_NS, type FaultSide } from './fault-codes.constants';
import { contentTypeFor, SOAP11_ENV_NS, SOAP12_ENV_NS, type SoapVersion } from './soap-version.util';
import { xmlEscape } from './xml-escape.util';

export interface FaultDescriptor {
  code: string;
  userMessage: string;
  side: FaultSide;
  errorId: string;
}

export interface RenderedFault {
  contentType: string;
  body: string;
}

/** Renders a kit Fault; only code, message and error id ever reach the wire. */
export function renderFault(version: SoapVersion, fault: FaultDescriptor): RenderedFault {
  const reason = xmlEscape(`${fault.userMessage} (${fault.code})`);
  const detail = `<ex:code>${xmlEscape(fault.code)}</ex:code><ex:errorId>${xmlEscape(fault.errorId)}</ex:errorId>`;
  let inner: string;
  if (version === '1.2') {
    const value = fault.side === 'client' ? 'soap:Sender' : 'soap:Receiver';
    inner =
      `<soap:Code><soap:Value>${value}</soap:Value></soap:Code>` +
      `<soap:Reason><soap:Text xml:lang="zh-CN">${reason}</soap:Text></soap:Reason>` +
      `<soap:Detail>${detail}</soap:Detail>`;
  } else {
    const value = fault.side === 'client' ? 'soap:Client' : 'soap:Server';
    inner = `<faultcode>${value}</faultcode><faultstring>${reason}</faultstring><detail>${detail}</detail>`;
  }
  const envNs = version === '1.2' ? SOAP12_ENV_NS : SOAP11_ENV_NS;
  const body =
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${envNs}" xmlns:ex="${FAULT_NS}">` +
    `<soap:Body><soap:Fault>${inner}</soap:Fault></soap:Body></soap:Envelope>`;
  return { contentType: contentTypeFor(version), body };
}
