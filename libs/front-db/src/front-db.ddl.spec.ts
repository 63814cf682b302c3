import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRONT_DB_DDL_V1 } from './front-db.ddl';

describe('published front-DB contract', () => {
  it('docs/front-db.md shows exactly the DDL the migration runs', () => {
    const md = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'front-db.md'), 'utf8');
    const block = /```sql\n([\s\S]*?)```/.exec(md)?.[1] ?? '';
    const statements = block
      .split(/;\n/)
      .map((s) => s.trim().replace(/;$/, ''))
      .filter(Boolean);
    expect(statements).toEqual(FRONT_DB_DDL_V1.map((s) => s.trim()));
  });

  it('names the shadow table columns the spec requires (申报号, 版本号, 取值时间, 操作人)', () => {
    const shadow = FRONT_DB_DDL_V1.find((s) => s.includes('CREATE TABLE ex_shadow'))!;
    for (const c of ["apply_no       VARCHAR(32)  NOT NULL COMMENT '申报号'", "COMMENT '版本号'", "COMMENT '取值时间'", "COMMENT '操作人'"])
      expect(shadow).toContain(c);
  });
});
