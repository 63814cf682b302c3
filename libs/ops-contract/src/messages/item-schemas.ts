import { AlertSeverity, AlertStatus, NodeLevel, ReportCategory, ResourceClass, SubResourceKind, WorkOrderStatus } from './categories';

/**
 * Field rules of the items of each category. One table drives validation on both ends (the node
 * checks what it is about to send, the city checks what it received) and the contract docs.
 */
export type FieldType = 'string' | 'number' | 'integer' | 'datetime' | 'ip' | 'url' | 'phone' | 'enum' | 'boolean';

export interface FieldRule {
  type: FieldType;
  required: boolean;
  maxLength?: number;
  values?: readonly string[];
  min?: number;
  max?: number;
  label: string;
}

export type ItemSchema = Record<string, FieldRule>;

const req = (type: FieldType, label: string, extra: Partial<FieldRule> = {}): FieldRule => ({
  type,
  required: true,
  label,
  maxLength: type === 'string' ? 128 : undefined,
  ...extra,
});
const opt = (type: FieldType, label: string, extra: Partial<FieldRule> = {}): FieldRule => ({ ...req(type, label, extra), required: false });

export const ITEM_SCHEMAS: Record<ReportCategory, ItemSchema> = {
  [ReportCategory.RESOURCE]: {
    resourceId: req('string', '资源编号', { maxLength: 64 }),
    resourceIp: req('ip', '资源IP'),
    resourceClass: req('enum', '资源类别', { values: Object.values(ResourceClass) }),
    name: req('string', '资源名称'),
    model: req('string', '资源型号'),
    brand: req('string', '资源品牌'),
    url: opt('url', '资源URL', { maxLength: 512 }),
    managementPort: opt('integer', '管理端口', { min: 1, max: 65535 }),
    assetNo: opt('string', '资产编号', { maxLength: 64 }),
    description: opt('string', '资源描述', { maxLength: 512 }),
    removed: opt('boolean', '已下线'),
    updatedAt: req('datetime', '更新时间'),
  },
  [ReportCategory.SUB_RESOURCE]: {
    subResourceId: req('string', '子资源编号', { maxLength: 64 }),
    resourceId: req('string', '所属资源编号', { maxLength: 64 }),
    kind: req('enum', '子资源类型', { values: Object.values(SubResourceKind) }),
    name: req('string', '子资源名称'),
    ip: opt('ip', '子资源IP'),
    url: opt('url', '功能入口链接', { maxLength: 512 }),
    status: opt('string', '状态', { maxLength: 32 }),
    removed: opt('boolean', '已下线'),
    updatedAt: req('datetime', '更新时间'),
  },
  [ReportCategory.PERFORMANCE]: {
    resourceId: req('string', '资源编号', { maxLength: 64 }),
    subResourceId: opt('string', '子资源编号', { maxLength: 64 }),
    metric: req('string', '指标', { maxLength: 64 }),
    value: req('number', '指标值'),
    unit: req('string', '单位', { maxLength: 16 }),
    sampledAt: req('datetime', '采集时间'),
  },
  [ReportCategory.ALERT]: {
    alertId: req('string', '告警编号', { maxLength: 64 }),
    resourceId: req('string', '资源编号', { maxLength: 64 }),
    resourceClass: req('enum', '资源类别', { values: Object.values(ResourceClass) }),
    metric: req('string', '指标', { maxLength: 64 }),
    severity: req('enum', '告警级别', { values: Object.values(AlertSeverity) }),
    status: req('enum', '告警状态', { values: Object.values(AlertStatus) }),
    value: req('number', '触发值'),
    threshold: req('number', '阈值'),
    message: req('string', '告警内容', { maxLength: 512 }),
    raisedAt: req('datetime', '告警时间'),
    resolvedAt: opt('datetime', '恢复时间'),
  },
  [ReportCategory.WORK_ORDER]: {
    orderId: req('string', '编号', { maxLength: 64 }),
    subject: req('string', '主题', { maxLength: 200 }),
    content: req('string', '内容', { maxLength: 4000 }),
    originUnit: req('string', '发起单位'),
    businessType: req('string', '业务类型', { maxLength: 64 }),
    receiverUnit: req('string', '接收单位'),
    receiverFeedback: opt('string', '接收单位情况反馈', { maxLength: 4000 }),
    originContact: req('string', '发起单位联系人', { maxLength: 64 }),
    originPhone: req('phone', '发起单位联系电话'),
    receiverContact: opt('string', '接收单位联系人', { maxLength: 64 }),
    receiverPhone: opt('phone', '接收单位联系电话'),
    status: req('enum', '处理状态', { values: Object.values(WorkOrderStatus) }),
    concludedAt: opt('datetime', '办结时间'),
    opsLevel: req('integer', '运维级别', { min: 1, max: 4 }),
    starRating: opt('integer', '星级评价', { min: 1, max: 5 }),
    opsEvaluation: opt('string', '运维评价', { maxLength: 1000 }),
    updatedAt: req('datetime', '更新时间'),
    // optional since the ITSM work orders (docs/work-order-states.md); a district without them sends none
    itsmState: opt('string', '工单内部状态', { maxLength: 16 }),
    orderType: opt('enum', '工单类型', { values: ['SELF', 'COLLABORATIVE'] }),
    parentOrderId: opt('string', '父工单编号', { maxLength: 64 }),
    assignee: opt('string', '处理人', { maxLength: 128 }),
  },
  [ReportCategory.NODE_INFO]: {
    nodeCode: req('string', '运维节点代码', { maxLength: 32 }),
    unitName: req('string', '单位名称'),
    personInCharge: req('string', '运维责任人', { maxLength: 64 }),
    personPhone: req('phone', '运维责任人电话'),
    dutyPhone: req('phone', '运维值班电话'),
    address: req('string', '单位地址', { maxLength: 256 }),
    nodeLevel: req('enum', '运维节点级别', { values: Object.values(NodeLevel) }),
    updatedAt: req('datetime', '更新时间'),
  },
};

/** Identity of an item inside its category (the city upserts by it). */
export const ITEM_KEY: Record<ReportCategory, string> = {
  [ReportCategory.RESOURCE]: 'resourceId',
  [ReportCategory.SUB_RESOURCE]: 'subResourceId',
  [ReportCategory.PERFORMANCE]: 'resourceId',
  [ReportCategory.ALERT]: 'alertId',
  [ReportCategory.WORK_ORDER]: 'orderId',
  [ReportCategory.NODE_INFO]: 'nodeCode',
};

export type ReportItem = Record<string, string | number | boolean | null | undefined>;
