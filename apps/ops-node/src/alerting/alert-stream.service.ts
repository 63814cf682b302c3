import { Clock } from '@app/common';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Observable, Subscriber } from 'rxjs';
import { OpsNodeConfig } from '../config/ops-node.config';
import { UnitOfWork } from '../database/unit-of-work';
import { AlertEvents } from './alert-events';
import { AlertRepository, present } from './alert.repository';

/** One event of the live alert window: an alert as it is now (`alert`), or the keep-alive (`ping`). */
export interface AlertStreamEvent {
  type: 'alert' | 'ping';
  /** the change's position (its updated_at in ms): a reconnecting browser sends it back as Last-Event-ID */
  id?: string;
  data: Record<string, unknown>;
}

/** How far back each read looks again: a change committed late with an earlier updated_at is still seen. */
export const STREAM_OVERLAP_MS = 5000;

/**
 * The live alert window's server push. While at least one browser watches, one reader per process
 * reads the alerts changed since its last read (with an overlap, deduplicated) and sends each change to
 * every watcher; a change made in this process wakes the reader at once, one made by another replica is
 * seen on the next read (ALERT_STREAM_POLL_MS). Reading the table, not only in-process events, is what
 * makes the push right with several replicas behind a load balancer.
 */
@Injectable()
export class AlertStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('AlertStream');
  private readonly watchers = new Set<Subscriber<AlertStreamEvent>>();
  /** change keys (alertId@updatedAtMs) sent within the overlap, so no change is sent twice */
  private readonly sent = new Map<string, number>();
  private cursor: Date | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reading: Promise<void> | null = null;
  private again = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
    events: AlertEvents,
  ) {
    this.unsubscribe = events.onStateChanged(() => this.wake());
  }

  /**
   * A watcher's stream: first what changed since `lastEventId` (a reconnect; at most the overlap is sent
   * twice, the browser merges by alert id), then every change as it is read, and a ping now and then.
   */
  stream(lastEventId?: string): Observable<AlertStreamEvent> {
    return new Observable<AlertStreamEvent>((sub) => {
      const resumeFrom = Number(lastEventId);
      if (Number.isFinite(resumeFrom) && resumeFrom > 0) void this.replay(sub, new Date(resumeFrom - STREAM_OVERLAP_MS));
      this.watchers.add(sub);
      if (this.watchers.size === 1) {
        this.cursor = this.clock.now();
        this.sent.clear();
        this.schedule(0);
      }
      const ping = setInterval(() => sub.next({ type: 'ping', data: { at: this.clock.now().toISOString() } }), this.config.ALERT_STREAM_HEARTBEAT_MS);
      sub.next({ type: 'ping', data: { at: this.clock.now().toISOString() } }); // opened: the browser shows 实时推送已连接
      return () => {
        clearInterval(ping);
        this.watchers.delete(sub);
        if (this.watchers.size === 0) clearTimeout(this.timer);
      };
    });
  }

  /** Watchers connected to this process (for /health and the tests). */
  get watching(): number {
    return this.watchers.size;
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    clearTimeout(this.timer);
    for (const w of this.watchers) w.complete();
    this.watchers.clear();
  }

  private wake(): void {
    if (this.watchers.size === 0) return;
    if (this.reading) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.read(), ms);
  }

  private async read(): Promise<void> {
    if (this.reading || this.watchers.size === 0 || !this.cursor) return;
    this.reading = (async () => {
      try {
        const from = new Date(this.cursor!.getTime() - STREAM_OVERLAP_MS);
        const rows = await this.uow.autocommit.get(AlertRepository).changedSince(from, 1000);
        for (const r of rows) {
          const at = new Date(r.updated_at).getTime();
          const key = `${r.alert_id}@${at}`;
          if (this.sent.has(key)) continue;
          this.sent.set(key, at);
          const event: AlertStreamEvent = { type: 'alert', id: String(at), data: present(r) };
          for (const w of this.watchers) w.next(event);
          if (at > this.cursor!.getTime()) this.cursor = new Date(at);
        }
        const floor = this.cursor!.getTime() - 2 * STREAM_OVERLAP_MS;
        for (const [k, at] of this.sent) if (at < floor) this.sent.delete(k);
      } catch (err) {
        this.logger.warn({ msg: 'alert stream read failed; the next read tries again', err: (err as Error).message });
      }
    })();
    await this.reading;
    this.reading = null;
    if (this.watchers.size === 0) return;
    if (this.again) {
      this.again = false;
      this.schedule(0);
    } else this.schedule(this.config.ALERT_STREAM_POLL_MS);
  }

  private async replay(sub: Subscriber<AlertStreamEvent>, from: Date): Promise<void> {
    try {
      for (const r of await this.uow.autocommit.get(AlertRepository).changedSince(from, 1000))
        sub.next({ type: 'alert', id: String(new Date(r.updated_at).getTime()), data: present(r) });
    } catch (err) {
      this.logger.warn({ msg: 'alert stream replay failed', err: (err as Error).message });
    }
  }
}
