import { computePasswordDigest } from '@app/soap-kit';
import { randomBytes } from 'node:crypto';

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DIGEST = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

export function usernameToken(username: string, password: string): string {
  const nonce = randomBytes(16).toString('base64');
  const created = new Date().toISOString();
  return `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}"><wsse:UsernameToken><wsse:Username>${username}</wsse:Username><wsse:Password Type="${DIGEST}">${computePasswordDigest(nonce, created, password)}</wsse:Password><wsse:Nonce>${nonce}</wsse:Nonce><wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`;
}

export function envelope(body: string, header = '', version: '1.1' | '1.2' = '1.1'): string {
  const ns = version === '1.1' ? 'http://schemas.xmlsoap.org/soap/envelope/' : 'http://www.w3.org/2003/05/soap-envelope';
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${ns}" xmlns:cb="urn:gov-exchange:callback:v1"><soap:Header>${header}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

export function notifyBody(deptCode: string, items: { applyNo: string; version: number | string; stage: string }[]): string {
  return `<cb:NotifyCallbackRequest><cb:deptCode>${deptCode}</cb:deptCode>${items
    .map((i) => `<cb:item><cb:applyNo>${i.applyNo}</cb:applyNo><cb:version>${i.version}</cb:version><cb:stage>${i.stage}</cb:stage></cb:item>`)
    .join('')}</cb:NotifyCallbackRequest>`;
}

export interface RawReply {
  status: number;
  contentType: string;
  body: string;
  code?: string;
}

export async function postSoap(
  url: string,
  payload: string | Buffer,
  opts: { version?: '1.1' | '1.2'; headers?: Record<string, string> } = {},
): Promise<RawReply> {
  const version = opts.version ?? '1.1';
  const headers: Record<string, string> =
    version === '1.1'
      ? { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:gov-exchange:callback:v1/NotifyCallback"' }
      : { 'content-type': 'application/soap+xml; charset=utf-8; action="urn:gov-exchange:callback:v1/NotifyCallback"' };
  const res = await fetch(url, { method: 'POST', headers: { ...headers, ...opts.headers }, body: payload, signal: AbortSignal.timeout(30_000) });
  const body = await res.text();
  const code = /<(?:\w+:)?code>(\d{4})<\/(?:\w+:)?code>/.exec(body)?.[1];
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, code };
}
