import { maskIdNo } from '@app/common';
import { DeliveryState, DELIVERY_STATE_LABEL, initialDeliveryState } from './delivery-state-machine';
import { DeliveryEntity } from './delivery.entity';
import { DeliveryDto } from './delivery.responses';

/**
 * The delivery as the clerk sees it (pure): null before 办结; the collector's ID number is always
 * masked (the clerk saw the card; nobody needs the number back).
 */
export function deliveryView(app: { applyNo: string; state: string; deliveryMethod: 'PICKUP' | 'EXPRESS' }, row: DeliveryEntity | null): DeliveryDto | null {
  const state = row?.state ?? initialDeliveryState(app.state, app.deliveryMethod);
  if (!state) return null;
  return {
    applyNo: app.applyNo,
    method: row?.method ?? app.deliveryMethod,
    state,
    stateLabel: DELIVERY_STATE_LABEL[state],
    handover:
      row?.handedOverAt && row.collectorName
        ? {
            collectorName: row.collectorName,
            collectorIdNo: maskIdNo(row.collectorIdNo) ?? '',
            relation: row.collectorRelation ?? '代理人',
            idChecked: row.idChecked === 1,
            handedOverAt: row.handedOverAt,
            handedOverBy: row.handedOverBy ?? '',
            windowNo: row.handedOverWindow,
          }
        : null,
    express:
      row?.mailedAt && row.carrier && row.waybillNo
        ? {
            carrier: row.carrier,
            waybillNo: row.waybillNo,
            mailedAt: row.mailedAt,
            mailedBy: row.mailedBy ?? '',
            windowNo: row.mailedWindow,
            deliveredAt: row.deliveredAt,
            deliveredBy: row.deliveredBy,
          }
        : null,
  };
}

export interface DeliveryTimelineEntry {
  at: Date;
  step: string;
  label: string;
  operator: string;
  note?: string | null;
}

/** The delivery's steps for the application's timeline (HANDED_OVER, MAILED, DELIVERED). */
export function deliveryTimeline(row: DeliveryEntity | null): DeliveryTimelineEntry[] {
  if (!row) return [];
  const out: DeliveryTimelineEntry[] = [];
  if (row.handedOverAt)
    out.push({
      at: row.handedOverAt,
      step: DeliveryState.HANDED_OVER,
      label: '窗口出件（已领取）',
      operator: row.handedOverBy ?? '',
      note: `领取人：${row.collectorName ?? ''}（${row.collectorRelation ?? ''}，已核验身份证件）${row.handedOverWindow ? `，${row.handedOverWindow} 号窗口` : ''}`,
    });
  if (row.mailedAt)
    out.push({
      at: row.mailedAt,
      step: DeliveryState.MAILED,
      label: '证照寄出',
      operator: row.mailedBy ?? '',
      note: `${row.carrier ?? ''} 运单号 ${row.waybillNo ?? ''}`,
    });
  if (row.deliveredAt)
    out.push({
      at: row.deliveredAt,
      step: DeliveryState.DELIVERED,
      label: '快递签收',
      operator: row.deliveredBy ?? '',
      note: `${row.carrier ?? ''} 运单号 ${row.waybillNo ?? ''}`,
    });
  return out;
}
