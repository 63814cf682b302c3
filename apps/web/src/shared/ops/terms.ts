/*
 * The words of the ops report contract (@app/ops-contract) as the screens show them, shared by the
 * district's 运维控制台 and the city's 运维监管 console: both APIs use the same enum values.
 */
export type ResourceClass = 'NETWORK_DEVICE' | 'FIREWALL' | 'LOAD_BALANCER' | 'DATABASE' | 'MIDDLEWARE' | 'BUSINESS_SYSTEM';
export type Severity = 'CRITICAL' | 'MAJOR' | 'MINOR' | 'WARNING';
export type AlertStatus = 'FIRING' | 'ACKNOWLEDGED' | 'RESOLVED' | 'CLOSED';

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

export const SEVERITY_LABEL: Record<Severity, string> = { CRITICAL: '紧急', MAJOR: '重要', MINOR: '次要', WARNING: '提示' };
export const SEVERITIES = Object.keys(SEVERITY_LABEL) as Severity[];
/** Element Plus tag types per severity (the theme keeps them at AA contrast) */
export const SEVERITY_TAG: Record<Severity, 'danger' | 'warning' | 'primary' | 'info'> = {
  CRITICAL: 'danger',
  MAJOR: 'warning',
  MINOR: 'primary',
  WARNING: 'info',
};
/** chart colours per severity, readable on white */
export const SEVERITY_COLOUR: Record<Severity, string> = { CRITICAL: '#b3261e', MAJOR: '#c2410c', MINOR: '#1d4ed8', WARNING: '#6b7280' };

export const ALERT_STATUS_LABEL: Record<AlertStatus, string> = { FIRING: '告警中', ACKNOWLEDGED: '已确认', RESOLVED: '已恢复', CLOSED: '已关闭' };
export const ALERT_STATUSES = Object.keys(ALERT_STATUS_LABEL) as AlertStatus[];
/** alerts still asking for someone's attention */
export const OPEN_STATUSES: AlertStatus[] = ['FIRING', 'ACKNOWLEDGED'];
