import { Clock } from '@app/common';
import { OneWindowConfig } from '../config/one-window.config';
import { DeadlineCalculator } from './deadline.calculator';
import { DeadlineJob } from './deadline.job';
import { CardRow, DeadlineRecord, DeadlineRepository, DeadlineSource } from './deadline.repository';
import { loadHolidayCalendar } from './holiday-calendar.loader';

const bj = (s: string) => new Date(`${s}+08:00`);

/** An in-memory stand-in for the repository: the lease, the watermark and what was written. */
class FakeRepository {
  watermark: Date | null = null;
  leaseOwner: string | null = null;
  upserts: DeadlineRecord[] = [];
  cards: CardRow[] = [];
  failSourcesAt = -1;
  private sourceCalls = 0;
  changed: string[] = [];

  takeLease(owner: string) {
    if (this.leaseOwner && this.leaseOwner !== owner) return Promise.resolve(undefined);
    this.leaseOwner = owner;
    return Promise.resolve({ watermark: this.watermark });
  }
  releaseLease(owner: string, watermark?: Date) {
    if (this.leaseOwner === owner) {
      this.leaseOwner = null;
      if (watermark) this.watermark = watermark;
    }
    return Promise.resolve();
  }
  dbNow() {
    return Promise.resolve(bj('2026-11-18T10:00:00'));
  }
  changedSince() {
    return Promise.resolve(this.changed);
  }
  dueForCheck() {
    return Promise.resolve([]);
  }
  sources(ids: string[]): Promise<DeadlineSource[]> {
    if (this.sourceCalls++ === this.failSourcesAt) return Promise.reject(new Error('connection lost'));
    return Promise.resolve(
      ids.map((applyNo) => ({
        applyNo,
        itemCode: 'AMR-001',
        deptCode: 'AMR',
        windowNo: '01',
        promisedDays: 3,
        legalDays: 15,
        cards: [],
        state: 'ACCEPTED',
        concludedAt: null,
        expiredAt: null,
        versions: [{ version: 1, submittedAt: bj('2026-11-16T10:00:00') }],
        callbacks: [],
      })),
    );
  }
  upsert(records: DeadlineRecord[]) {
    this.upserts.push(...records);
    return Promise.resolve();
  }
  recordCards(cards: CardRow[]) {
    this.cards.push(...cards);
    return Promise.resolve(cards.length);
  }
}

describe('DeadlineJob', () => {
  const config = Object.assign(new OneWindowConfig(), { SUPERVISION_TICK_MS: 1000, DEADLINE_WARN_DAYS: 1, DEADLINE_WARN_FRACTION: 0 });
  const calendar = loadHolidayCalendar();
  const clock: Clock = { now: () => bj('2026-11-20T09:00:00') };
  const make = (repo: FakeRepository) =>
    new DeadlineJob(repo as unknown as DeadlineRepository, new DeadlineCalculator(calendar, config), calendar, clock, config);
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `410404-20261116-${String(i).padStart(6, '0')}`);

  it('computes in batches, records both cards of an overdue application and moves the watermark after a complete run', async () => {
    const repo = new FakeRepository();
    repo.changed = ids(1200);
    const report = await make(repo).runOnce();
    expect(report).toEqual({ skipped: false, candidates: 1200, computed: 1200, cards: 2400 });
    expect(repo.upserts[0].view.state).toBe('OVERDUE');
    expect(repo.cards.slice(0, 2).map((c) => [c.card, c.cardedAt])).toEqual([
      ['YELLOW', bj('2026-11-19T00:00:00')],
      ['RED', bj('2026-11-20T00:00:00')],
    ]);
    expect(repo.watermark).toEqual(bj('2026-11-18T10:00:00'));
    expect(repo.leaseOwner).toBeNull();
  });

  it('a run that fails in its second batch keeps the old watermark and frees the lease: the next run redoes it all', async () => {
    const repo = new FakeRepository();
    repo.changed = ids(1200);
    repo.failSourcesAt = 1;
    await expect(make(repo).runOnce()).rejects.toThrow('connection lost');
    expect(repo.watermark).toBeNull();
    expect(repo.leaseOwner).toBeNull();
    const again = await make(repo).runOnce();
    expect(again.computed).toBe(1200);
  });

  it('skips the run while another replica holds the lease', async () => {
    const repo = new FakeRepository();
    repo.leaseOwner = 'other-replica';
    repo.changed = ids(3);
    expect(await make(repo).runOnce()).toEqual({ skipped: true, candidates: 0, computed: 0, cards: 0 });
    expect(repo.upserts).toEqual([]);
  });

  it('does not record a card the application already has', async () => {
    const repo = new FakeRepository();
    repo.changed = ids(1);
    const sources = repo.sources.bind(repo);
    repo.sources = (x: string[]) => sources(x).then((s) => s.map((a) => ({ ...a, cards: ['YELLOW' as const] })));
    await make(repo).runOnce();
    expect(repo.cards.map((c) => c.card)).toEqual(['RED']);
  });
});
