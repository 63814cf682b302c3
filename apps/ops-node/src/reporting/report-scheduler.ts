import { ScheduledTick, scheduleTick } from '@app/common';
import { REPORT_CATEGORIES, ReportCategory, ReportMode } from '@app/ops-contract';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OpsNodeConfig } from '../config/ops-node.config';
import { EnqueueReportUseCase } from './enqueue-report.use-case';
import { ReportOutboxRepository } from './report-outbox.repository';
import { SendReportsJob } from './send-reports.job';

/** Each category on its own schedule (incremental), all of them on the full schedule; runs of one category never overlap. */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReportScheduler');
  private readonly tasks: ScheduledTick[] = [];
  private readonly busy = new Set<ReportCategory>();

  constructor(
    private readonly config: OpsNodeConfig,
    private readonly enqueue: EnqueueReportUseCase,
    private readonly sender: SendReportsJob,
    private readonly outbox: ReportOutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    for (const c of REPORT_CATEGORIES) {
      const expr = this.config.reportCron(c);
      // a failure is logged by run() and shown in the category state; the next tick tries again
      if (expr)
        this.tasks.push(
          scheduleTick(
            expr,
            `report-${c}`,
            () => this.run(c, ReportMode.INCREMENTAL),
            () => undefined,
          ),
        );
    }
    if (this.config.REPORT_FULL_CRON) {
      this.tasks.push(
        scheduleTick(this.config.REPORT_FULL_CRON, 'report-full', () => Promise.allSettled(REPORT_CATEGORIES.map((c) => this.run(c, ReportMode.FULL)))),
      );
    }
  }

  /** At start-up, every category that was never reported gets its first (full) report right away. */
  async initialReports(): Promise<void> {
    const never = (await this.outbox.states()).filter((s) => s.watermark === null).map((s) => s.category);
    await Promise.allSettled(never.map((c) => this.run(c, ReportMode.FULL)));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.tasks) await t.stop();
  }

  /** Queues one report and nudges the sender. Errors are logged and shown in the category state, never thrown at cron. */
  async run(category: ReportCategory, mode: ReportMode) {
    if (this.busy.has(category)) return { category, mode, messages: [] as string[], items: 0, skipped: 'a report of this category is being built' };
    this.busy.add(category);
    try {
      const r = await this.enqueue.execute(category, mode);
      if (r.messages.length) void this.sender.drain();
      return r;
    } catch (err) {
      this.logger.error({ msg: 'could not build report', category, mode, err: (err as Error).message });
      throw err;
    } finally {
      this.busy.delete(category);
    }
  }
}
