import { AlertSeverity, ResourceClass } from '@app/ops-contract';

export const COMPARATORS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** METRIC: a measured value against a threshold; STATE: a state code (if.status, http.up, device.up …) equal or not to a value. */
export type RuleKind = 'METRIC' | 'STATE';

export interface AlertRule {
  id: number;
  name: string;
  kind: RuleKind;
  metric: string;
  resourceClass: ResourceClass | null;
  resourceId: string | null;
  comparator: Comparator;
  threshold: number;
  /** hysteresis: a firing alert recovers only when the condition "value <comparator> recoveryThreshold" no longer holds */
  recoveryThreshold: number | null;
  /** hold duration (Prometheus `for`): the condition must hold this long before the alert fires */
  forSeconds: number;
  severity: AlertSeverity;
  /** 0: notify once; otherwise re-notify an unacknowledged firing alert this often */
  repeatIntervalSeconds: number;
  /** a firing alert of this rule means the resource is down: it suppresses alerts of its ports and of what is behind it */
  marksDown: boolean;
  enabled: boolean;
}

export interface EvalSample {
  resourceId: string;
  subResourceId: string;
  metric: string;
  value: number;
  unit: string;
  sampledAt: Date;
}

export type SeriesPhase = 'INACTIVE' | 'PENDING' | 'FIRING';

export interface SeriesState {
  phase: SeriesPhase;
  /** when the condition started to hold (PENDING) or when the alert fired (FIRING) */
  since: Date | null;
  alertId: string | null;
  /** time of the last sample evaluated: older samples arriving late do not move the state */
  lastAt: Date | null;
}

export type Transition =
  | { kind: 'PENDING'; rule: AlertRule; sample: EvalSample; key: string }
  | { kind: 'PENDING_CANCELLED'; rule: AlertRule; sample: EvalSample; key: string; pendingSince: Date }
  | { kind: 'FIRING'; rule: AlertRule; sample: EvalSample; key: string; alertId: string; pendingSince: Date; resourceClass: ResourceClass }
  | { kind: 'RESOLVED'; rule: AlertRule; sample: EvalSample; key: string; alertId: string };

export function compare(c: Comparator, v: number, t: number): boolean {
  switch (c) {
    case '>':
      return v > t;
    case '>=':
      return v >= t;
    case '<':
      return v < t;
    case '<=':
      return v <= t;
    case '==':
      return v === t;
    case '!=':
      return v !== t;
  }
}

/** Identity of an alert series: one rule on one resource (and sub-resource, e.g. a port). */
export const seriesKey = (ruleId: number, resourceId: string, subResourceId: string) => `${ruleId}|${resourceId}|${subResourceId}`;

export function ruleApplies(rule: AlertRule, s: Pick<EvalSample, 'metric' | 'resourceId'>, cls: ResourceClass | undefined): cls is ResourceClass {
  if (!rule.enabled || rule.metric !== s.metric) return false;
  if (rule.resourceId && rule.resourceId !== s.resourceId) return false;
  return cls !== undefined && (!rule.resourceClass || rule.resourceClass === cls);
}

/** Has a firing series recovered? With a recovery threshold the condition is re-tested against it (hysteresis). */
export function recovered(rule: AlertRule, value: number): boolean {
  const t = rule.recoveryThreshold ?? rule.threshold;
  return !compare(rule.comparator, value, t);
}

export const INACTIVE: SeriesState = { phase: 'INACTIVE', since: null, alertId: null, lastAt: null };

/**
 * One sample through one rule: the state machine inactive → pending (held for `for`) → firing →
 * (recovered) inactive. Pure: the caller owns the state and the new alert id.
 */
export function step(
  rule: AlertRule,
  state: SeriesState,
  sample: EvalSample,
  cls: ResourceClass,
  newId: () => string,
): { next: SeriesState; transition?: Transition } {
  if (state.lastAt && sample.sampledAt < state.lastAt) return { next: state };
  const key = seriesKey(rule.id, sample.resourceId, sample.subResourceId);
  const at = sample.sampledAt;
  const holds = compare(rule.comparator, sample.value, rule.threshold);
  switch (state.phase) {
    case 'INACTIVE': {
      if (!holds) return { next: { ...state, lastAt: at } };
      if (rule.forSeconds <= 0) return fire(rule, sample, key, at, at, cls, newId);
      return { next: { phase: 'PENDING', since: at, alertId: null, lastAt: at }, transition: { kind: 'PENDING', rule, sample, key } };
    }
    case 'PENDING': {
      const since = state.since ?? at;
      if (!holds) return { next: { ...INACTIVE, lastAt: at }, transition: { kind: 'PENDING_CANCELLED', rule, sample, key, pendingSince: since } };
      if (at.getTime() - since.getTime() >= rule.forSeconds * 1000) return fire(rule, sample, key, since, at, cls, newId);
      return { next: { ...state, lastAt: at } };
    }
    case 'FIRING': {
      if (!recovered(rule, sample.value)) return { next: { ...state, lastAt: at } };
      return { next: { ...INACTIVE, lastAt: at }, transition: { kind: 'RESOLVED', rule, sample, key, alertId: state.alertId ?? '' } };
    }
  }
}

function fire(rule: AlertRule, sample: EvalSample, key: string, pendingSince: Date, at: Date, cls: ResourceClass, newId: () => string) {
  const alertId = newId();
  return {
    next: { phase: 'FIRING' as const, since: at, alertId, lastAt: at },
    transition: { kind: 'FIRING' as const, rule, sample, key, alertId, pendingSince, resourceClass: cls },
  };
}

/**
 * The in-memory evaluator: rules indexed by metric, one state per series. Rules that mark a
 * resource down are evaluated first in a batch, so suppression sees the outage before its echoes.
 */
export class RuleEngine {
  private byMetric = new Map<string, AlertRule[]>();
  private readonly states = new Map<string, SeriesState>();

  constructor(
    rules: AlertRule[],
    private readonly newId: () => string,
  ) {
    this.setRules(rules);
  }

  setRules(rules: AlertRule[]): void {
    this.byMetric = new Map();
    for (const r of [...rules].filter((x) => x.enabled).sort((a, b) => Number(b.marksDown) - Number(a.marksDown) || a.id - b.id)) {
      const list = this.byMetric.get(r.metric) ?? [];
      list.push(r);
      this.byMetric.set(r.metric, list);
    }
  }

  hasRulesFor(metric: string): boolean {
    return this.byMetric.has(metric);
  }

  load(key: string, state: SeriesState): void {
    this.states.set(key, state);
  }

  clear(): void {
    this.states.clear();
  }

  state(key: string): SeriesState {
    return this.states.get(key) ?? INACTIVE;
  }

  /** Forgets every series of a rule (deleted or changed); its open alerts are resolved by the caller. */
  forgetRule(ruleId: number): void {
    for (const k of [...this.states.keys()]) if (k.startsWith(`${ruleId}|`)) this.states.delete(k);
  }

  evaluate(samples: EvalSample[], classOf: (resourceId: string) => ResourceClass | undefined): Transition[] {
    const down: Transition[] = [];
    const rest: Transition[] = [];
    const ordered = [...samples].sort((a, b) => a.sampledAt.getTime() - b.sampledAt.getTime());
    for (const s of ordered) {
      const rules = this.byMetric.get(s.metric);
      if (!rules) continue;
      const cls = classOf(s.resourceId);
      for (const rule of rules) {
        if (!ruleApplies(rule, s, cls)) continue;
        const key = seriesKey(rule.id, s.resourceId, s.subResourceId);
        const { next, transition } = step(rule, this.state(key), s, cls, this.newId);
        if (next.phase === 'INACTIVE' && !transition) this.states.delete(key);
        else this.states.set(key, next);
        if (transition) (rule.marksDown ? down : rest).push(transition);
      }
    }
    return [...down, ...rest];
  }
}
