import type { IncomingMessage } from 'node:http';
import { FAULTS, type FaultCodeInfo } from './fault-codes.constants';
import { BodyReadError, readRequestBody } from './raw-body.reader';
import { parseSoapContentType, sniffSoapVersion, versionFromHeader, type SoapVersion } from './soap-version.util';
import { prescanXml } from './xml-prescan.guard';

const ENVELOPE_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?Envelope[\s>]/;
const SOAP_ENV_NS = /http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/|http:\/\/www\.w3\.org\/2003\/05\/soap-envelope/;

export type IntakeResult =
  | { ok: true; xml: string; version: SoapVersion }
  /** `info` undefined = the client went away; nothing to answer. */
  | { ok: false; version: SoapVersion; info?: FaultCodeInfo; reason: string; cause?: unknown };

/**
 * Everything that happens to a POST before node-soap may look at it: media type and charset,
 * bounded read + safe inflate, UTF-8 decode, SOAP version, DTD / prototype-key pre-scan.
 */
export async function intakeSoapRequest(req: IncomingMessage, bodyLimit: number): Promise<IntakeResult> {
  const contentType = req.headers['content-type'];
  const ct = parseSoapContentType(contentType);
  const headerVersion = ct.version ?? versionFromHeader(contentType);
  if (!ct.acceptable) {
    req.resume();
    return { ok: false, version: headerVersion, info: FAULTS.UNSUPPORTED_MEDIA, reason: `content-type ${JSON.stringify(contentType ?? null)}` };
  }
  let body: Buffer;
  try {
    body = await readRequestBody(req, bodyLimit);
  } catch (err) {
    if (!(err instanceof BodyReadError)) throw err;
    const fail = (info: FaultCodeInfo | undefined, reason = err.message): IntakeResult => ({ ok: false, version: headerVersion, info, reason, cause: err });
    switch (err.failure) {
      case 'aborted':
        return fail(undefined);
      case 'too-large':
        return fail(FAULTS.BODY_TOO_LARGE);
      case 'unsupported-encoding':
        return fail(FAULTS.UNSUPPORTED_MEDIA, `content-encoding ${JSON.stringify(req.headers['content-encoding'])}`);
      case 'bad-encoding':
        return fail(FAULTS.BAD_ENCODING);
      case 'already-consumed':
        return fail(FAULTS.INTERNAL, 'mount soap-kit before any body parser that reads XML');
    }
  }
  let xml = body.toString('utf8');
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  const version = ct.version ?? sniffSoapVersion(xml);
  if (!xml.trim()) return { ok: false, version, info: FAULTS.BAD_REQUEST, reason: 'empty body' };
  const scan = prescanXml(xml);
  if (!scan.ok) return { ok: false, version, info: scan.reason === 'dtd' ? FAULTS.FORBIDDEN_DTD : FAULTS.BAD_REQUEST, reason: `prescan: ${scan.reason}` };
  // message validation before authentication: a body that is not a SOAP envelope is a format error
  if (!ENVELOPE_ROOT.test(xml) || !SOAP_ENV_NS.test(xml))
    return { ok: false, version, info: FAULTS.BAD_REQUEST, reason: 'root element is not a SOAP Envelope' };
  return { ok: true, xml, version };
}
