import * as cron from 'node-cron';

/** A periodic job's handle: stop() ends it and frees its timer (call it on shutdown). */
export interface ScheduledTick {
  stop(): Promise<void>;
}

/**
 * Runs `tick` on a cron expression, never two ticks at once. A rejected tick goes to `onError` when
 * given (the job is retried on the next tick); without it the tick is expected to handle its own
 * failures.
 */
export function scheduleTick(expression: string, name: string, tick: () => Promise<unknown>, onError?: (err: Error) => void): ScheduledTick {
  const task = cron.schedule(expression, () => tick().then(() => undefined, onError), { noOverlap: true, name });
  return {
    async stop() {
      await task.stop();
      await task.destroy();
    },
  };
}
