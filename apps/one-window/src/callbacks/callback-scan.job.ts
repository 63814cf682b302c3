import { AppError, ReturnCode, runWithCorrelation, ScheduledTick, scheduleTick } from '@app/common';
import { CallbackStage, Topology } from '@app/exchange-contract';
import { FrontDbRegistry } from '@app/front-db';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OneWindowConfig, TOPOLOGY } from '../config/one-window.config';
import { byApplyOrder, TakeCallbackUseCase } from './take-callback.use-case';

export interface ScanReport {
  found: number;
  taken: number;
  deferred: number;
  busy: number;
}

/**
 * 定时扫描前置机: every SCAN_CRON tick, find callbacks older than SCAN_LAG_MS that have no
 * TAKEN shadow row and take them. Ticks never overlap (node-cron noOverlap plus a guard);
 * replicas may scan the same front DB — the take locks each record with SKIP LOCKED.
 */
@Injectable()
export class CallbackScanJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CallbackScanJob.name);
  private task?: ScheduledTick;
  private running = false;
  readonly totals: ScanReport = { found: 0, taken: 0, deferred: 0, busy: 0 };
  /** records that failed or were deferred recently → when to look at them again (ms) */
  private readonly backoff = new Map<string, number>();

  constructor(
    private readonly frontDbs: FrontDbRegistry,
    private readonly take: TakeCallbackUseCase,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onApplicationBootstrap(): void {
    this.task = scheduleTick(this.config.SCAN_CRON, 'callback-scan', () => this.runOnce());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  async runOnce(): Promise<ScanReport> {
    const report: ScanReport = { found: 0, taken: 0, deferred: 0, busy: 0 };
    if (this.running) return report;
    this.running = true;
    try {
      for (const dept of this.topology.departments) {
        try {
          await this.scanDepartment(dept.code, report);
        } catch (err) {
          // a department whose front DB is down is reported by the registry, not every tick here
          if (!(err instanceof AppError && err.code === ReturnCode.FRONT_DB_UNAVAILABLE))
            this.logger.warn({ msg: 'scan of front DB failed', dept: dept.code, err: (err as Error).message });
        }
      }
    } finally {
      this.running = false;
    }
    for (const k of Object.keys(report) as (keyof ScanReport)[]) this.totals[k] += report[k];
    if (report.taken > 0) this.logger.log({ msg: 'scan recovered callbacks', ...report });
    return report;
  }

  private async scanDepartment(deptCode: string, report: ScanReport): Promise<void> {
    const now = Date.now();
    const id = (r: { applyNo: string; version: number; stage: string }) => `${deptCode}#${r.applyNo}#${r.version}#${r.stage}`;
    for (const [k, until] of this.backoff) if (until <= now) this.backoff.delete(k);
    // read past the records that are backing off, so they can never fill the window and stall the scan
    const waiting = [...this.backoff.keys()].filter((k) => k.startsWith(`${deptCode}#`)).length;
    const rows = (await this.frontDbs.get(deptCode).listUntaken('callback', this.config.SCAN_LAG_MS, this.config.SCAN_BATCH + waiting)).filter(
      (r) => !this.backoff.has(id(r)),
    );
    report.found += rows.length;
    if (rows.length === 0) return;
    const cid = `scan-${randomUUID()}`;
    const keys = rows.map((r) => ({ applyNo: r.applyNo, version: r.version, stage: r.stage as CallbackStage })).sort(byApplyOrder);
    const results = await runWithCorrelation(cid, () => this.take.execute(deptCode, keys, 'SCAN', cid));
    results.forEach((res, i) => {
      if (res.status === 'taken') report.taken++;
      else if (res.status === 'deferred') {
        report.deferred++;
        this.backoff.set(id(keys[i]), now + 10_000);
      } else if (res.status === 'failed') this.backoff.set(id(keys[i]), now + 60_000);
      else if (res.status === 'busy') report.busy++;
    });
  }
}
