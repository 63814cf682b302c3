import { Clock, ScheduledTick, scheduleEvery } from '@app/common';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { OneWindowConfig } from '../config/one-window.config';
import { DeadlineCalculator } from './deadline.calculator';
import { CardRow, DeadlineRecord, DeadlineRepository } from './deadline.repository';
import { beijingDay, dayKey, HolidayCalendar } from './rules/holiday-calendar';
import { SUPERVISION_CLOCK } from './supervision-clock';

const BATCH = 500;
/** rows updated this long before the last run's start are read again: a transaction may commit after its updated_at */
const WATERMARK_MARGIN_MS = 60_000;

export interface DeadlineRunReport {
  /** another replica held the lease */
  skipped: boolean;
  candidates: number;
  computed: number;
  /** cards recorded in this run */
  cards: number;
}

/**
 * Recomputes the time-limit state of the applications whose state may have changed: those
 * changed since the last run (a submission, a 补正补齐, 受理, 办结 — every one bumps
 * application.updated_at) and the open ones whose next threshold (yellow, red, legal, a new day)
 * has come (application_deadline.next_check_at). Each run costs what changed, not the table.
 * Idempotent: the same facts and time give the same rows; cards are INSERT IGNORE on
 * (申报号, card). One replica at a time (a lease row); the watermark moves only after a complete
 * run, so a run killed mid-way is redone.
 */
@Injectable()
export class DeadlineJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineJob.name);
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private task?: ScheduledTick;

  constructor(
    private readonly repo: DeadlineRepository,
    private readonly calculator: DeadlineCalculator,
    private readonly calendar: HolidayCalendar,
    @Inject(SUPERVISION_CLOCK) private readonly clock: Clock,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.checkCalendar();
    this.task = scheduleEvery(
      this.config.SUPERVISION_TICK_MS,
      'deadline',
      () => this.runOnce(),
      (err) => this.logger.warn({ msg: 'deadline recompute failed; retried on the next tick', err: err.message }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** Says at boot when this year or the next is missing from the calendar or only projected: the operator must update the file. */
  private checkCalendar(): void {
    const year = Number(dayKey(beijingDay(this.clock.now().getTime())).slice(0, 4));
    for (const y of [year, year + 1]) {
      const c = this.calendar.years.find((x) => x.year === y);
      if (!c) this.logger.warn({ msg: 'the holiday calendar has no arrangement for this year: only weekends are days off', year: y });
      else if (c.status !== 'published')
        this.logger.warn({ msg: 'the holiday calendar of this year is a projection: check it against the State Council notice', year: y });
    }
  }

  async runOnce(): Promise<DeadlineRunReport> {
    const leaseSeconds = Math.max(60, Math.ceil((this.config.SUPERVISION_TICK_MS * 5) / 1000));
    const lease = await this.repo.takeLease(this.owner, leaseSeconds);
    if (!lease) return { skipped: true, candidates: 0, computed: 0, cards: 0 };
    const report: DeadlineRunReport = { skipped: false, candidates: 0, computed: 0, cards: 0 };
    try {
      const startedAt = await this.repo.dbNow();
      const now = this.clock.now();
      const since = lease.watermark ? new Date(lease.watermark.getTime() - WATERMARK_MARGIN_MS) : null;
      const ids = [...new Set([...(await this.repo.changedSince(since)), ...(await this.repo.dueForCheck(now))])];
      report.candidates = ids.length;
      for (let i = 0; i < ids.length; i += BATCH) {
        // a run that outlived its lease stops: another replica may be on it now (the watermark stays, nothing is lost)
        if (i > 0 && !(await this.repo.takeLease(this.owner, leaseSeconds))) throw new Error('deadline job lost its lease mid-run');
        const sources = await this.repo.sources(ids.slice(i, i + BATCH));
        const computed = sources.map((s) => ({ s, r: this.calculator.compute(s, now) }));
        const records = computed.flatMap(({ r }) => (r ? [r] : []));
        await this.repo.upsert(records, startedAt);
        // only the cards not recorded yet (INSERT IGNORE keeps it right when two runs race anyway)
        report.cards += await this.repo.recordCards(computed.flatMap(({ s, r }) => (r ? cardsOf(r).filter((c) => !s.cards.includes(c.card)) : [])));
        report.computed += records.length;
      }
      await this.repo.releaseLease(this.owner, startedAt);
    } catch (err) {
      await this.repo.releaseLease(this.owner).catch(() => undefined);
      throw err;
    }
    if (report.cards > 0) this.logger.log({ msg: 'time-limit cards recorded', ...report });
    return report;
  }
}

/** The cards a computed deadline has earned: yellow once the warning began, red once overdue; each at the instant it was due. */
export function cardsOf(r: DeadlineRecord): CardRow[] {
  const base = { applyNo: r.applyNo, itemCode: r.itemCode, deptCode: r.deptCode, windowNo: r.windowNo };
  const out: CardRow[] = [];
  const { view } = r;
  if (view.warnAt && view.state !== 'NORMAL') out.push({ ...base, card: 'YELLOW', cardedAt: view.warnAt });
  if (view.state === 'OVERDUE') out.push({ ...base, card: 'RED', cardedAt: view.overdueAt });
  return out;
}
