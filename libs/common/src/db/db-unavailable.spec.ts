import { isDbUnavailableError } from './db-unavailable';

const err = (props: Record<string, unknown>, message = 'x') => Object.assign(new Error(message), props);

describe('isDbUnavailableError', () => {
  it.each([
    ['connection refused', err({ code: 'ECONNREFUSED', errno: -111 }, 'connect ECONNREFUSED 127.0.0.1:3307')],
    ['connection lost', err({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'Connection lost: The server closed the connection.')],
    ['too many connections', err({ code: 'ER_CON_COUNT_ERROR', errno: 1040 }, 'Too many connections')],
    ['too many connections by number only', err({ errno: 1040 })],
    ['server shutting down', err({ code: 'ER_SERVER_SHUTDOWN', errno: 1053 })],
    ['connect timeout', err({ code: 'ETIMEDOUT' }, 'connect ETIMEDOUT')],
    ['closed pool', new Error('Pool is closed.')],
    ['pool queue limit', new Error('Queue limit reached.')],
    ['dead pooled connection', new Error("Can't add new command when connection is in closed state")],
    ['wrapped by TypeORM', err({ driverError: err({ code: 'PROTOCOL_CONNECTION_LOST' }) }, 'QueryFailedError')],
    ['as a cause', err({ cause: err({ code: 'ECONNRESET' }) })],
    ['inside an AggregateError', new AggregateError([err({ code: 'ECONNREFUSED' }), err({ code: 'ECONNREFUSED' })], 'connect failed')],
  ])('%s → unavailable', (_name, e) => {
    expect(isDbUnavailableError(e)).toBe(true);
  });

  it.each([
    ['a duplicate key', err({ code: 'ER_DUP_ENTRY', errno: 1062 })],
    ['a deadlock (retried elsewhere)', err({ code: 'ER_LOCK_DEADLOCK', errno: 1213 })],
    ['a syntax error', err({ code: 'ER_PARSE_ERROR', errno: 1064 })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['Node errno that collides with a MySQL number', err({ code: 'EWHATEVER', errno: -2002 })],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('%s → not unavailable', (_name, e) => {
    expect(isDbUnavailableError(e)).toBe(false);
  });

  it('does not loop on a cyclic cause', () => {
    const a = err({}) as Error & { cause?: unknown };
    a.cause = a;
    expect(isDbUnavailableError(a)).toBe(false);
  });
});
