import { DEFAULT_SLA, parseSlaTable } from '../shared/work-order-sla-table';
import { dueThresholds, markColumn, SlaSubject, slaClocks, withinReopenWindow } from './work-order-sla';

const t0 = new Date('2026-12-01T08:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const order = (o: Partial<SlaSubject> = {}): SlaSubject => ({
  created_at: t0,
  responded_at: null,
  resolved_at: null,
  respond_target_s: 100,
  resolve_target_s: 1000,
  clock_paused_ms: 0,
  clock_paused_since: null,
  respond_warned_at: null,
  respond_breached_at: null,
  resolve_warned_at: null,
  resolve_breached_at: null,
  ...o,
});

describe('work order SLA clocks', () => {
  it('parses the per-level table and refuses a bad one with the reason', () => {
    expect(parseSlaTable(DEFAULT_SLA)[1]).toEqual({ respondSeconds: 600, resolveSeconds: 1800 });
    expect(parseSlaTable(DEFAULT_SLA)[4]).toEqual({ respondSeconds: 1800, resolveSeconds: 7200 });
    expect(() => parseSlaTable('1:600/1800,2:900/3600,3:1200/7200')).toThrow('level 4 missing');
    expect(() => parseSlaTable('1:600/1800,1:900/3600,3:1200/7200,4:1/2')).toThrow('level 1 given twice');
    expect(() => parseSlaTable('1:600/100,2:900/3600,3:1200/7200,4:1/2')).toThrow('shorter');
    expect(() => parseSlaTable('5:1/2')).toThrow('bad entry');
  });

  it('warns at 75 % and breaches at 100 %, once each (a marked threshold is not due again)', () => {
    expect(dueThresholds(order(), at(74), true)).toEqual([]);
    expect(dueThresholds(order(), at(75), true)).toEqual([{ clock: 'RESPOND', threshold: 'WARNING', percent: 75 }]);
    expect(dueThresholds(order({ respond_warned_at: at(75) }), at(100), true)).toEqual([{ clock: 'RESPOND', threshold: 'BREACH', percent: 100 }]);
    expect(dueThresholds(order(), at(100), true).map((d) => d.threshold)).toEqual(['WARNING', 'BREACH']);
    expect(dueThresholds(order({ responded_at: at(10) }), at(800), true)).toEqual([{ clock: 'RESOLVE', threshold: 'WARNING', percent: 80 }]);
    expect(dueThresholds(order(), at(5000), false)).toEqual([]);
    expect(markColumn('RESOLVE', 'BREACH')).toBe('resolve_breached_at');
  });

  it('pauses the resolve clock while the order waits, and counts only the running time', () => {
    // ran 500 s, waited 2000 s (paused since 500 s), and still waits
    const waiting = order({ responded_at: at(10), clock_paused_since: at(500) });
    expect(dueThresholds(waiting, at(2500), true)).toEqual([]);
    expect(slaClocks(waiting, at(2500), false).resolve).toEqual(expect.objectContaining({ elapsedSeconds: 500, paused: true, running: false, status: 'OK' }));
    // resumed at 2500 s after that pause: 500 + 300 s run
    const resumed = order({ responded_at: at(10), clock_paused_ms: 2000_000 });
    expect(slaClocks(resumed, at(2800), false).resolve).toEqual(expect.objectContaining({ elapsedSeconds: 800, status: 'WARNING', running: true }));
    expect(slaClocks(order({ responded_at: at(50), resolved_at: at(900), clock_paused_since: at(900) }), at(5000), true)).toEqual({
      respond: expect.objectContaining({ status: 'MET', elapsedSeconds: 50 }),
      resolve: expect.objectContaining({ status: 'MET', elapsedSeconds: 900 }),
    });
  });

  it('allows a reopen only inside the window after the resolution', () => {
    expect(withinReopenWindow(at(0), at(60), 60)).toBe(true);
    expect(withinReopenWindow(at(0), at(61), 60)).toBe(false);
    expect(withinReopenWindow(null, at(1), 60)).toBe(false);
  });
});
