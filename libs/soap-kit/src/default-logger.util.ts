import type { SoapKitLogger } from './soap-kit.types';

/** Fallback logger: one JSON line per event on stderr/stdout. */
export const consoleSoapKitLogger: SoapKitLogger = {
  log: (msg, meta) => console.log(JSON.stringify({ level: 'info', scope: 'soap-kit', msg, ...meta })),
  warn: (msg, meta) => console.warn(JSON.stringify({ level: 'warn', scope: 'soap-kit', msg, ...meta })),
  error: (msg, meta) => console.error(JSON.stringify({ level: 'error', scope: 'soap-kit', msg, ...meta })),
};
