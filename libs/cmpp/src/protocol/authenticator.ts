import { createHash, timingSafeEqual } from 'node:crypto';
import { CmppEncodeError } from './errors';

/**
 * AuthenticatorSource = MD5(Source_Addr ‖ 9 zero bytes ‖ shared secret ‖ timestamp as 10 ASCII digits).
 * Source_Addr enters the hash with its own length (not padded to 6), as every deployed gateway does.
 * `timestamp` is the MMDDHHMMSS string; the CONNECT carries the same digits as a 4-byte integer,
 * so a month below 10 loses its leading zero on the wire and must be re-padded to 10 digits here.
 */
export function authenticatorSource(sourceAddr: string, secret: string, timestamp: string | number): Buffer {
  const ts = typeof timestamp === 'number' ? String(timestamp).padStart(10, '0') : timestamp;
  if (!/^\d{10}$/.test(ts)) throw new CmppEncodeError(`timestamp "${ts}" is not MMDDHHMMSS`);
  return createHash('md5')
    .update(Buffer.from(sourceAddr, 'latin1'))
    .update(Buffer.alloc(9))
    .update(Buffer.from(secret, 'utf8'))
    .update(Buffer.from(ts, 'latin1'))
    .digest();
}

/** AuthenticatorISMG = MD5(Status as 1 byte ‖ AuthenticatorSource ‖ shared secret): proves the gateway knows the secret too. */
export function authenticatorIsmg(status: number, authSource: Buffer, secret: string): Buffer {
  return createHash('md5')
    .update(Buffer.from([status & 0xff]))
    .update(authSource)
    .update(Buffer.from(secret, 'utf8'))
    .digest();
}

export function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
