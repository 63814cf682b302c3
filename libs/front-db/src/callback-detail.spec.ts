import { parseCallbackDetail } from './callback-detail';

describe('parseCallbackDetail', () => {
  it('passes a JSON object through, from text or already parsed', () => {
    expect(parseCallbackDetail('{"deptCaseNo":"AMR-1"}')).toEqual({ detail: { deptCaseNo: 'AMR-1' } });
    expect(parseCallbackDetail(Buffer.from('{"a":[1]}'))).toEqual({ detail: { a: [1] } });
    expect(parseCallbackDetail({ certificateNo: 'X' })).toEqual({ detail: { certificateNo: 'X' } });
  });

  it.each([
    ['"受理通过"', '字符串'],
    ['"{\\"deptCaseNo\\":\\"AMR-9\\"}"', '字符串'],
    ['[1,2]', '数组'],
    ['null', 'null'],
    ['42', '数字'],
    ['true', '布尔值'],
    ['{"a":', '不是合法的 JSON'],
    ['', '不是合法的 JSON'],
  ])('refuses %s with an empty object and the reason (%s), never throwing', (raw, reason) => {
    const r = parseCallbackDetail(raw);
    expect(r.detail).toEqual({});
    expect(r.problem).toContain(reason);
    expect(r.problem).toContain('detail');
  });
});
