/**
 * Password policy (MLPS level 3, spec 7). Pure: the caller supplies the history check.
 * Character classes are letters, digits and symbols — upper and lower case are ONE class in the
 * standard profile; the strict profile additionally demands both cases.
 */
export interface PasswordPolicy {
  profile: 'standard' | 'strict';
  minLength: number;
  /** how many of {letters, digits, symbols} */
  minClasses: number;
  /** require both upper- and lower-case letters */
  requireMixedCase: boolean;
  /** refuse a password equal to one of the last N */
  historyCount: number;
  /** force a change after this many days (0 = never) */
  maxAgeDays: number;
}

export const PASSWORD_PROFILES: Record<PasswordPolicy['profile'], PasswordPolicy> = {
  standard: { profile: 'standard', minLength: 8, minClasses: 2, requireMixedCase: false, historyCount: 5, maxAgeDays: 90 },
  strict: { profile: 'strict', minLength: 18, minClasses: 3, requireMixedCase: true, historyCount: 12, maxAgeDays: 30 },
};

/**
 * Common weak passwords and their roots. A candidate is refused when, after undoing the usual
 * substitutions (@→a, 0→o, 1→i/l, 3→e, $→s …) and dropping trailing digits/symbols, it is one of
 * these roots or the plain lower-cased password is in the list.
 */
const WEAK_ROOTS = [
  'password',
  'passwd',
  'admin',
  'administrator',
  'root',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'zxcvbn',
  'abc',
  'abcd',
  'abcdef',
  'letmein',
  'welcome',
  'iloveyou',
  'test',
  'guest',
  'user',
  'master',
  'changeme',
  'default',
  'system',
  'manager',
  'login',
  'woaini',
  'huawei',
  'china',
  'sunshine',
  'dragon',
  'monkey',
  'football',
  'baseball',
  'superman',
  'trustno',
  'mima',
  'aaaa',
  'oracle',
  'mysql',
];
const WEAK_EXACT = [
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '00000000',
  '88888888',
  '66666666',
  '12341234',
  '1qaz2wsx',
  '1q2w3e4r',
  'qazwsxedc',
  'a1b2c3d4',
  'abc12345',
  'abcd1234',
  'aa123456',
  'qq123456',
  '5201314',
];
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', $: 's', '5': 's', '7': 't', '9': 'g' };

function deLeet(s: string): string {
  return s.replace(/[@4013!$579]/g, (c) => LEET[c] ?? c);
}

/** Is the password a common weak one, in any of its usual disguises? */
export function isWeakPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (WEAK_EXACT.includes(lower)) return true;
  // strip decoration at both ends: "Admin@123" → "admin", "P@ssw0rd!" → "password"
  const core = lower.replace(/^[^a-z@$]+/, '').replace(/[^a-z]+$/, '');
  const candidates = new Set([core, deLeet(core), deLeet(lower).replace(/[^a-z]+$/, ''), lower.replace(/[^a-z]/g, '')]);
  for (const c of candidates) {
    if (c.length === 0) continue;
    if (WEAK_ROOTS.includes(c)) return true;
    // keyboard runs and single-character repeats
    if (/^(.)\1+$/.test(c)) return true;
  }
  // a single weak root padded only with digits/symbols
  const letters = deLeet(lower).replace(/[^a-z]/g, '');
  return letters.length > 0 && WEAK_ROOTS.includes(letters) && lower.replace(/[a-z@$]/g, '').length <= 6;
}

/** The classes present: letters, digits, symbols (case does not count as a class). */
export function characterClasses(password: string): number {
  return [/\p{L}/u, /[0-9]/, /[^\p{L}0-9]/u].filter((re) => re.test(password)).length;
}

/** The reason a password is refused, in Chinese, or null. `inHistory` says it equals one of the last N. */
export function checkPassword(password: string, policy: PasswordPolicy, username?: string, inHistory = false): string | null {
  if (password.length < policy.minLength) return `密码长度至少 ${policy.minLength} 位`;
  if (password.length > 128) return '密码长度不得超过 128 位';
  if (/[\p{Cc}\s]/u.test(password)) return '密码不得包含空格或控制字符';
  if (characterClasses(password) < policy.minClasses) return `密码须包含字母、数字、符号中的至少 ${policy.minClasses} 类`;
  if (policy.requireMixedCase && !(/[a-z]/.test(password) && /[A-Z]/.test(password))) return '密码须同时包含大写字母和小写字母';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return '密码不得包含用户名';
  if (isWeakPassword(password)) return '密码过于简单，属于常见弱口令';
  if (inHistory) return `新密码不得与最近 ${policy.historyCount} 次使用过的密码相同`;
  return null;
}

/** Has the password outlived the rotation period? */
export function passwordExpired(changedAt: Date, policy: PasswordPolicy, now: Date): boolean {
  return policy.maxAgeDays > 0 && now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}
