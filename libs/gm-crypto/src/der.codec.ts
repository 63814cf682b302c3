// Just enough strict DER for SM2 keys, ciphertexts and signatures. Strict on purpose: one byte
// string has one meaning, so a ciphertext or signature cannot be re-encoded into another valid
// form (malleability) and converting between formats is exact in both directions.

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

/** Thrown by the reader; callers translate it into their own GmCryptoError code. */
export class DerError extends Error {}

function encodeLength(len: number): Buffer {
  if (len < 0x80) return Buffer.from([len]);
  const bytes: number[] = [];
  for (let l = len; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function derTlv(tag: number, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(value.length), value]);
}

export function derSequence(...items: Uint8Array[]): Buffer {
  return derTlv(TAG.SEQUENCE, Buffer.concat(items));
}

/** A non-negative INTEGER from big-endian unsigned bytes: minimal, with a 0x00 if the top bit is set. */
export function derUnsignedInteger(unsigned: Uint8Array): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const body = unsigned.length === 0 ? Buffer.from([0]) : Buffer.from(unsigned.subarray(i));
  return derTlv(TAG.INTEGER, body[0] & 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body);
}

export function derSmallInteger(n: number): Buffer {
  return derUnsignedInteger(Buffer.from([n]));
}

export function derBitString(bytes: Uint8Array): Buffer {
  return derTlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), bytes])); // 0 unused bits
}

/** Context-specific constructed tag [n] EXPLICIT. */
export function derExplicit(n: number, inner: Uint8Array): Buffer {
  return derTlv(0xa0 | n, inner);
}

interface Tlv {
  tag: number;
  value: Buffer;
}

/** Reads the elements of one constructed value in order; every read checks tag and bounds. */
export class DerReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  /** Reads a whole buffer that must hold exactly one element with this tag; returns its contents. */
  static readOnly(buf: Buffer, tag: number): DerReader {
    const r = new DerReader(buf);
    const inner = r.read(tag);
    r.end();
    return new DerReader(inner);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  peekTag(): number | undefined {
    return this.done ? undefined : this.buf[this.pos];
  }

  private next(): Tlv {
    const b = this.buf;
    if (this.pos + 2 > b.length) throw new DerError('truncated element');
    const tag = b[this.pos];
    if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used here');
    let len = b[this.pos + 1];
    let p = this.pos + 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0) throw new DerError('indefinite length is not DER');
      if (n > 4 || p + n > b.length) throw new DerError('bad length');
      if (b[p] === 0) throw new DerError('non-minimal length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[p + i];
      if (len < 0x80) throw new DerError('non-minimal length');
      p += n;
    }
    if (p + len > b.length) throw new DerError('truncated value');
    this.pos = p + len;
    return { tag, value: b.subarray(p, p + len) };
  }

  read(tag: number): Buffer {
    const t = this.next();
    if (t.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)}, got 0x${t.tag.toString(16)}`);
    return t.value;
  }

  /** A non-negative INTEGER as minimal big-endian unsigned bytes (no sign byte). */
  readUnsignedInteger(): Buffer {
    const v = this.read(TAG.INTEGER);
    if (v.length === 0) throw new DerError('empty INTEGER');
    if (v[0] & 0x80) throw new DerError('negative INTEGER');
    if (v.length > 1 && v[0] === 0 && !(v[1] & 0x80)) throw new DerError('non-minimal INTEGER');
    return v[0] === 0 && v.length > 1 ? v.subarray(1) : v;
  }

  readSmallInteger(): number {
    const v = this.readUnsignedInteger();
    if (v.length > 1) throw new DerError('INTEGER too large');
    return v[0];
  }

  readBitString(): Buffer {
    const v = this.read(TAG.BIT_STRING);
    if (v.length === 0 || v[0] !== 0) throw new DerError('only whole-byte BIT STRINGs are expected');
    return v.subarray(1);
  }

  readSequence(): DerReader {
    return new DerReader(this.read(TAG.SEQUENCE));
  }

  /** An optional [n] EXPLICIT element: its contents, or undefined when the next tag is another one. */
  readOptionalExplicit(n: number): DerReader | undefined {
    return this.peekTag() === (0xa0 | n) ? new DerReader(this.read(0xa0 | n)) : undefined;
  }

  end(): void {
    if (!this.done) throw new DerError('trailing data');
  }
}

/** Left-pads (or rejects) unsigned big-endian bytes to a fixed width. */
export function fixedWidth(unsigned: Uint8Array, width: number): Buffer | undefined {
  if (unsigned.length > width) return undefined;
  const out = Buffer.alloc(width);
  out.set(unsigned, width - unsigned.length);
  return out;
}
