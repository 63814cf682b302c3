import type { CredentialFailure } from './password-digest.util';

/**
 * What a caller is told about a refused credential: an unknown user and a wrong password read the
 * same, so the answer never tells which user names exist (the log keeps the real reason).
 */
export function publicAuthReason(reason: CredentialFailure): string {
  return reason === 'unknown-user' || reason === 'bad-password' ? '用户名或密码错误' : reason;
}
