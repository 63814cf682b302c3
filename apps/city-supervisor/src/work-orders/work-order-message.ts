import { ReportCategory, ReportItem, ReportMessage, ReportMode, wireTimestamp } from '@app/ops-contract';

/** The stored order as a WORK_ORDER item (optional fields only when set). */
export function workOrderItem(row: Record<string, unknown>): ReportItem {
  const item: ReportItem = {
    orderId: String(row.order_id),
    subject: String(row.subject),
    content: String(row.content),
    originUnit: String(row.origin_unit),
    businessType: String(row.business_type),
    receiverUnit: String(row.receiver_unit),
    originContact: String(row.origin_contact),
    originPhone: String(row.origin_phone),
    status: String(row.status),
    opsLevel: Number(row.ops_level),
    updatedAt: wireTimestamp(row.updated_at as Date),
  };
  const optional: [string, string, 'string' | 'number' | 'date'][] = [
    ['receiverFeedback', 'receiver_feedback', 'string'],
    ['receiverContact', 'receiver_contact', 'string'],
    ['receiverPhone', 'receiver_phone', 'string'],
    ['concludedAt', 'concluded_at', 'date'],
    ['starRating', 'star_rating', 'number'],
    ['opsEvaluation', 'ops_evaluation', 'string'],
  ];
  for (const [field, column, kind] of optional) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    item[field] = kind === 'number' ? Number(v) : kind === 'date' ? wireTimestamp(v as Date) : String(v);
  }
  return item;
}

/** What the city sends down: one order, as an incremental WORK_ORDER message from the city node. */
export function workOrderMessage(cityNodeCode: string, row: Record<string, unknown>, now: Date): ReportMessage {
  return {
    nodeCode: cityNodeCode,
    category: ReportCategory.WORK_ORDER,
    mode: ReportMode.INCREMENTAL,
    generatedAt: wireTimestamp(now),
    items: [workOrderItem(row)],
  };
}
