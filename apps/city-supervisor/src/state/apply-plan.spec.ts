import { ReportItem, ReportMode } from '@app/ops-contract';
import { ApplyRules, ExistingState, planApply } from './apply-plan';

const rules: ApplyRules = { keyOf: (i) => String(i.id), versionOf: (i) => Date.parse(String(i.updatedAt)), removable: true };
const t = (hhmm: string) => `2026-11-22T${hhmm}:00.000+08:00`;
const ms = (hhmm: string) => Date.parse(t(hhmm));
const item = (id: string, at: string, extra: Partial<ReportItem> = {}): ReportItem => ({ id, updatedAt: t(at), ...extra });
const stored = (entries: [string, string, boolean?][]) =>
  new Map<string, ExistingState>(entries.map(([k, at, removed]) => [k, { version: ms(at), removed: removed ?? false }]));

describe('applying a report to the current state', () => {
  it('a FULL inventory report removes the rows it leaves out', () => {
    const plan = planApply(
      [item('r1', '10:00'), item('r2', '10:00')],
      stored([
        ['r1', '09:00'],
        ['r2', '09:00'],
        ['r3', '09:00'],
      ]),
      ReportMode.FULL,
      ms('10:00'),
      rules,
    );
    expect(plan.write.map((i) => i.id)).toEqual(['r1', 'r2']);
    expect(plan.remove).toEqual(['r3']);
  });

  it('a FULL report does not remove rows already removed, nor rows changed after it was generated', () => {
    const plan = planApply(
      [item('r1', '10:00')],
      stored([
        ['r1', '09:00'],
        ['gone', '08:00', true],
        ['fresh', '10:30'],
      ]),
      ReportMode.FULL,
      ms('10:00'),
      rules,
    );
    expect(plan.remove).toEqual([]);
  });

  it('an INCREMENTAL report never removes what it leaves out', () => {
    const plan = planApply(
      [item('r1', '10:00', { removed: true })],
      stored([
        ['r1', '09:00'],
        ['r2', '09:00'],
      ]),
      ReportMode.INCREMENTAL,
      ms('10:00'),
      rules,
    );
    expect(plan.remove).toEqual([]);
    expect(plan.write).toEqual([item('r1', '10:00', { removed: true })]);
  });

  it('categories that are records, not inventory, are never removed by a FULL report', () => {
    const plan = planApply([item('a1', '10:00')], stored([['a2', '09:00']]), ReportMode.FULL, ms('10:00'), { ...rules, removable: false });
    expect(plan.remove).toEqual([]);
  });

  it('a delayed item older than the stored row is not written; an equal one is', () => {
    const plan = planApply(
      [item('r1', '08:00'), item('r2', '09:00')],
      stored([
        ['r1', '09:00'],
        ['r2', '09:00'],
      ]),
      ReportMode.INCREMENTAL,
      ms('10:00'),
      rules,
    );
    expect(plan.write.map((i) => i.id)).toEqual(['r2']);
    expect(plan.stale).toBe(1);
  });

  it('keeps the newest item when a key appears twice in one report (the later one on a tie)', () => {
    const plan = planApply(
      [item('r1', '10:00', { name: 'b' }), item('r1', '09:00', { name: 'a' }), item('r1', '10:00', { name: 'c' })],
      new Map(),
      ReportMode.INCREMENTAL,
      ms('10:00'),
      rules,
    );
    expect(plan.write).toEqual([item('r1', '10:00', { name: 'c' })]);
    expect(plan.stale).toBe(2);
  });
});
