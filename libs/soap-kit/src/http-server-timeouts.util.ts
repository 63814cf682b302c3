import type { Server } from 'node:http';

export interface HttpServerTimeouts {
  /** Whole request (headers + body) must arrive within this. Node default 300 s. */
  requestTimeoutMs?: number;
  /** Headers must arrive within this (slowloris). Capped at requestTimeoutMs. Node default 60 s. */
  headersTimeoutMs?: number;
  /** Idle keep-alive sockets are closed after this. Keep it above the clients' idle timeout. */
  keepAliveTimeoutMs?: number;
}

export const DEFAULT_HTTP_SERVER_TIMEOUTS: Required<HttpServerTimeouts> = Object.freeze({
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
});

/** Applies request/headers/keep-alive timeouts to a Node http(s) server (e.g. `app.getHttpServer()` in Nest). */
export function applyHttpServerTimeouts(server: Server, timeouts: HttpServerTimeouts = {}): Required<HttpServerTimeouts> {
  const t = { ...DEFAULT_HTTP_SERVER_TIMEOUTS, ...timeouts };
  t.headersTimeoutMs = Math.min(t.headersTimeoutMs, t.requestTimeoutMs);
  server.requestTimeout = t.requestTimeoutMs;
  server.headersTimeout = t.headersTimeoutMs;
  server.keepAliveTimeout = t.keepAliveTimeoutMs;
  return t;
}
