import type { ScheduledTick } from './schedule-tick';
import { Logger } from '@nestjs/common';

/**
 * scheduleTick's sibling for periods given in milliseconds (SAMPLER_TICK_MS, ALERT_NOTIFY_TICK_MS …,
 * often below a second, which a cron expression cannot say): runs `tick` every `ms`, never two at
 * once (a tick still running when the next falls due is skipped), without keeping the process alive.
 * A rejected tick goes to `onError` when given, else it is logged under `name`. stop() ends the
 * schedule and waits for the tick in progress.
 */
export function scheduleEvery(ms: number, name: string, tick: () => Promise<unknown>, onError?: (err: Error) => void): ScheduledTick {
  let running: Promise<void> | undefined;
  const report = onError ?? ((err: Error) => new Logger(name).error({ msg: `${name} tick failed`, err: err.message }));
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .then(() => undefined, report)
      .finally(() => (running = undefined));
  }, ms);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
