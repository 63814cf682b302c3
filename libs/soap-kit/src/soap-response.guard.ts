import type { ServerResponse } from 'node:http';
import type { ResolvedFault } from './soap-fault.resolver';
import { renderFault } from './soap-fault.renderer';
import type { SoapRequestState } from './soap-request.state';
import { contentTypeFor, SOAP11_ENV_NS, SOAP12_ENV_NS, type SoapVersion } from './soap-version.util';

type Callback = (err?: Error | null) => void;
type Chunk = string | Buffer | Uint8Array;

/** Writes a kit Fault with the right status and content type; silently skips if a response already went out. */
export function writeFault(res: ServerResponse, version: SoapVersion, fault: ResolvedFault, end = res.end.bind(res)): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const rendered = renderFault(version, fault);
  res.statusCode = fault.httpStatus;
  res.setHeader('Content-Type', rendered.contentType);
  res.setHeader('Cache-Control', 'no-store');
  end(rendered.body);
}

/**
 * Sits between node-soap and the socket for one POST. node-soap's own output is buffered and then:
 * - replaced by the kit Fault when the request state carries one (auth, handler, timeout);
 * - replaced by a kit Fault built by `classify` when node-soap produced an error on its own
 *   (its texts can carry internal messages and always use the 1.1/1.2 envelope of the server, not the request);
 * - otherwise sent with the request's SOAP version (node-soap always writes the 1.1 envelope namespace
 *   unless forceSoap12Headers is set server-wide, so 1.2 answers get their namespace fixed here).
 */
export class SoapResponseGuard {
  private done = false;
  private readonly chunks: Buffer[] = [];
  private readonly originalEnd: ServerResponse['end'];

  constructor(
    private readonly res: ServerResponse,
    private readonly state: SoapRequestState,
    private readonly classify: (statusCode: number, body: string) => ResolvedFault | undefined,
  ) {
    this.originalEnd = res.end.bind(res) as ServerResponse['end'];
  }

  install(): void {
    const res = this.res as unknown as {
      write: (chunk: Chunk, encoding?: BufferEncoding | Callback, cb?: Callback) => boolean;
      end: (chunk?: Chunk | Callback, encoding?: BufferEncoding | Callback, cb?: Callback) => ServerResponse;
    };
    res.write = (chunk, encoding, cb) => {
      this.capture(chunk, typeof encoding === 'string' ? encoding : undefined);
      const done = typeof encoding === 'function' ? encoding : cb;
      if (done) process.nextTick(done);
      return true;
    };
    res.end = (chunk, encoding, cb) => {
      if (typeof chunk === 'function') {
        cb = chunk;
        chunk = undefined;
      } else if (typeof encoding === 'function') {
        cb = encoding;
        encoding = undefined;
      }
      if (chunk !== undefined) this.capture(chunk, typeof encoding === 'string' ? encoding : undefined);
      this.finish();
      if (cb) this.res.once('finish', () => cb?.());
      return this.res;
    };
  }

  /** Sends `fault` now unless something was already sent. */
  fail(fault: ResolvedFault): void {
    if (!this.state.fault) this.state.fault = fault;
    this.finish();
  }

  private capture(chunk: Chunk, encoding?: BufferEncoding): void {
    if (this.done) return;
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : Buffer.from(chunk));
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    const body = Buffer.concat(this.chunks).toString('utf8');
    this.chunks.length = 0;
    const version = this.state.soapVersion;
    const fault = this.state.fault ?? this.classify(this.res.statusCode, body);
    if (fault) {
      this.state.fault = fault;
      writeFault(this.res, version, fault, this.originalEnd);
      return;
    }
    if (this.res.headersSent || this.res.writableEnded || this.res.destroyed) return;
    const out = version === '1.2' ? body.replace(`xmlns:soap="${SOAP11_ENV_NS}"`, `xmlns:soap="${SOAP12_ENV_NS}"`) : body;
    this.res.setHeader('Content-Type', contentTypeFor(version));
    this.res.setHeader('Cache-Control', 'no-store');
    this.originalEnd(out);
  }
}

const FAULT_RE = /<(?:[\w.-]+:)?Body(?:\s[^>]*)?>\s*<(?:[\w.-]+:)?Fault[\s/>]/;
const ENVELOPE_RE = /^\s*(?:<\?xml[^>]*\?>\s*)?<(?:[\w.-]+:)?Envelope[\s>]/;

/** True when node-soap's output is anything but a normal (or empty one-way) answer. */
export function looksLikeNodeSoapError(statusCode: number, body: string): boolean {
  if (statusCode >= 400) return true;
  if (body.length === 0) return false;
  return !ENVELOPE_RE.test(body) || FAULT_RE.test(body);
}
