/**
 * Errors that mean "the database cannot be reached right now" rather than "this request is
 * wrong": the server refused or dropped the connection, is shutting down, has no connection
 * left, or the pool could not get one in time. The REST filter answers them 5006 (HTTP 503,
 * Retry-After) instead of 5000; the request is safe to retry.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'POOL_CLOSED',
  'POOL_ENQUEUELIMIT',
  'POOL_TIMEOUT',
]);

/** MySQL/MariaDB server and client error numbers of the same kind (positive; Node's own errnos are negative). */
const UNAVAILABLE_ERRNOS = new Set([
  1040, // ER_CON_COUNT_ERROR: too many connections
  1053, // ER_SERVER_SHUTDOWN
  1203, // ER_TOO_MANY_USER_CONNECTIONS
  1927, // ER_CONNECTION_KILLED (MariaDB)
  2002, // CR_CONNECTION_ERROR
  2003, // CR_CONN_HOST_ERROR
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST
]);

/** mysql2 and TypeORM messages that carry no code. */
const UNAVAILABLE_MESSAGES = [
  /can't add new command when connection is in closed state/i,
  /pool is closed/i,
  /queue limit reached/i,
  /timeout (?:acquiring|waiting for) (?:a )?connection/i,
  /connection is not established|cannot execute operation on ".*" connection because connection is not yet established/i,
];

export function isDbUnavailableError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as { code?: unknown; errno?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.errno === 'number' && UNAVAILABLE_ERRNOS.has(e.errno)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  // TypeORM wraps the driver's error; Node wraps the attempts of one connect in an AggregateError
  if (isDbUnavailableError(e.driverError, depth + 1) || isDbUnavailableError(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((x) => isDbUnavailableError(x, depth + 1));
}

/** Seconds a client is asked to wait (Retry-After) before retrying a 503 answer. */
export const RETRY_AFTER_SECONDS = 5;
