import { AlertSeverity, ResourceClass } from '@app/ops-contract';
import { matchingSilence, readyGroups, Silence, suppressingResource, sweepDecision } from './notification-policy';
import { AlertRule, EvalSample, RuleEngine, Transition } from './rule-engine';

const T0 = new Date('2026-11-22T10:00:00+08:00').getTime();
/** A fake clock: sample times are offsets in seconds from T0. */
const at = (sec: number) => new Date(T0 + sec * 1000);

const rule = (over: Partial<AlertRule> = {}): AlertRule => ({
  id: 1,
  name: 'CPU使用率过高',
  kind: 'METRIC',
  metric: 'cpu.usage',
  resourceClass: null,
  resourceId: null,
  comparator: '>=',
  threshold: 90,
  recoveryThreshold: 80,
  forSeconds: 60,
  severity: AlertSeverity.MAJOR,
  repeatIntervalSeconds: 0,
  marksDown: false,
  enabled: true,
  ...over,
});
const classes = new Map<string, ResourceClass>([
  ['NET-1', ResourceClass.NETWORK_DEVICE],
  ['SRV-1', ResourceClass.MIDDLEWARE],
]);
const classOf = (id: string) => classes.get(id);
const s = (sec: number, value: number, resourceId = 'NET-1', metric = 'cpu.usage', subResourceId = ''): EvalSample => ({
  resourceId,
  subResourceId,
  metric,
  value,
  unit: '%',
  sampledAt: at(sec),
});

function run(engine: RuleEngine, samples: EvalSample[]): Transition[] {
  return samples.flatMap((x) => engine.evaluate([x], classOf));
}

describe('alert rule engine (pure, fake clock)', () => {
  let n = 0;
  const newId = () => `ALM-${++n}`;

  it('a flapping series yields one alert and one recovery', () => {
    const engine = new RuleEngine([rule()], newId);
    // over 90 for 90 s, then flapping between 85 and 95 (above the 80 recovery line), then calm
    const values = [95, 96, 97, 94, 92, 85, 95, 86, 96, 84, 93, 88, 70, 60];
    const ts = run(
      engine,
      values.map((v, i) => s(i * 15, v)),
    );
    const kinds = ts.map((t) => t.kind);
    expect(kinds.filter((k) => k === 'FIRING')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'RESOLVED')).toHaveLength(1);
    expect(kinds).toEqual(['PENDING', 'FIRING', 'RESOLVED']);
    const fired = ts[1] as Extract<Transition, { kind: 'FIRING' }>;
    expect(fired.sample.sampledAt).toEqual(at(60)); // held for the full 60 s
    expect(ts[2]).toEqual(expect.objectContaining({ kind: 'RESOLVED', alertId: fired.alertId }));
  });

  it('without hysteresis the same flapping series would alert again and again (what the recovery threshold prevents)', () => {
    const engine = new RuleEngine([rule({ recoveryThreshold: null, forSeconds: 0 })], newId);
    const ts = run(
      engine,
      [95, 85, 95, 86, 96].map((v, i) => s(i * 15, v)),
    );
    expect(ts.filter((t) => t.kind === 'FIRING')).toHaveLength(3);
  });

  it('a threshold held for less than the hold duration raises nothing', () => {
    const engine = new RuleEngine([rule({ forSeconds: 120 })], newId);
    const ts = run(
      engine,
      [95, 96, 97, 98, 99, 99, 99, 99, 50, 95, 96].map((v, i) => s(i * 15, v)),
    ); // 105 s over, then 15 s
    expect(ts.map((t) => t.kind)).toEqual(['PENDING', 'PENDING_CANCELLED', 'PENDING']);
  });

  it('fires at once when the hold duration is zero, and state rules compare with ==', () => {
    const engine = new RuleEngine(
      [
        rule({
          id: 2,
          kind: 'STATE',
          metric: 'if.status',
          comparator: '==',
          threshold: 0,
          recoveryThreshold: null,
          forSeconds: 0,
          severity: AlertSeverity.CRITICAL,
        }),
      ],
      newId,
    );
    const ts = run(engine, [
      s(0, 1, 'NET-1', 'if.status', 'NET-1:ge1'),
      s(15, 0, 'NET-1', 'if.status', 'NET-1:ge1'),
      s(15, 1, 'NET-1', 'if.status', 'NET-1:ge2'),
      s(30, 1, 'NET-1', 'if.status', 'NET-1:ge1'),
    ]);
    expect(ts.map((t) => `${t.kind} ${t.key}`)).toEqual(['FIRING 2|NET-1|NET-1:ge1', 'RESOLVED 2|NET-1|NET-1:ge1']);
  });

  it('ignores samples older than the last one evaluated (late delivery does not rewind the state)', () => {
    const engine = new RuleEngine([rule({ forSeconds: 0 })], newId);
    expect(run(engine, [s(30, 95), s(15, 10)]).map((t) => t.kind)).toEqual(['FIRING']);
  });

  it('respects the class and resource filters of a rule', () => {
    const engine = new RuleEngine([rule({ forSeconds: 0, resourceClass: ResourceClass.MIDDLEWARE })], newId);
    expect(run(engine, [s(0, 99, 'NET-1'), s(0, 99, 'UNKNOWN')])).toEqual([]);
    expect(run(engine, [s(0, 99, 'SRV-1')]).map((t) => t.kind)).toEqual(['FIRING']);
  });

  it('evaluates "down" rules first in a batch so suppression sees the outage before its echoes', () => {
    const engine = new RuleEngine(
      [
        rule({ id: 5, metric: 'if.status', comparator: '<', threshold: 1, forSeconds: 0, recoveryThreshold: null }),
        rule({ id: 9, metric: 'device.up', comparator: '<', threshold: 1, forSeconds: 0, recoveryThreshold: null, marksDown: true }),
      ],
      newId,
    );
    const ts = engine.evaluate([s(0, 0, 'NET-1', 'if.status', 'NET-1:ge1'), s(0, 0, 'NET-1', 'device.up')], classOf);
    expect(ts.map((t) => t.rule.id)).toEqual([9, 5]);
  });
});

describe('notification policy', () => {
  const now = at(0);
  const silence = (over: Partial<Silence>): Silence => ({
    id: 1,
    kind: 'SILENCE',
    ruleId: null,
    resourceId: null,
    subResourceId: null,
    metric: null,
    severity: null,
    startsAt: at(-60),
    endsAt: at(600),
    cancelledAt: null,
    ...over,
  });
  const alert = { ruleId: 1, resourceId: 'NET-1', subResourceId: 'NET-1:ge1', metric: 'if.status', severity: AlertSeverity.CRITICAL };

  it('grouping: events within the window wait and leave together; separate keys are separate notices', () => {
    const events = [
      { logId: 1, groupKey: 'resource:NET-1', at: at(0) },
      { logId: 2, groupKey: 'resource:NET-1', at: at(5) },
      { logId: 3, groupKey: 'resource:NET-1', at: at(9) },
      { logId: 4, groupKey: 'resource:FW-1', at: at(8) },
    ];
    expect(readyGroups(events, at(9), 10_000)).toEqual([]);
    expect(readyGroups(events, at(10), 10_000)).toEqual(['resource:NET-1']);
    expect(readyGroups(events, at(18), 10_000).sort()).toEqual(['resource:FW-1', 'resource:NET-1']);
  });

  it('silence: matches on every set field, only between start and expiry, not after cancellation', () => {
    expect(matchingSilence([silence({ resourceId: 'NET-1' })], alert, now)?.id).toBe(1);
    expect(matchingSilence([silence({ resourceId: 'NET-1', metric: 'cpu.usage' })], alert, now)).toBeUndefined();
    expect(matchingSilence([silence({ resourceId: 'NET-1' })], alert, at(600))).toBeUndefined(); // expired
    expect(matchingSilence([silence({ resourceId: 'NET-1', startsAt: at(10) })], alert, now)).toBeUndefined(); // not yet
    expect(matchingSilence([silence({ resourceId: 'NET-1', cancelledAt: at(-1) })], alert, now)).toBeUndefined();
  });

  it('topology suppression: a down device suppresses its ports and the hosts behind it, but not itself or unrelated resources', () => {
    const parentOf = new Map([
      ['SRV-1', 'NET-1'],
      ['VM-1', 'SRV-1'],
      ['LOOP-A', 'LOOP-B'],
      ['LOOP-B', 'LOOP-A'],
    ]);
    const down = new Set(['NET-1']);
    expect(suppressingResource({ resourceId: 'NET-1', subResourceId: 'NET-1:ge1' }, down, parentOf)).toBe('NET-1');
    expect(suppressingResource({ resourceId: 'SRV-1', subResourceId: '' }, down, parentOf)).toBe('NET-1');
    expect(suppressingResource({ resourceId: 'VM-1', subResourceId: 'VM-1:host' }, down, parentOf)).toBe('NET-1');
    expect(suppressingResource({ resourceId: 'NET-1', subResourceId: '' }, down, parentOf)).toBeUndefined();
    expect(suppressingResource({ resourceId: 'FW-1', subResourceId: 'FW-1:e0' }, down, parentOf)).toBeUndefined();
    expect(suppressingResource({ resourceId: 'LOOP-A', subResourceId: '' }, down, parentOf)).toBeUndefined(); // a cycle ends the walk
  });

  it('sweep: repeats on the interval, stops once acknowledged, and sends the held first notice when a mute ends', () => {
    const base = { status: 'FIRING' as const, notifyCount: 1, lastNotifiedAt: at(-3600), muted: false };
    expect(sweepDecision(base, 3600, now)).toBe('REPEAT');
    expect(sweepDecision({ ...base, lastNotifiedAt: at(-100) }, 3600, now)).toBeUndefined();
    expect(sweepDecision(base, 0, now)).toBeUndefined();
    expect(sweepDecision({ ...base, status: 'ACKNOWLEDGED' }, 3600, now)).toBeUndefined();
    expect(sweepDecision({ ...base, notifyCount: 0, lastNotifiedAt: null }, 0, now)).toBe('FIRING');
    expect(sweepDecision({ ...base, notifyCount: 0, muted: true }, 0, now)).toBeUndefined();
  });
});
