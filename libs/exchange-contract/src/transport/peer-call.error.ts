/** A failed call to a peer system. 'timeout' and 'network' mean the outcome is unknown: retry, never assume success. */
export class PeerCallError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'fault' | 'http',
    message: string,
    readonly code?: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'PeerCallError';
  }
}
