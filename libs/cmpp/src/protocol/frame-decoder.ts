import { DEFAULT_MAX_FRAME, HEADER_LENGTH } from './constants';
import { CmppProtocolError } from './errors';

/**
 * Cuts a TCP byte stream into CMPP frames. TCP gives no message boundaries: one `data` event may
 * hold half a header, or three PDUs and the start of a fourth. Total_Length (the first 4 bytes,
 * header included) tells where each frame ends. A length below the header size or above
 * `maxFrame` means the stream is garbage or hostile; we refuse it rather than buffer gigabytes.
 */
export class CmppFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrame = DEFAULT_MAX_FRAME) {}

  /** Feeds one chunk; returns every frame it completed (each a standalone copy, header included). */
  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Buffer[] = [];
    let offset = 0;
    while (this.pending.length - offset >= 4) {
      const total = this.pending.readUInt32BE(offset);
      if (total < HEADER_LENGTH || total > this.maxFrame) {
        this.pending = Buffer.alloc(0);
        throw new CmppProtocolError(`Total_Length ${total} outside ${HEADER_LENGTH}..${this.maxFrame}`);
      }
      if (this.pending.length - offset < total) break;
      frames.push(Buffer.from(this.pending.subarray(offset, offset + total)));
      offset += total;
    }
    // keep only the unfinished tail (copied, so the big chunk it came from can be collected)
    this.pending = offset === 0 ? this.pending : Buffer.from(this.pending.subarray(offset));
    return frames;
  }

  /** Bytes received but not yet part of a complete frame. */
  get buffered(): number {
    return this.pending.length;
  }
}
