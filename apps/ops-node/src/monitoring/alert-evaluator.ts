import { AlertSeverity, ResourceClass } from '@app/ops-contract';
import { MetricSample } from '../inventory/discovery/device-simulator';

export type Comparator = '>' | '>=' | '<' | '<=';

export interface Threshold {
  id: number;
  metric: string;
  resourceClass: ResourceClass | null;
  resourceId: string | null;
  comparator: Comparator;
  value: number;
  severity: AlertSeverity;
}

export interface OpenAlert {
  alertId: string;
  openKey: string;
}

export type AlertDecision =
  | { kind: 'raise'; openKey: string; threshold: Threshold; sample: MetricSample; resourceClass: ResourceClass }
  | { kind: 'resolve'; openKey: string; alertId: string; sample: MetricSample };

export function crosses(c: Comparator, v: number, t: number): boolean {
  switch (c) {
    case '>':
      return v > t;
    case '>=':
      return v >= t;
    case '<':
      return v < t;
    case '<=':
      return v <= t;
  }
}

export const openKeyOf = (thresholdId: number, s: Pick<MetricSample, 'resourceId' | 'subResourceId'>) => `${thresholdId}|${s.resourceId}|${s.subResourceId}`;

/**
 * Threshold alerts (the simple form this issue needs): a sample over an operator-set threshold raises
 * one alert per threshold and series while it stays over; the first sample back under resolves it.
 */
export function evaluate(samples: MetricSample[], thresholds: Threshold[], classOf: Map<string, ResourceClass>, open: Map<string, OpenAlert>): AlertDecision[] {
  const out: AlertDecision[] = [];
  for (const t of thresholds) {
    for (const s of samples) {
      if (s.metric !== t.metric) continue;
      if (t.resourceId && t.resourceId !== s.resourceId) continue;
      const cls = classOf.get(s.resourceId);
      if (!cls || (t.resourceClass && t.resourceClass !== cls)) continue;
      const key = openKeyOf(t.id, s);
      const isOpen = open.get(key);
      const over = crosses(t.comparator, s.value, t.value);
      if (over && !isOpen) out.push({ kind: 'raise', openKey: key, threshold: t, sample: s, resourceClass: cls });
      else if (!over && isOpen) out.push({ kind: 'resolve', openKey: key, alertId: isOpen.alertId, sample: s });
    }
  }
  return out;
}
