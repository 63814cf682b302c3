import { beijingJsonReplacer, toBeijingIso } from './beijing';

describe('Beijing time in JSON answers', () => {
  it('writes each Date, nested ones and array elements too, in +08:00', () => {
    const at = new Date('2026-11-22T16:30:00.123Z');
    const out = JSON.parse(JSON.stringify({ at, nested: { list: [at, null], n: 1 }, none: null }, beijingJsonReplacer)) as unknown;
    expect(out).toEqual({ at: '2026-11-23T00:30:00.123+08:00', nested: { list: ['2026-11-23T00:30:00.123+08:00', null], n: 1 }, none: null });
    expect(toBeijingIso(at)).toBe('2026-11-23T00:30:00.123+08:00');
  });

  it('leaves strings alone, even ones that look like UTC times, and an invalid Date as JSON writes it', () => {
    const out = JSON.parse(JSON.stringify({ s: '2026-11-22T16:30:00.123Z', bad: new Date(Number.NaN) }, beijingJsonReplacer)) as unknown;
    expect(out).toEqual({ s: '2026-11-22T16:30:00.123Z', bad: null });
  });

  it('is the same instant', () => {
    const at = new Date('2026-02-28T23:59:59.999Z');
    expect(Date.parse(toBeijingIso(at))).toBe(at.getTime());
  });
});
