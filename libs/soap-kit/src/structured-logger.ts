import type { SoapKitLogger } from './soap-kit.types';

/** What a Nest Logger (or any structured logger) offers: one object per line. */
export interface StructuredLogSink {
  log(entry: object): void;
  warn(entry: object): void;
  error(entry: object): void;
}

/**
 * The kit's logger over a structured one: each message becomes `{ msg, ...fields, ...meta }`, so the
 * kit's lines carry the same correlation fields as the app's own (e.g. the department code).
 */
export function soapLoggerOf(sink: StructuredLogSink, fields: Record<string, unknown> = {}): SoapKitLogger {
  return {
    log: (msg, meta) => sink.log({ msg, ...fields, ...meta }),
    warn: (msg, meta) => sink.warn({ msg, ...fields, ...meta }),
    error: (msg, meta) => sink.error({ msg, ...fields, ...meta }),
  };
}
