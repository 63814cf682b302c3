import { ConcludeOutcome, Stage } from '@app/exchange-contract';
import { AcceptanceRecord } from '@app/front-db';
import { buildCallback, deliveryDetail } from './callback-content';

const acc = (extra: Partial<AcceptanceRecord>): AcceptanceRecord => ({
  applyNo: '410404-20261122-000123',
  version: 1,
  itemCode: 'PSB-003',
  itemName: '户籍证明',
  deptCode: 'PSB',
  applicantType: 'PERSON',
  applicantName: '王五',
  applicantIdNo: '410404199001011233',
  applicantPhone: '13800000000',
  formData: {},
  acceptedBy: 'window01',
  acceptedAt: new Date(),
  correlationId: 'c1',
  materials: [
    {
      materialCode: 'QUERY_FORM',
      materialName: '查询申请表',
      fileName: 'q.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 1,
      sm3: 'x',
      content: Buffer.from('q'),
    },
    {
      materialCode: 'ID_CARD',
      materialName: '申请人身份证明',
      fileName: 'i.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 1,
      sm3: 'x',
      content: Buffer.from('i'),
    },
  ],
  ...extra,
});

describe('what the simulated department writes', () => {
  it('echoes the express address of a version-2 acceptance in its 办结 detail, without the phone number', () => {
    const address = { recipient: '王五', phone: '13900000000', address: '河南省平顶山市石龙区人民路1号', postcode: '467045' };
    const cb = buildCallback(acc({ deliveryMethod: 'EXPRESS', deliveryAddress: address }), Stage.CONCLUDE, ConcludeOutcome.APPROVED, 'PSB-审批员01', 'c1');
    expect(cb.record.detail.delivery).toEqual({
      method: 'EXPRESS',
      waybillReady: true,
      recipient: '王五',
      address: '河南省平顶山市石龙区人民路1号',
      postcode: '467045',
    });
    expect(deliveryDetail(acc({ deliveryMethod: 'PICKUP' }))).toEqual({ delivery: { method: 'PICKUP', note: '请申请人到综合窗口领取' } });
    expect(deliveryDetail(acc({ deliveryMethod: 'EXPRESS', deliveryAddress: null }))).toEqual({
      delivery: { method: 'EXPRESS', waybillReady: false, note: '受理数据缺少快递地址' },
    });
    // a version-1 front DB says nothing about delivery, and neither does the department
    expect(deliveryDetail(acc({}))).toEqual({});
    expect(buildCallback(acc({}), Stage.CONCLUDE, ConcludeOutcome.REJECTED, 'PSB-审批员01', 'c1').record.detail).not.toHaveProperty('delivery');
  });

  it('flags the acceptance material that comes first in the front DB (the reader orders by code) at 补正补齐', () => {
    const sorted = acc({});
    sorted.materials.sort((a, b) => a.materialCode.localeCompare(b.materialCode));
    const cb = buildCallback(sorted, Stage.SUPPLEMENT, null, 'PSB-审批员01', 'c1');
    expect(cb.record.detail.materials).toEqual([{ code: 'ID_CARD', reason: '申请人身份证明扫描件不清晰，请重新提供' }]);
  });
});
