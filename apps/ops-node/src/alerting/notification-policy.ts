import { AlertSeverity } from '@app/ops-contract';

/** A silence or a maintenance window (维护窗口): alerts it matches stay visible but send no notice until it expires. */
export interface Silence {
  id: number;
  kind: 'SILENCE' | 'MAINTENANCE';
  ruleId: number | null;
  resourceId: string | null;
  subResourceId: string | null;
  metric: string | null;
  severity: AlertSeverity | null;
  startsAt: Date;
  endsAt: Date;
  cancelledAt: Date | null;
}

export interface AlertIdentity {
  ruleId: number;
  resourceId: string;
  subResourceId: string;
  metric: string;
  severity: AlertSeverity;
}

export function silenceActive(s: Silence, now: Date): boolean {
  return !s.cancelledAt && s.startsAt <= now && now < s.endsAt;
}

/** The first active silence whose every set matcher equals the alert's field (unset matchers match anything). */
export function matchingSilence(silences: Silence[], a: AlertIdentity, now: Date): Silence | undefined {
  return silences.find(
    (s) =>
      silenceActive(s, now) &&
      (s.ruleId === null || s.ruleId === a.ruleId) &&
      (s.resourceId === null || s.resourceId === a.resourceId) &&
      (s.subResourceId === null || s.subResourceId === a.subResourceId) &&
      (s.metric === null || s.metric === a.metric) &&
      (s.severity === null || s.severity === a.severity),
  );
}

/**
 * Topology suppression: an alert is suppressed by the nearest down resource among its own device
 * (when the alert is about a port or other sub-resource) and the resources it sits behind.
 * `down` holds resources with a firing "down" alert; `parentOf` is the operator-set "behind" relation.
 */
export function suppressingResource(
  a: Pick<AlertIdentity, 'resourceId' | 'subResourceId'>,
  down: ReadonlySet<string>,
  parentOf: ReadonlyMap<string, string>,
): string | undefined {
  if (a.subResourceId && down.has(a.resourceId)) return a.resourceId;
  const seen = new Set<string>([a.resourceId]);
  for (let p = parentOf.get(a.resourceId); p !== undefined && !seen.has(p); p = parentOf.get(p)) {
    if (down.has(p)) return p;
    seen.add(p);
  }
  return undefined;
}

export type NoticeKind = 'FIRING' | 'REPEAT' | 'RESOLVED';

export interface PendingEvent {
  logId: number;
  groupKey: string;
  at: Date;
}

/**
 * Grouping (Alertmanager group_wait): events of one group key are held until the oldest is
 * `windowMs` old, then all of them go out as one notice. Returns the group keys ready now.
 */
export function readyGroups(events: PendingEvent[], now: Date, windowMs: number): string[] {
  const oldest = new Map<string, number>();
  for (const e of events) oldest.set(e.groupKey, Math.min(oldest.get(e.groupKey) ?? Infinity, e.at.getTime()));
  return [...oldest].filter(([, t]) => now.getTime() - t >= windowMs).map(([k]) => k);
}

export type GroupBy = 'resource' | 'rule' | 'severity' | 'none';

export function groupKeyOf(by: GroupBy, a: AlertIdentity & { alertId: string }): string {
  switch (by) {
    case 'resource':
      return `resource:${a.resourceId}`;
    case 'rule':
      return `rule:${a.ruleId}`;
    case 'severity':
      return `severity:${a.severity}`;
    case 'none':
      return `alert:${a.alertId}`;
  }
}

/** What the notification sweep owes an active alert now. */
export function sweepDecision(
  a: { status: 'FIRING' | 'ACKNOWLEDGED'; notifyCount: number; lastNotifiedAt: Date | null; muted: boolean },
  repeatIntervalSeconds: number,
  now: Date,
): NoticeKind | undefined {
  if (a.muted || a.status !== 'FIRING') return undefined; // an acknowledged alert has an owner: no more reminders
  if (a.notifyCount === 0) return 'FIRING'; // muted when it fired (silence, maintenance, topology) and no longer is
  if (repeatIntervalSeconds > 0 && a.lastNotifiedAt && now.getTime() - a.lastNotifiedAt.getTime() >= repeatIntervalSeconds * 1000) return 'REPEAT';
  return undefined;
}

const SEVERITY_RANK: Record<AlertSeverity, number> = {
  [AlertSeverity.CRITICAL]: 4,
  [AlertSeverity.MAJOR]: 3,
  [AlertSeverity.MINOR]: 2,
  [AlertSeverity.WARNING]: 1,
};

export function worstSeverity(list: AlertSeverity[]): AlertSeverity {
  return list.reduce((w, s) => (SEVERITY_RANK[s] > SEVERITY_RANK[w] ? s : w), AlertSeverity.WARNING);
}
