import type { IncomingHttpHeaders } from 'node:http';
import type { NonceReplayCache, NonceStore } from './nonce-replay.cache';
import { computePasswordDigest, newNonce, verifyPasswordDigest, type CredentialCheck, type PasswordLookup, type VerifyOptions } from './password-digest.util';

/**
 * The SOAP UsernameToken/PasswordDigest scheme carried in HTTP headers, for the HTTP/JSON transport.
 * Framework-neutral: feed it `req.headers` from Express, Nest, Fastify or plain node:http.
 */
export const DIGEST_HEADERS = Object.freeze({
  username: 'X-Ws-Username',
  nonce: 'X-Ws-Nonce',
  created: 'X-Ws-Created',
  digest: 'X-Ws-Digest',
});

export type DigestHeaders = {
  'X-Ws-Username': string;
  'X-Ws-Nonce': string;
  'X-Ws-Created': string;
  'X-Ws-Digest': string;
};

export interface DigestCredentials {
  username?: string;
  nonce?: string;
  created?: string;
  digest?: string;
}

const HEADER_SAFE_RE = /^[\x21-\x7e]+$/;

/** Fresh nonce + Created (ISO-8601, UTC) + digest for one request. Usernames must be printable ASCII. */
export function buildDigestHeaders(username: string, password: string, now: Date = new Date()): DigestHeaders {
  if (!HEADER_SAFE_RE.test(username)) throw new TypeError('username must be printable ASCII to travel in a header');
  const nonce = newNonce();
  const created = now.toISOString();
  return {
    'X-Ws-Username': username,
    'X-Ws-Nonce': nonce,
    'X-Ws-Created': created,
    'X-Ws-Digest': computePasswordDigest(nonce, created, password),
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined; // repeated headers are refused
}

/** Extracts the four credential headers from Node-style (lower-cased) headers. */
export function readDigestHeaders(headers: IncomingHttpHeaders): DigestCredentials {
  return {
    username: single(headers['x-ws-username']),
    nonce: single(headers['x-ws-nonce']),
    created: single(headers['x-ws-created']),
    digest: single(headers['x-ws-digest']),
  };
}

/**
 * Same rules as the SOAP side: digest match, Created within ±5 min, nonce single-use. Pass the store
 * the SOAP service of the same accounts uses, so a token spent on one transport is refused on the other.
 */
export function verifyDigest(credentials: DigestCredentials, lookup: PasswordLookup, replayCache: NonceReplayCache, options?: VerifyOptions): CredentialCheck;
export function verifyDigest(
  credentials: DigestCredentials,
  lookup: PasswordLookup,
  replayCache: NonceStore,
  options?: VerifyOptions,
): CredentialCheck | Promise<CredentialCheck>;
export function verifyDigest(
  credentials: DigestCredentials,
  lookup: PasswordLookup,
  replayCache: NonceStore,
  options?: VerifyOptions,
): CredentialCheck | Promise<CredentialCheck> {
  return verifyPasswordDigest(credentials, lookup, replayCache, options);
}
