import { RETURN_CODES, ReturnCode } from '@app/common';
import { DOWNLINK_FRONT_DB_DDL, REPORT_CATEGORIES } from '@app/ops-contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allItemTables, downlinkDdl, paramsTable, receiveTable, RECEIVE_STEPS } from './contract-tables';

const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'ops-report-contract.md'), 'utf8');

describe('docs/ops-report-contract.md against the code', () => {
  it('lists the item fields of the six categories exactly as ITEM_SCHEMAS enforces them', () => {
    expect(doc).toContain(allItemTables());
    for (const c of REPORT_CATEGORIES) expect(doc).toContain(`#### ${c} — `);
  });

  it('lists the SecureMessage parameters with their rules, in the order they are checked', () => {
    expect(doc).toContain(paramsTable());
  });

  it('publishes the receive order with every refusal code, its message and HTTP status', () => {
    expect(doc).toContain(receiveTable());
    const codes = RECEIVE_STEPS.flatMap(([, c]) => c);
    const expected = [ReturnCode.MISSING_PARAMETER, ...Object.values(ReturnCode).filter((c) => c.startsWith('3')), ReturnCode.OK, ReturnCode.DUPLICATE];
    expect(new Set(codes)).toEqual(new Set(expected));
    for (const c of codes) expect(receiveTable()).toContain(`| ${c} | ${RETURN_CODES[c].message} | ${RETURN_CODES[c].httpStatus} |`);
  });

  it('contains the downlink front-DB DDL statement for statement', () => {
    expect(doc).toContain(downlinkDdl());
    for (const ddl of DOWNLINK_FRONT_DB_DDL) expect(doc).toContain(ddl);
  });
});
