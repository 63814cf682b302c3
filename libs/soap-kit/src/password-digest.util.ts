import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NonceReplayCache, NonceStore, RememberResult } from './nonce-replay.cache';

/** WS-Security UsernameToken digest: Base64(SHA-1(nonce_bytes + created + password)). */
export function computePasswordDigest(nonceBase64: string, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonceBase64, 'base64'), Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;

export type PasswordLookup = (username: string) => string | undefined;

export type CredentialFailure =
  'missing' | 'malformed' | 'stale' | 'unknown-user' | 'bad-password' | 'replay' | 'replay-cache-full' | 'lookup-failed' | 'password-text-disabled';

export type CredentialCheck = { ok: true; username: string } | { ok: false; reason: CredentialFailure };

export interface VerifyOptions {
  nowMs?: number;
  maxClockSkewMs?: number;
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_USERNAME = 256;

/** Parses Created; returns epoch ms or undefined when malformed. */
export function parseCreated(created: string): number | undefined {
  if (!ISO_RE.test(created)) return undefined;
  const ms = Date.parse(created);
  return Number.isFinite(ms) ? ms : undefined;
}

function safeLookup(lookup: PasswordLookup, username: string): { password?: string; failed: boolean } {
  try {
    const password = lookup(username);
    return { password: typeof password === 'string' ? password : undefined, failed: false };
  } catch {
    return { failed: true };
  }
}

/** Constant-time comparison of two strings of possibly different length. */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

export interface DigestInput {
  username?: string;
  nonce?: string;
  created?: string;
  digest?: string;
}

/**
 * Shared verifier for the SOAP UsernameToken and the HTTP header scheme.
 * Order: shape → freshness → password → replay (a nonce is only burnt by a request that authenticated).
 */
export function verifyPasswordDigest(input: DigestInput, lookup: PasswordLookup, replayCache: NonceReplayCache, options?: VerifyOptions): CredentialCheck;
export function verifyPasswordDigest(
  input: DigestInput,
  lookup: PasswordLookup,
  replayCache: NonceStore,
  options?: VerifyOptions,
): CredentialCheck | Promise<CredentialCheck>;
export function verifyPasswordDigest(
  input: DigestInput,
  lookup: PasswordLookup,
  replayCache: NonceStore,
  options: VerifyOptions = {},
): CredentialCheck | Promise<CredentialCheck> {
  const { username, nonce, created, digest } = input;
  if (!username || !nonce || !created || !digest) return { ok: false, reason: 'missing' };
  if (username.length > MAX_USERNAME || !BASE64_RE.test(nonce) || !BASE64_RE.test(digest)) {
    return { ok: false, reason: 'malformed' };
  }
  const nonceBytes = Buffer.from(nonce, 'base64');
  const digestBytes = Buffer.from(digest, 'base64');
  if (nonceBytes.length < 8 || nonceBytes.length > 64 || digestBytes.length !== 20) return { ok: false, reason: 'malformed' };
  const createdMs = parseCreated(created);
  if (createdMs === undefined) return { ok: false, reason: 'malformed' };
  const now = options.nowMs ?? Date.now();
  const skew = options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  if (Math.abs(now - createdMs) > skew) return { ok: false, reason: 'stale' };

  const { password, failed } = safeLookup(lookup, username);
  if (failed) return { ok: false, reason: 'lookup-failed' };
  // Compute even for unknown users so timing does not reveal which usernames exist.
  const expected = Buffer.from(computePasswordDigest(nonce, created, password ?? '\u0000no-such-user'), 'base64');
  const match = timingSafeEqual(expected, digestBytes);
  if (password === undefined) return { ok: false, reason: 'unknown-user' };
  if (!match) return { ok: false, reason: 'bad-password' };

  // Canonical nonce bytes as key: differently spelled base64 of the same bytes is still a replay.
  return settle(replayCache.checkAndRemember(nonceBytes.toString('base64'), createdMs + skew, now), username);
}

function verdictCheck(verdict: RememberResult, username: string): CredentialCheck {
  if (verdict === 'replay') return { ok: false, reason: 'replay' };
  if (verdict === 'full') return { ok: false, reason: 'replay-cache-full' };
  return { ok: true, username };
}

/** The outcome of the replay check: synchronous for an in-memory cache, a promise for a durable store. */
function settle(verdict: RememberResult | Promise<RememberResult>, username: string): CredentialCheck | Promise<CredentialCheck> {
  return typeof verdict === 'string' ? verdictCheck(verdict, username) : verdict.then((v) => verdictCheck(v, username));
}

export interface PasswordTextInput {
  username?: string;
  password?: string;
  nonce?: string;
  created?: string;
}

/** PasswordText (only when explicitly enabled): Created must be fresh; a Nonce, if sent, is replay-checked. */
export function verifyPasswordText(input: PasswordTextInput, lookup: PasswordLookup, replayCache: NonceReplayCache, options?: VerifyOptions): CredentialCheck;
export function verifyPasswordText(
  input: PasswordTextInput,
  lookup: PasswordLookup,
  replayCache: NonceStore,
  options?: VerifyOptions,
): CredentialCheck | Promise<CredentialCheck>;
export function verifyPasswordText(
  input: PasswordTextInput,
  lookup: PasswordLookup,
  replayCache: NonceStore,
  options: VerifyOptions = {},
): CredentialCheck | Promise<CredentialCheck> {
  const { username, password, nonce, created } = input;
  if (!username || password === undefined || !created) return { ok: false, reason: 'missing' };
  if (username.length > MAX_USERNAME) return { ok: false, reason: 'malformed' };
  const createdMs = parseCreated(created);
  if (createdMs === undefined) return { ok: false, reason: 'malformed' };
  const now = options.nowMs ?? Date.now();
  const skew = options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  if (Math.abs(now - createdMs) > skew) return { ok: false, reason: 'stale' };
  const found = safeLookup(lookup, username);
  if (found.failed) return { ok: false, reason: 'lookup-failed' };
  const match = safeEqual(found.password ?? '\u0000no-such-user', password);
  if (found.password === undefined) return { ok: false, reason: 'unknown-user' };
  if (!match) return { ok: false, reason: 'bad-password' };
  if (nonce) {
    if (!BASE64_RE.test(nonce)) return { ok: false, reason: 'malformed' };
    return settle(replayCache.checkAndRemember(Buffer.from(nonce, 'base64').toString('base64'), createdMs + skew, now), username);
  }
  return { ok: true, username };
}
