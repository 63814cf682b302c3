/** The six categories a district ops node reports to the city (and their labels in the UI/docs). */
export enum ReportCategory {
  RESOURCE = 'RESOURCE',
  SUB_RESOURCE = 'SUB_RESOURCE',
  PERFORMANCE = 'PERFORMANCE',
  ALERT = 'ALERT',
  WORK_ORDER = 'WORK_ORDER',
  NODE_INFO = 'NODE_INFO',
}

export const REPORT_CATEGORIES: readonly ReportCategory[] = Object.values(ReportCategory);

export const CATEGORY_LABELS: Record<ReportCategory, string> = {
  [ReportCategory.RESOURCE]: '资源信息',
  [ReportCategory.SUB_RESOURCE]: '子资源信息',
  [ReportCategory.PERFORMANCE]: '资源性能信息',
  [ReportCategory.ALERT]: '告警类信息',
  [ReportCategory.WORK_ORDER]: '协同工单信息',
  [ReportCategory.NODE_INFO]: '接入节点信息',
};

export enum ReportMode {
  FULL = 'FULL',
  INCREMENTAL = 'INCREMENTAL',
}

/** The six resource classes of the inventory. */
export enum ResourceClass {
  NETWORK_DEVICE = 'NETWORK_DEVICE',
  FIREWALL = 'FIREWALL',
  LOAD_BALANCER = 'LOAD_BALANCER',
  DATABASE = 'DATABASE',
  MIDDLEWARE = 'MIDDLEWARE',
  BUSINESS_SYSTEM = 'BUSINESS_SYSTEM',
}

export const RESOURCE_CLASS_LABELS: Record<ResourceClass, string> = {
  [ResourceClass.NETWORK_DEVICE]: '网络设备',
  [ResourceClass.FIREWALL]: '防火墙',
  [ResourceClass.LOAD_BALANCER]: '负载均衡设备',
  [ResourceClass.DATABASE]: '数据库',
  [ResourceClass.MIDDLEWARE]: '中间件',
  [ResourceClass.BUSINESS_SYSTEM]: '业务系统',
};

export enum SubResourceKind {
  PORT = 'PORT',
  ENTRY_LINK = 'ENTRY_LINK',
  HOST = 'HOST',
  INSTANCE = 'INSTANCE',
}

export enum AlertSeverity {
  CRITICAL = 'CRITICAL',
  MAJOR = 'MAJOR',
  MINOR = 'MINOR',
  WARNING = 'WARNING',
}

export enum AlertStatus {
  FIRING = 'FIRING',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

/** 处理状态 of a collaborative work order. */
export enum WorkOrderStatus {
  PENDING = 'PENDING', // 待受理
  ACCEPTED = 'ACCEPTED', // 已受理
  PROCESSING = 'PROCESSING', // 处理中
  FEEDBACK = 'FEEDBACK', // 已反馈
  CONCLUDED = 'CONCLUDED', // 已办结
  EVALUATED = 'EVALUATED', // 已评价
}

export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  [WorkOrderStatus.PENDING]: '待受理',
  [WorkOrderStatus.ACCEPTED]: '已受理',
  [WorkOrderStatus.PROCESSING]: '处理中',
  [WorkOrderStatus.FEEDBACK]: '已反馈',
  [WorkOrderStatus.CONCLUDED]: '已办结',
  [WorkOrderStatus.EVALUATED]: '已评价',
};

/** 运维节点级别 */
export enum NodeLevel {
  NATIONAL = 'NATIONAL',
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
}
