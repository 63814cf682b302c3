import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRONT_DB_DDL_V1, FRONT_DB_DDL_V2, FRONT_DB_UPGRADE_V2, FRONT_DB_V2_COLUMNS, frontDbDdl } from './front-db.ddl';
import { contractTables, contractVersionOf } from './front-db.schema-check';

const md = (): string => readFileSync(join(__dirname, '..', '..', '..', 'docs', 'front-db.md'), 'utf8');

/** The statements of the first ```sql block after the heading. */
function sqlAfter(heading: string): string[] {
  const doc = md();
  const from = doc.indexOf(`\n${heading}\n`);
  if (from < 0) throw new Error(`docs/front-db.md has no heading "${heading}"`);
  const block = /```sql\n([\s\S]*?)```/.exec(doc.slice(from))?.[1] ?? '';
  return block
    .split(/;\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter(Boolean);
}

describe('published front-DB contract', () => {
  it('docs/front-db.md shows exactly the DDL the migrations create (version 2)', () => {
    expect(sqlAfter('## DDL')).toEqual(FRONT_DB_DDL_V2.map((s) => s.trim()));
  });

  it('docs/front-db.md shows exactly the upgrade statement of version 2', () => {
    expect(sqlAfter('## Contract versions')).toEqual(FRONT_DB_UPGRADE_V2.map((s) => s.trim()));
  });

  it('version 2 is version 1 plus five nullable columns of ex_acceptance, nothing else', () => {
    const [v1, v2] = [contractTables(FRONT_DB_DDL_V1), contractTables(FRONT_DB_DDL_V2)];
    expect(FRONT_DB_V2_COLUMNS).toEqual(['delivery_method', 'delivery_recipient', 'delivery_phone', 'delivery_address', 'delivery_postcode']);
    const acc1 = v1.find((t) => t.name === 'ex_acceptance')!;
    const acc2 = v2.find((t) => t.name === 'ex_acceptance')!;
    expect([...acc2.columns.keys()]).toEqual([...acc1.columns.keys(), ...FRONT_DB_V2_COLUMNS]);
    for (const c of FRONT_DB_V2_COLUMNS) expect(acc2.columns.get(c)!.nullable).toBe(true);
    expect(v2.filter((t) => t.name !== 'ex_acceptance')).toEqual(v1.filter((t) => t.name !== 'ex_acceptance'));
    expect([contractVersionOf(v1), contractVersionOf(v2)]).toEqual([1, 2]);
    expect(frontDbDdl(1)).toBe(FRONT_DB_DDL_V1);
  });

  it('names the shadow table columns the spec requires (申报号, 版本号, 取值时间, 操作人)', () => {
    const shadow = FRONT_DB_DDL_V2.find((s) => s.includes('CREATE TABLE ex_shadow'))!;
    for (const c of ["apply_no       VARCHAR(32)  NOT NULL COMMENT '申报号'", "COMMENT '版本号'", "COMMENT '取值时间'", "COMMENT '操作人'"])
      expect(shadow).toContain(c);
  });
});
