import type { FaultSide } from './fault-codes.constants';

const BRAND = Symbol.for('gov-exchange.soap-kit.SoapFault');

/**
 * Throw from a handler to answer with a Fault carrying `code`.
 * `userMessage` is shown to the caller (Chinese, no internals); side 'client' → soap:Client / soap:Sender,
 * 'server' → soap:Server / soap:Receiver.
 */
export class SoapFault extends Error {
  readonly [BRAND] = true;

  constructor(
    public readonly code: string,
    public readonly userMessage: string,
    public readonly side: FaultSide = 'client',
  ) {
    super(`${userMessage} (${code})`);
    this.name = 'SoapFault';
  }

  /** Brand check that also works across duplicated module copies. */
  static isSoapFault(value: unknown): value is SoapFault {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
