import type { IncomingMessage } from 'node:http';
import * as zlib from 'node:zlib';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export type BodyReadFailure = 'too-large' | 'unsupported-encoding' | 'bad-encoding' | 'aborted' | 'already-consumed';

export class BodyReadError extends Error {
  constructor(
    public readonly failure: BodyReadFailure,
    message: string,
  ) {
    super(message);
    this.name = 'BodyReadError';
  }
}

type Codec = 'identity' | 'gzip' | 'deflate';

function codecOf(header: string | undefined): Codec | undefined {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate') return 'deflate';
  return undefined; // br, compress, stacked codings ("gzip, gzip"), junk
}

/**
 * Reads the whole request body with a hard limit. The limit applies to the bytes on the wire AND,
 * for gzip/deflate, to the inflated size (zlib stops as soon as the output exceeds it, so a bomb never
 * gets expanded in memory).
 */
export async function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const codec = codecOf(req.headers['content-encoding']);
  if (!codec) throw new BodyReadError('unsupported-encoding', `unsupported content-encoding`);
  if (req.readableEnded || (req as { _body?: unknown })._body === true) {
    throw new BodyReadError('already-consumed', 'request body was already consumed by another parser');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume(); // let Node discard the rest; the connection stays usable
    throw new BodyReadError('too-large', `declared content-length ${declared} exceeds ${limitBytes}`);
  }
  const raw = await collect(req, limitBytes);
  if (codec === 'identity') return raw;
  return inflate(raw, codec, limitBytes);
}

function collect(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        cleanup();
        req.resume(); // keep draining (and dropping) so the client can read our 413
        reject(new BodyReadError('too-large', `body exceeds ${limitBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = () => {
      cleanup();
      reject(new BodyReadError('aborted', 'request stream failed'));
    };
    const onClose = () => {
      if (!req.complete) onError();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function zlibOnce(
  fn: (buf: Buffer, opts: zlib.ZlibOptions, cb: (err: Error | null, out: Buffer) => void) => void,
  raw: Buffer,
  limitBytes: number,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    fn(raw, { maxOutputLength: limitBytes }, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

async function inflate(raw: Buffer, codec: Exclude<Codec, 'identity'>, limitBytes: number): Promise<Buffer> {
  try {
    if (codec === 'gzip') return await zlibOnce(zlib.gunzip, raw, limitBytes);
    try {
      return await zlibOnce(zlib.inflate, raw, limitBytes);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw err;
      // Some clients send raw deflate without the zlib wrapper.
      return await zlibOnce(zlib.inflateRaw, raw, limitBytes);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new BodyReadError('too-large', `inflated body exceeds ${limitBytes} bytes`);
    }
    throw new BodyReadError('bad-encoding', `body is not valid ${codec} data`);
  }
}
