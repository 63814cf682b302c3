import { EscalationEngine, NotifyLogger } from './escalation-engine';

/** Calls engine.tick() every intervalMs, never two at once; a failing tick is logged and the next one runs. */
export class EscalationRunner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly engine: EscalationEngine,
    private readonly intervalMs = 1_000,
    private readonly logger?: NotifyLogger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.engine
        .tick()
        .then(() => undefined)
        .catch((err: unknown) => this.logger?.error({ msg: 'escalation tick failed', err: err instanceof Error ? err.message : String(err) }))
        .finally(() => this.schedule());
    }, this.intervalMs);
  }
}
