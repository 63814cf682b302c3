import { AlertSeverity, RESOURCE_CLASS_LABELS, ResourceClass } from '@app/ops-contract';
import { Row } from './monitor-read.repository';

const SEVERITIES = Object.values(AlertSeverity);
const SEVERITY_LABELS: Record<AlertSeverity, string> = { CRITICAL: '紧急', MAJOR: '重要', MINOR: '次要', WARNING: '提示' };

export interface StatsEntry {
  key: string;
  label: string;
  value: number;
}
export type SeverityCounts = Record<AlertSeverity, number> & { total: number };

export interface AlertStats {
  from: Date;
  to: Date;
  bucket: 'hour' | 'day';
  total: number;
  /** of the alerts raised in the range, those still 告警中 or 已确认 at their district's last report */
  open: number;
  /** every registered node, in registration order, with its counts by severity */
  byNode: Array<{ nodeCode: string; name: string } & SeverityCounts>;
  bySeverity: StatsEntry[];
  byResourceClass: StatsEntry[];
  overTime: Array<{ bucket: string } & SeverityCounts>;
}

const zero = (): SeverityCounts => ({ total: 0, CRITICAL: 0, MAJOR: 0, MINOR: 0, WARNING: 0 });

/**
 * Folds the grouped counts of city_alert into the shapes the console draws (pure). Nodes that
 * raised nothing are listed with zeros; alerts of a node no longer registered count in the totals
 * and appear under their code.
 */
export function foldAlertStats(
  nodes: readonly { nodeCode: string; name: string }[],
  groups: Row[],
  overTime: Row[],
  meta: { from: Date; to: Date; bucket: 'hour' | 'day'; open: number },
): AlertStats {
  const byNode = new Map(nodes.map((n) => [n.nodeCode, { nodeCode: n.nodeCode, name: n.name, ...zero() }]));
  const bySeverity = zero();
  const byClass = new Map<string, number>();
  for (const g of groups) {
    const code = String(g.node_code);
    const severity = String(g.severity) as AlertSeverity;
    const n = Number(g.n);
    const node = byNode.get(code) ?? { nodeCode: code, name: code, ...zero() };
    byNode.set(code, node);
    if (SEVERITIES.includes(severity)) {
      node[severity] += n;
      bySeverity[severity] += n;
    }
    node.total += n;
    bySeverity.total += n;
    byClass.set(String(g.resource_class), (byClass.get(String(g.resource_class)) ?? 0) + n);
  }
  const buckets = new Map<string, { bucket: string } & SeverityCounts>();
  for (const r of overTime) {
    const key = String(r.b);
    const row = buckets.get(key) ?? { bucket: key, ...zero() };
    const severity = String(r.severity) as AlertSeverity;
    if (SEVERITIES.includes(severity)) row[severity] += Number(r.n);
    row.total += Number(r.n);
    buckets.set(key, row);
  }
  return {
    ...meta,
    total: bySeverity.total,
    byNode: [...byNode.values()],
    bySeverity: SEVERITIES.map((s) => ({ key: s, label: SEVERITY_LABELS[s], value: bySeverity[s] })),
    byResourceClass: [...byClass]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([k, v]) => ({ key: k, label: RESOURCE_CLASS_LABELS[k as ResourceClass] ?? k, value: v })),
    overTime: [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)),
  };
}
