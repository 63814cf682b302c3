import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { DEFAULT_MAX_FRAME } from '../protocol/constants';
import { CmppFrameDecoder } from '../protocol/frame-decoder';
import { decodePdu, encodePdu } from '../protocol/pdu.codec';
import { Pdu } from '../protocol/pdu.types';

export interface CmppConnectionEvents {
  pdu: [Pdu];
  /** the peer sent bytes that are not CMPP; the socket is destroyed right after */
  protocolError: [Error];
  close: [];
}

/**
 * One TCP connection speaking CMPP: frames the byte stream, decodes and encodes PDUs, hands out
 * Sequence_Ids. Both sides use it: the client session and the simulated gateway.
 */
export class CmppConnection extends EventEmitter<CmppConnectionEvents> {
  private readonly decoder: CmppFrameDecoder;
  private seq = 0;
  private closed = false;
  private corked = false;
  /** Date.now() of the last complete PDU received (drives idle heartbeats) */
  lastReceivedAt = Date.now();

  constructor(
    readonly socket: Socket,
    maxFrame = DEFAULT_MAX_FRAME,
  ) {
    super();
    this.decoder = new CmppFrameDecoder(maxFrame);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // errors always end in 'close'; the session reacts there
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.emit('close');
    });
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Buffer[];
    const pdus: Pdu[] = [];
    try {
      frames = this.decoder.push(chunk);
      for (const f of frames) pdus.push(decodePdu(f));
    } catch (err) {
      this.emit('protocolError', err as Error);
      this.destroy();
      return;
    }
    for (const p of pdus) {
      if (this.closed) return;
      this.lastReceivedAt = Date.now();
      this.emit('pdu', p);
    }
  }

  /** Sequence_Ids run 1..0xFFFFFFFF and wrap; 0 is never used. */
  nextSeq(): number {
    this.seq = this.seq >= 0xffffffff ? 1 : this.seq + 1;
    return this.seq;
  }

  /**
   * Writes one PDU; false when the connection is already gone (the caller treats it as unanswered).
   * PDUs written in the same tick (a window refill, the answers to one TCP chunk) leave in one
   * write: the socket is corked until the next tick.
   */
  send(p: Pdu): boolean {
    if (this.closed || this.socket.destroyed) return false;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(encodePdu(p));
    return true;
  }

  get isOpen(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  /** Flushes what was written, then closes. */
  end(): void {
    if (!this.closed) this.socket.end();
  }

  destroy(): void {
    if (!this.socket.destroyed) this.socket.destroy();
  }
}
