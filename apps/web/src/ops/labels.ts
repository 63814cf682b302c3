import type { Schemas } from './api';
import type { Severity } from '@web/shared/ops/terms';

// the contract's words, shared with the city's console
export {
  ALERT_STATUS_LABEL,
  ALERT_STATUSES,
  OPEN_STATUSES,
  RESOURCE_CLASS_LABEL,
  RESOURCE_CLASSES,
  SEVERITIES,
  SEVERITY_COLOUR,
  SEVERITY_LABEL,
  SEVERITY_TAG,
} from '@web/shared/ops/terms';

export const SUB_RESOURCE_KIND_LABEL: Record<Schemas['SubResourceKind'], string> = { PORT: '端口', ENTRY_LINK: '功能入口', HOST: '主机', INSTANCE: '实例' };

/** The live state of a resource on the overview, worst first. */
export type LiveState = 'DOWN' | 'ALERT' | 'WARN' | 'OK' | 'UNKNOWN' | 'REMOVED';
export const LIVE_STATE_LABEL: Record<LiveState, string> = {
  DOWN: '中断',
  ALERT: '严重告警',
  WARN: '一般告警',
  OK: '正常',
  UNKNOWN: '未检测',
  REMOVED: '已下线',
};
/** colours that stay readable on white and are told apart without colour too (the label is always beside it) */
export const LIVE_STATE_COLOUR: Record<LiveState, string> = {
  DOWN: '#b3261e',
  ALERT: '#c2410c',
  WARN: '#a16207',
  OK: '#15803d',
  UNKNOWN: '#6b7280',
  REMOVED: '#9ca3af',
};
const RANK: LiveState[] = ['DOWN', 'ALERT', 'WARN', 'OK', 'UNKNOWN', 'REMOVED'];
export const worse = (a: LiveState, b: LiveState): LiveState => (RANK.indexOf(a) <= RANK.indexOf(b) ? a : b);

/** 应用监控's colour field → a live state */
export function appState(colour: string | null | undefined): LiveState {
  if (colour === 'red') return 'DOWN';
  if (colour === 'yellow') return 'WARN';
  if (colour === 'green') return 'OK';
  return 'UNKNOWN';
}

/** an alert's share in its resource's live state */
export function alertState(severity: Severity): LiveState {
  return severity === 'CRITICAL' || severity === 'MAJOR' ? 'ALERT' : 'WARN';
}
