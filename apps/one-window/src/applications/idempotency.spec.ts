import { canonicalJson, IDEMPOTENCY_KEY_PATTERN, requestHash } from './idempotency';

describe('registration idempotency helpers', () => {
  it('writes the same request the same way whatever its key order or undefined members', () => {
    const a = { itemCode: 'AMR-001', formData: { 企业名称: '某某', b: [1, { y: 2, x: 1 }] }, deliveryAddress: undefined };
    const b = { formData: { b: [1, { x: 1, y: 2 }], 企业名称: '某某' }, itemCode: 'AMR-001' };
    expect(canonicalJson(a)).toBe('{"formData":{"b":[1,{"x":1,"y":2}],"企业名称":"某某"},"itemCode":"AMR-001"}');
    expect(requestHash(a)).toBe(requestHash(b));
    expect(requestHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells different requests apart', () => {
    expect(requestHash({ applicantName: '张三' })).not.toBe(requestHash({ applicantName: '李四' }));
    expect(requestHash({ a: [1, 2] })).not.toBe(requestHash({ a: [2, 1] }));
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: 1 }));
  });

  it('accepts printable keys of 1–128 characters only', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('3f2b8c1e-7d7a-4c4e-9f0e-1a2b3c4d5e6f')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('x'.repeat(128))).toBe(true);
    for (const bad of ['', 'x'.repeat(129), 'has space', '键', 'tab\t']) expect(IDEMPOTENCY_KEY_PATTERN.test(bad)).toBe(false);
  });
});
