export class HandlerTimeoutError extends Error {
  constructor(public readonly timeoutMs: number) {
    super(`handler did not finish within ${timeoutMs} ms`);
    this.name = 'HandlerTimeoutError';
  }
}

/**
 * Runs `work` with a deadline. On expiry the returned promise rejects with HandlerTimeoutError and
 * `controller` is aborted so cooperative handlers can stop; the work itself cannot be forcibly killed.
 */
export function runWithTimeout<T>(work: () => Promise<T> | T, timeoutMs: number, controller: AbortController): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      const err = new HandlerTimeoutError(timeoutMs);
      controller.abort(err);
      reject(err);
    }, timeoutMs);
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(work());
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (value) => finish(() => resolve(value)),
      (err: unknown) => finish(() => reject(err)),
    );
  });
}
