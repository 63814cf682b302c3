import { DeliveryState } from './delivery-state-machine';
import { DeliveryEntity } from './delivery.entity';
import { deliveryTimeline, deliveryView } from './delivery-view';

const row = (extra: Partial<DeliveryEntity>): DeliveryEntity =>
  ({
    applyNo: '410404-20261122-000001',
    method: 'PICKUP',
    state: DeliveryState.HANDED_OVER,
    collectorName: null,
    collectorIdNo: null,
    collectorRelation: null,
    idChecked: null,
    handedOverAt: null,
    handedOverBy: null,
    handedOverWindow: null,
    carrier: null,
    waybillNo: null,
    mailedAt: null,
    mailedBy: null,
    mailedWindow: null,
    deliveredAt: null,
    deliveredBy: null,
    deliveredRecordedAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...extra,
  }) as DeliveryEntity;

describe('the delivery as the clerk sees it', () => {
  const app = { applyNo: '410404-20261122-000001', state: 'CONCLUDED', deliveryMethod: 'PICKUP' as const };

  it('is null before 办结 and waiting in the method’s state after it', () => {
    expect(deliveryView({ ...app, state: 'ACCEPTED' }, null)).toBeNull();
    expect(deliveryView(app, null)).toEqual({
      applyNo: app.applyNo,
      method: 'PICKUP',
      state: 'AWAITING_PICKUP',
      stateLabel: '待领取',
      handover: null,
      express: null,
    });
    expect(deliveryView({ ...app, deliveryMethod: 'EXPRESS' }, null)!.state).toBe('AWAITING_MAILING');
    expect(deliveryTimeline(null)).toEqual([]);
  });

  it('masks the collector’s ID number and lists the hand-over in the timeline', () => {
    const at = new Date('2026-11-22T02:00:00Z');
    const r = row({
      collectorName: '赵六',
      collectorIdNo: '41040419851231002X',
      collectorRelation: '代理人',
      idChecked: 1,
      handedOverAt: at,
      handedOverBy: 'window01',
      handedOverWindow: '01',
    });
    expect(deliveryView(app, r)!.handover).toEqual({
      collectorName: '赵六',
      collectorIdNo: '4104**********002X',
      relation: '代理人',
      idChecked: true,
      handedOverAt: at,
      handedOverBy: 'window01',
      windowNo: '01',
    });
    expect(deliveryTimeline(r)).toEqual([
      { at, step: 'HANDED_OVER', label: '窗口出件（已领取）', operator: 'window01', note: '领取人：赵六（代理人，已核验身份证件），01 号窗口' },
    ]);
  });

  it('lists mailing and delivery of an express result', () => {
    const mailedAt = new Date('2026-11-22T02:00:00Z');
    const deliveredAt = new Date('2026-11-23T02:00:00Z');
    const r = row({
      method: 'EXPRESS',
      state: DeliveryState.DELIVERED,
      carrier: 'EMS',
      waybillNo: 'EA123456785CN',
      mailedAt,
      mailedBy: 'window01',
      deliveredAt,
      deliveredBy: 'approver01',
    });
    expect(deliveryView({ ...app, deliveryMethod: 'EXPRESS' }, r)).toMatchObject({
      state: 'DELIVERED',
      stateLabel: '已签收',
      handover: null,
      express: { carrier: 'EMS', deliveredBy: 'approver01' },
    });
    expect(deliveryTimeline(r).map((e) => [e.step, e.operator, e.note])).toEqual([
      ['MAILED', 'window01', 'EMS 运单号 EA123456785CN'],
      ['DELIVERED', 'approver01', 'EMS 运单号 EA123456785CN'],
    ]);
  });
});
