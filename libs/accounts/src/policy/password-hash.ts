import { createHash, pbkdf2 as pbkdf2Cb, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2 = promisify(pbkdf2Cb);
const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** PBKDF2-HMAC-SM3 (commercial-crypto assessment: SM3 where a hash is needed); ~45 ms on this class of machine. */
const ITERATIONS = 60_000;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await pbkdf2(password, salt, ITERATIONS, 32, 'sm3');
  return `pbkdf2-sm3$${ITERATIONS}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Verifies against our PBKDF2-SM3 hashes and the scrypt hashes of the first clerk table. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts[0] === 'pbkdf2-sm3' && parts.length === 4) {
    const iterations = Number(parts[1]);
    if (!Number.isInteger(iterations) || iterations < 1000 || iterations > 10_000_000) return false;
    const expected = Buffer.from(parts[3], 'base64');
    const key = await pbkdf2(password, Buffer.from(parts[2], 'base64'), iterations, expected.length, 'sm3');
    return timingSafeEqual(key, expected);
  }
  if (parts[0] === 'scrypt' && parts.length === 3) {
    const expected = Buffer.from(parts[2], 'base64');
    const key = await scrypt(password, Buffer.from(parts[1], 'base64'), expected.length);
    return timingSafeEqual(key, expected);
  }
  return false;
}

/** A hash no password matches, verified for unknown user names so that they cost what a real check costs. */
export const UNMATCHABLE_HASH = `pbkdf2-sm3$${ITERATIONS}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;

/** A password the security admin hands over once (reset, new account): 16 characters of four classes. */
export function generateInitialPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '#%*+-=@^_'];
  const bytes = randomBytes(32);
  const chars = Array.from({ length: 16 }, (_, i) => {
    const set = sets[i % sets.length];
    return set[bytes[i] % set.length];
  });
  // shuffle with the remaining bytes so the classes are not in a fixed order
  for (let i = chars.length - 1; i > 0; i--) {
    const j = bytes[16 + i] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** Session tokens: 256 random bits handed to the client; only their SM3 digest is stored. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

export function sessionIdOf(token: string): string {
  return createHash('sm3').update(token).digest('hex');
}
