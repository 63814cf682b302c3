/** A byte sequence that is not a valid CMPP frame or PDU. The connection that sent it cannot be trusted any more. */
export class CmppProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CmppProtocolError';
  }
}

/** A value that cannot be encoded into its field (too long, not ASCII, out of range). A caller bug, not a peer problem. */
export class CmppEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CmppEncodeError';
  }
}
