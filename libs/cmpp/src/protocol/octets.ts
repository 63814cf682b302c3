import { CmppEncodeError } from './errors';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Writes an ASCII string into a fixed-width field, NUL-padded. Refuses to truncate. */
export function writeOctets(buf: Buffer, offset: number, value: string, size: number, field: string): number {
  if (!PRINTABLE_ASCII.test(value)) throw new CmppEncodeError(`${field}: only printable ASCII is allowed`);
  if (value.length > size) throw new CmppEncodeError(`${field}: "${value}" is longer than ${size} bytes`);
  buf.fill(0, offset, offset + size);
  buf.write(value, offset, 'latin1');
  return offset + size;
}

/** Reads a fixed-width field, stopping at the first NUL (peers pad with NUL, some with spaces: trailing spaces are trimmed too). */
export function readOctets(buf: Buffer, offset: number, size: number): string {
  const field = buf.subarray(offset, offset + size);
  const nul = field.indexOf(0);
  return field
    .subarray(0, nul === -1 ? size : nul)
    .toString('latin1')
    .replace(/ +$/, '');
}

export function checkUint8(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new CmppEncodeError(`${field}: ${value} is not an unsigned byte`);
  return value;
}
