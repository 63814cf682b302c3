import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length);
  return timingSafeEqual(key, expected);
}

export interface PasswordPolicy {
  minLength: number;
  /** how many of lowercase, uppercase, digit, symbol */
  minClasses: number;
}

const WEAK = ['password', '12345678', '123456789', 'qwertyui', 'admin123', 'abc12345', 'passw0rd', '11111111'];

/** Returns the reason a password is refused, or null (spec 7: no default, empty or weak passwords). */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy, username?: string): string | null {
  if (password.length < policy.minLength) return `密码长度至少 ${policy.minLength} 位`;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) return `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`;
  const lower = password.toLowerCase();
  if (WEAK.some((w) => lower.includes(w))) return '密码过于简单';
  if (username && lower.includes(username.toLowerCase())) return '密码不得包含用户名';
  return null;
}
