/*
 * The colour of a district on the city's 区县总览 (pure: no API, no Vue, so a unit spec reads it).
 * Worst first:
 *   ABNORMAL 异常 — a 紧急 alert still open, every category's latest event a refusal, or no report
 *                    at all within the stale window (停报);
 *   ATTENTION 关注 — a 重要 alert still open, or one category stale or failing;
 *   NORMAL 正常   — reporting every category, no 紧急/重要 alert open;
 *   SILENT 未接入 — registered but never reported.
 */
export type DistrictState = 'ABNORMAL' | 'ATTENTION' | 'NORMAL' | 'SILENT';

export const DISTRICT_STATE_LABEL: Record<DistrictState, string> = { ABNORMAL: '异常', ATTENTION: '关注', NORMAL: '正常', SILENT: '未接入' };
/** readable on white; the label is always shown beside the colour */
export const DISTRICT_STATE_COLOUR: Record<DistrictState, string> = { ABNORMAL: '#b3261e', ATTENTION: '#a16207', NORMAL: '#15803d', SILENT: '#6b7280' };

export interface CategoryHealth {
  category: string;
  label: string;
  stale: boolean;
  failing: boolean;
}
export interface NodeHealth {
  nodeCode: string;
  lastReportAt: string | null;
  stale: boolean;
  categories: CategoryHealth[];
}
export interface OpenAlert {
  nodeCode: string;
  severity: string;
}

export interface DistrictVerdict {
  state: DistrictState;
  /** why, in the screen's words (empty when 正常) */
  reasons: string[];
  openCritical: number;
  openMajor: number;
}

export function districtVerdict(health: NodeHealth | undefined, openAlerts: OpenAlert[]): DistrictVerdict {
  const mine = openAlerts.filter((a) => a.nodeCode === health?.nodeCode);
  const openCritical = mine.filter((a) => a.severity === 'CRITICAL').length;
  const openMajor = mine.filter((a) => a.severity === 'MAJOR').length;
  if (!health || health.lastReportAt === null) return { state: 'SILENT', reasons: ['尚未收到该节点的任何上报'], openCritical, openMajor };
  const abnormal: string[] = [];
  const attention: string[] = [];
  if (openCritical) abnormal.push(`${openCritical} 条紧急告警未恢复`);
  if (health.stale) abnormal.push('停报：停报窗口内没有任何上报');
  const failing = health.categories.filter((c) => c.failing);
  const stale = health.categories.filter((c) => c.stale && !c.failing);
  if (failing.length) (failing.length === health.categories.length ? abnormal : attention).push(`上报被拒：${failing.map((c) => c.label).join('、')}`);
  if (openMajor) attention.push(`${openMajor} 条重要告警未恢复`);
  if (stale.length && !health.stale) attention.push(`停报：${stale.map((c) => c.label).join('、')}`);
  if (abnormal.length) return { state: 'ABNORMAL', reasons: [...abnormal, ...attention], openCritical, openMajor };
  if (attention.length) return { state: 'ATTENTION', reasons: attention, openCritical, openMajor };
  return { state: 'NORMAL', reasons: [], openCritical, openMajor };
}
