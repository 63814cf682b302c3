import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IntQueryParam, isDateTimeValue, MAX_PAGE, PageQuery, pageOffset, toStrictInt } from './query-params';

class LimitQuery {
  @IntQueryParam(1, 500) limit?: number;
}

const problems = <T extends object>(cls: new () => T, query: Record<string, unknown>) =>
  validateSync(plainToInstance(cls, query), { whitelist: true, forbidNonWhitelisted: true }).map(
    (e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`,
  );

describe('query parameters: paging and limits', () => {
  it('converts only plain decimal integers', () => {
    expect(toStrictInt({ value: '42' })).toBe(42);
    expect(toStrictInt({ value: '-3' })).toBe(-3);
    expect(toStrictInt({ value: 7 })).toBe(7);
    for (const v of ['1e308', '0x10', '1.5', ' 7', '', '1_000', '9'.repeat(16), 'Infinity', 'NaN']) expect(toStrictInt({ value: v })).toBe(v);
    const arr = ['1', '2'];
    expect(toStrictInt({ value: arr })).toBe(arr);
  });

  it('refuses absurd page values and accepts sane ones', () => {
    expect(problems(PageQuery, {})).toEqual([]);
    expect(problems(PageQuery, { page: '3', pageSize: '50' })).toEqual([]);
    const q = plainToInstance(PageQuery, { page: '3', pageSize: '50' });
    expect([q.page, q.pageSize, pageOffset(q)]).toEqual([3, 50, 100]);
    expect(plainToInstance(PageQuery, {})).toEqual(expect.objectContaining({ page: 1, pageSize: 20 }));
    expect(problems(PageQuery, { page: '1e308' })).toEqual(['page:isInt,min,max']);
    expect(problems(PageQuery, { page: '-1' })).toEqual(['page:min']);
    expect(problems(PageQuery, { page: '0' })).toEqual(['page:min']);
    expect(problems(PageQuery, { page: '1.5' })).toEqual(['page:isInt,min,max']);
    expect(problems(PageQuery, { page: String(MAX_PAGE + 1) })).toEqual(['page:max']);
    expect(problems(PageQuery, { pageSize: '100000' })).toEqual(['pageSize:max']);
    expect(problems(PageQuery, { page: ['1', '2'] })).toEqual(['page:isInt,min,max']);
    expect(problems(LimitQuery, { limit: '1e3' })).toEqual(['limit:isInt,min,max']);
    expect(problems(LimitQuery, { limit: '501' })).toEqual(['limit:max']);
    expect(problems(LimitQuery, { limit: '500' })).toEqual([]);
  });

  it('accepts real ISO 8601 dates and date-times only', () => {
    for (const v of ['2026-11-22', '2026-11-22T10:00:00.000+08:00', '2026-11-22T10:00:00Z', '2026-11-22T10:00+08:00', '2028-02-29T00:00:00Z'])
      expect([v, isDateTimeValue(v)]).toEqual([v, true]);
    for (const v of [
      '2026-W01',
      '2026-001',
      '20260101',
      '2026-02-30',
      '2027-02-29',
      '2026-13-01',
      '2026-11-22T24:00:00Z',
      '+275760-09-13T00:00:00.001Z',
      '1969-12-31',
      '2026-11-22 10:00:00',
      'now',
      20261122,
    ])
      expect([v, isDateTimeValue(v)]).toEqual([v, false]);
  });
});
