import { AlertStatus, ReportCategory, ReportItem } from '@app/ops-contract';
import { ApplyRules } from './apply-plan';

/** Values an item row is written with besides its own fields. */
export interface RowContext {
  nodeCode: string;
  reportId: number;
  receivedAt: Date;
}

/** How one category's items map onto its current-state table. */
export interface StateTable {
  table: string;
  keyColumn: string;
  /** insert columns; node_code first */
  columns: readonly string[];
  row(item: ReportItem, ctx: RowContext): unknown[];
  /** the ON DUPLICATE KEY UPDATE assignments (evaluated left to right) */
  onDuplicate: readonly string[];
  /** what is read back to plan the report: key as k, plus the columns versionOfRow needs */
  existingColumns: string;
  versionOfRow(row: Record<string, unknown>): number;
  rules: ApplyRules;
}

const s = (v: ReportItem[string]): string | null => (v === undefined || v === null || v === '' ? null : String(v));
const n = (v: ReportItem[string]): number | null => (typeof v === 'number' ? v : null);
const d = (v: ReportItem[string]): Date | null => (typeof v === 'string' && v ? new Date(v) : null);
const timeOf = (field: string) => (i: ReportItem) => Date.parse(String(i[field]));
const rowTime = (r: Record<string, unknown>) => (r.updated_at instanceof Date ? r.updated_at.getTime() : Date.parse(String(r.updated_at)));
const keep = (cols: readonly string[]) => cols.map((c) => `${c} = VALUES(${c})`);

/** Alerts carry no update time; their status only moves forward (a late FIRING cannot reopen a RESOLVED alert). */
export const ALERT_STATUS_RANK: Record<AlertStatus, number> = {
  [AlertStatus.FIRING]: 0,
  [AlertStatus.ACKNOWLEDGED]: 1,
  [AlertStatus.RESOLVED]: 2,
  [AlertStatus.CLOSED]: 3,
};
const alertRank = (status: unknown): number => ALERT_STATUS_RANK[status as AlertStatus] ?? 0;

// Keeps the first removal time while a row stays removed; a row that reappears is live again.
const REMOVAL = ['removed_at = IF(VALUES(removed) = 1, COALESCE(removed_at, VALUES(removed_at)), NULL)', 'removed = VALUES(removed)'];

const RESOURCE_COLS = [
  'node_code',
  'resource_id',
  'resource_class',
  'resource_ip',
  'name',
  'model',
  'brand',
  'url',
  'management_port',
  'asset_no',
  'description',
  'removed',
  'removed_at',
  'updated_at',
  'last_report_id',
] as const;
const SUB_RESOURCE_COLS = [
  'node_code',
  'sub_resource_id',
  'resource_id',
  'kind',
  'name',
  'ip',
  'url',
  'status',
  'removed',
  'removed_at',
  'updated_at',
  'last_report_id',
] as const;
const ALERT_COLS = [
  'node_code',
  'alert_id',
  'resource_id',
  'resource_class',
  'metric',
  'severity',
  'status',
  'value',
  'threshold',
  'message',
  'raised_at',
  'resolved_at',
  'last_report_id',
] as const;
const WORK_ORDER_COLS = [
  'node_code',
  'order_id',
  'origin',
  'subject',
  'content',
  'origin_unit',
  'business_type',
  'receiver_unit',
  'receiver_feedback',
  'origin_contact',
  'origin_phone',
  'receiver_contact',
  'receiver_phone',
  'status',
  'concluded_at',
  'ops_level',
  'star_rating',
  'ops_evaluation',
  'updated_at',
  'last_report_id',
] as const;
const NODE_INFO_COLS = [
  'node_code',
  'unit_name',
  'person_in_charge',
  'person_phone',
  'duty_phone',
  'address',
  'node_level',
  'updated_at',
  'last_report_id',
] as const;

export const STATE_TABLES: Record<Exclude<ReportCategory, ReportCategory.PERFORMANCE>, StateTable> = {
  [ReportCategory.RESOURCE]: {
    table: 'city_resource',
    keyColumn: 'resource_id',
    columns: RESOURCE_COLS,
    row: (i, c) => [
      c.nodeCode,
      i.resourceId,
      i.resourceClass,
      i.resourceIp,
      i.name,
      i.model,
      i.brand,
      s(i.url),
      n(i.managementPort),
      s(i.assetNo),
      s(i.description),
      i.removed === true ? 1 : 0,
      i.removed === true ? c.receivedAt : null,
      d(i.updatedAt),
      c.reportId,
    ],
    onDuplicate: [...keep(RESOURCE_COLS.slice(2, 11)), ...REMOVAL, ...keep(['updated_at', 'last_report_id'])],
    existingColumns: 'resource_id AS k, updated_at, removed',
    versionOfRow: rowTime,
    rules: { keyOf: (i) => String(i.resourceId), versionOf: timeOf('updatedAt'), removable: true },
  },
  [ReportCategory.SUB_RESOURCE]: {
    table: 'city_sub_resource',
    keyColumn: 'sub_resource_id',
    columns: SUB_RESOURCE_COLS,
    row: (i, c) => [
      c.nodeCode,
      i.subResourceId,
      i.resourceId,
      i.kind,
      i.name,
      s(i.ip),
      s(i.url),
      s(i.status),
      i.removed === true ? 1 : 0,
      i.removed === true ? c.receivedAt : null,
      d(i.updatedAt),
      c.reportId,
    ],
    onDuplicate: [...keep(SUB_RESOURCE_COLS.slice(2, 8)), ...REMOVAL, ...keep(['updated_at', 'last_report_id'])],
    existingColumns: 'sub_resource_id AS k, updated_at, removed',
    versionOfRow: rowTime,
    rules: { keyOf: (i) => String(i.subResourceId), versionOf: timeOf('updatedAt'), removable: true },
  },
  [ReportCategory.ALERT]: {
    table: 'city_alert',
    keyColumn: 'alert_id',
    columns: ALERT_COLS,
    row: (i, c) => [
      c.nodeCode,
      i.alertId,
      i.resourceId,
      i.resourceClass,
      i.metric,
      i.severity,
      i.status,
      i.value,
      i.threshold,
      i.message,
      d(i.raisedAt),
      d(i.resolvedAt),
      c.reportId,
    ],
    onDuplicate: keep(ALERT_COLS.slice(2)),
    existingColumns: 'alert_id AS k, status, 0 AS removed',
    versionOfRow: (r) => alertRank(r.status),
    rules: { keyOf: (i) => String(i.alertId), versionOf: (i) => alertRank(i.status), removable: false },
  },
  [ReportCategory.WORK_ORDER]: {
    table: 'city_work_order',
    keyColumn: 'order_id',
    columns: WORK_ORDER_COLS,
    row: (i, c) => [
      c.nodeCode,
      i.orderId,
      'NODE',
      i.subject,
      i.content,
      i.originUnit,
      i.businessType,
      i.receiverUnit,
      s(i.receiverFeedback),
      i.originContact,
      i.originPhone,
      s(i.receiverContact),
      s(i.receiverPhone),
      i.status,
      d(i.concludedAt),
      i.opsLevel,
      n(i.starRating),
      s(i.opsEvaluation),
      d(i.updatedAt),
      c.reportId,
    ],
    // origin is kept: feedback on an order the city issued arrives here and must stay a city order
    onDuplicate: keep(WORK_ORDER_COLS.slice(3)),
    existingColumns: 'order_id AS k, updated_at, 0 AS removed',
    versionOfRow: rowTime,
    rules: { keyOf: (i) => String(i.orderId), versionOf: timeOf('updatedAt'), removable: false },
  },
  [ReportCategory.NODE_INFO]: {
    table: 'city_node_info',
    keyColumn: 'node_code',
    columns: NODE_INFO_COLS,
    row: (i, c) => [c.nodeCode, i.unitName, i.personInCharge, i.personPhone, i.dutyPhone, i.address, i.nodeLevel, d(i.updatedAt), c.reportId],
    onDuplicate: keep(NODE_INFO_COLS.slice(1)),
    existingColumns: 'node_code AS k, updated_at, 0 AS removed',
    versionOfRow: rowTime,
    rules: { keyOf: (i) => String(i.nodeCode), versionOf: timeOf('updatedAt'), removable: false },
  },
};
