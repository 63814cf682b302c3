import { isTransientDbError, retryTransient } from './retry-transient';

const dbError = (errno: number, wrapped = false) =>
  wrapped ? Object.assign(new Error('QueryFailedError'), { driverError: { errno } }) : Object.assign(new Error('x'), { errno });

describe('isTransientDbError', () => {
  it.each([
    ['a deadlock victim (also how Galera reports a certification failure)', 1213],
    ['a lock wait timeout', 1205],
    ['a Galera node not ready (WSREP)', 1047],
  ])('%s is transient', (_name, errno) => {
    expect(isTransientDbError(dbError(errno))).toBe(true);
    expect(isTransientDbError(dbError(errno, true))).toBe(true);
  });

  it.each([
    ['a duplicate key', 1062],
    ['a syntax error', 1064],
    ['a lost connection (the DB-outage handling owns it)', 2013],
  ])('%s is not', (_name, errno) => {
    expect(isTransientDbError(dbError(errno))).toBe(false);
  });

  it('is false for anything that is not a DB error', () => {
    expect(isTransientDbError(new TypeError('x'))).toBe(false);
    expect(isTransientDbError(undefined)).toBe(false);
  });
});

describe('retryTransient', () => {
  it('runs the whole function again after a transient failure, up to the attempts it is given', async () => {
    let runs = 0;
    await expect(
      retryTransient(async () => {
        if (++runs < 3) throw dbError(1213);
        return 'done';
      }, 3),
    ).resolves.toBe('done');
    expect(runs).toBe(3);

    runs = 0;
    await expect(
      retryTransient(async () => {
        runs++;
        throw dbError(1205);
      }, 2),
    ).rejects.toMatchObject({ errno: 1205 });
    expect(runs).toBe(2);
  });

  it('never runs again after any other failure', async () => {
    let runs = 0;
    await expect(
      retryTransient(async () => {
        runs++;
        throw dbError(1062);
      }),
    ).rejects.toMatchObject({ errno: 1062 });
    expect(runs).toBe(1);
  });
});
