import type { Schemas } from './api';

type ResourceClass = Schemas['ResourceClass'];
type Severity = Schemas['AlertSeverity'];
type AlertStatus = Schemas['AlertStatus'];

/** 资源类别 in the words of the spec (GB/T-style inventory categories). */
export const RESOURCE_CLASS_LABEL: Record<ResourceClass, string> = {
  NETWORK_DEVICE: '网络设备',
  FIREWALL: '安全设备（防火墙）',
  LOAD_BALANCER: '负载均衡',
  DATABASE: '数据库',
  MIDDLEWARE: '中间件与主机',
  BUSINESS_SYSTEM: '业务系统',
};
export const RESOURCE_CLASSES = Object.keys(RESOURCE_CLASS_LABEL) as ResourceClass[];

export const SUB_RESOURCE_KIND_LABEL: Record<Schemas['SubResourceKind'], string> = { PORT: '端口', ENTRY_LINK: '功能入口', HOST: '主机', INSTANCE: '实例' };

export const SEVERITY_LABEL: Record<Severity, string> = { CRITICAL: '紧急', MAJOR: '重要', MINOR: '次要', WARNING: '提示' };
export const SEVERITIES = Object.keys(SEVERITY_LABEL) as Severity[];
/** Element Plus tag types per severity (the theme keeps them at AA contrast) */
export const SEVERITY_TAG: Record<Severity, 'danger' | 'warning' | 'primary' | 'info'> = {
  CRITICAL: 'danger',
  MAJOR: 'warning',
  MINOR: 'primary',
  WARNING: 'info',
};

export const ALERT_STATUS_LABEL: Record<AlertStatus, string> = { FIRING: '告警中', ACKNOWLEDGED: '已确认', RESOLVED: '已恢复', CLOSED: '已关闭' };
export const ALERT_STATUSES = Object.keys(ALERT_STATUS_LABEL) as AlertStatus[];
/** alerts still asking for someone's attention */
export const OPEN_STATUSES: AlertStatus[] = ['FIRING', 'ACKNOWLEDGED'];

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
