import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RETURN_CODES, ReturnCode } from './return-codes';

describe('published return-code table', () => {
  it('docs/return-codes.md lists exactly the codes, messages and statuses of the code', () => {
    const md = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'return-codes.md'), 'utf8');
    const rows = [...md.matchAll(/^\| (\d{4}) \| ([^|]+) \| (\d{3}) \|/gm)].map((m) => [m[1], m[2].trim(), Number(m[3])]);
    const expected = Object.values(ReturnCode).map((c) => [c, RETURN_CODES[c].message, RETURN_CODES[c].httpStatus]);
    expect(rows).toEqual(expected);
  });

  it('has unique codes', () => {
    expect(new Set(Object.values(ReturnCode)).size).toBe(Object.values(ReturnCode).length);
  });
});
