import type { NonceReplayCache, NonceStore } from './nonce-replay.cache';
import { verifyPasswordDigest, verifyPasswordText, type CredentialCheck, type PasswordLookup, type VerifyOptions } from './password-digest.util';

const TOKEN_PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
const DIGEST_TYPE = `${TOKEN_PROFILE}#PasswordDigest`;
const TEXT_TYPE = `${TOKEN_PROFILE}#PasswordText`;

export interface UsernameTokenOptions extends VerifyOptions {
  allowPasswordText?: boolean;
}

type Parsed = Record<string, unknown>;

function isObject(value: unknown): value is Parsed {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** node-soap gives either the text, or `{ attributes, $value }` when the element had attributes. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (isObject(value) && typeof value.$value === 'string') return value.$value.trim();
  if (isObject(value) && typeof value.$value === 'number') return String(value.$value);
  return undefined;
}

function attrOf(value: unknown, name: string): string | undefined {
  if (!isObject(value) || !isObject(value.attributes)) return undefined;
  const attr = value.attributes[name];
  return typeof attr === 'string' ? attr.trim() : undefined;
}

/**
 * Verifies `<wsse:Security><wsse:UsernameToken>` as parsed by node-soap (`obj.Header.Security`).
 * Exactly one UsernameToken; PasswordDigest always; PasswordText only when allowed.
 */
export function verifyUsernameToken(security: unknown, lookup: PasswordLookup, replayCache: NonceReplayCache, options?: UsernameTokenOptions): CredentialCheck;
export function verifyUsernameToken(
  security: unknown,
  lookup: PasswordLookup,
  replayCache: NonceStore,
  options?: UsernameTokenOptions,
): CredentialCheck | Promise<CredentialCheck>;
export function verifyUsernameToken(
  security: unknown,
  lookup: PasswordLookup,
  replayCache: NonceStore,
  options: UsernameTokenOptions = {},
): CredentialCheck | Promise<CredentialCheck> {
  if (!isObject(security)) return { ok: false, reason: 'missing' };
  const token = security.UsernameToken;
  if (token === undefined) return { ok: false, reason: 'missing' };
  if (!isObject(token)) return { ok: false, reason: 'malformed' };
  if ([token.Username, token.Password, token.Nonce, token.Created].some(Array.isArray)) {
    return { ok: false, reason: 'malformed' };
  }
  const username = textOf(token.Username);
  const password = textOf(token.Password);
  const nonce = textOf(token.Nonce);
  const created = textOf(token.Created);
  const type = attrOf(token.Password, 'Type') ?? TEXT_TYPE; // the profile's default is PasswordText
  if (type === DIGEST_TYPE) {
    return verifyPasswordDigest({ username, nonce, created, digest: password }, lookup, replayCache, options);
  }
  if (type === TEXT_TYPE) {
    if (!options.allowPasswordText) return { ok: false, reason: 'password-text-disabled' };
    return verifyPasswordText({ username, password, nonce, created }, lookup, replayCache, options);
  }
  return { ok: false, reason: 'malformed' };
}
