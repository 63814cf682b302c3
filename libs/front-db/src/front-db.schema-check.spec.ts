import { FRONT_DB_DDL_V1, FRONT_DB_V2_COLUMNS } from './front-db.ddl';
import { compareTables, contractTables, contractVersionOf, normalizeType, TableShape } from './front-db.schema-check';

/** The contract's own tables as a server would report them (a deep copy to alter). */
function asServerReports(): TableShape[] {
  return contractTables().map((t) => ({
    ...t,
    columns: new Map([...t.columns].map(([k, v]) => [k, { ...v, type: v.type === 'int' ? 'int(11)' : v.type === 'bigint' ? 'bigint(20)' : v.type }])),
    uniqueKeys: new Map(t.uniqueKeys),
    keys: new Map(t.keys),
    foreignKeys: new Map(t.foreignKeys),
    primaryKey: [...t.primaryKey],
  }));
}

const table = (ts: TableShape[], name: string) => ts.find((t) => t.name === name)!;

describe('front-DB schema check', () => {
  it('reads the published DDL: five tables with their columns, keys and defaults', () => {
    const t = contractTables();
    expect(t.map((x) => x.name)).toEqual(['ex_acceptance', 'ex_acceptance_material', 'ex_callback', 'ex_callback_file', 'ex_shadow']);
    const cb = table(t, 'ex_callback');
    expect(cb.columns.get('outcome')).toEqual({ type: 'varchar(16)', nullable: true, default: undefined, autoIncrement: false, charset: 'utf8mb4' });
    expect(cb.columns.get('id')).toMatchObject({ type: 'bigint', autoIncrement: true });
    expect(cb.columns.get('written_at')).toMatchObject({ type: 'datetime(3)', default: 'current_timestamp(3)' });
    expect(cb.uniqueKeys.get('uk_callback')).toEqual(['apply_no', 'version', 'stage']);
    expect(cb.keys.get('ix_callback_written')).toEqual(['written_at']);
    expect(table(t, 'ex_callback_file').foreignKeys.get('fk_callback_file')).toEqual({ columns: ['callback_id'], refTable: 'ex_callback', refColumns: ['id'] });
  });

  it('finds nothing to say about tables that match (integer display widths, key names, extra tables, indexes and nullable columns allowed)', () => {
    const actual = asServerReports();
    const cb = table(actual, 'ex_callback');
    cb.uniqueKeys = new Map([['uq_apply_version_stage', ['apply_no', 'version', 'stage']]]);
    cb.keys.set('ix_extra', ['handled_by']);
    cb.columns.set('dept_note', { type: 'varchar(100)', nullable: true, autoIncrement: false, charset: 'utf8mb4' });
    actual.push({ ...table(actual, 'ex_shadow'), name: 'dept_private_table' });
    expect(compareTables(contractTables(), actual)).toEqual([]);
    expect(normalizeType('INT(11)')).toBe('int');
    expect(normalizeType('varchar(32)')).toBe('varchar(32)');
  });

  it('names every difference', () => {
    const actual = asServerReports().filter((t) => t.name !== 'ex_callback_file');
    const cb = table(actual, 'ex_callback');
    cb.columns.set('outcome', { type: 'varchar(8)', nullable: true, autoIncrement: false, charset: 'utf8mb4' });
    cb.columns.set('opinion', { type: 'varchar(1000)', nullable: true, autoIncrement: false, charset: 'latin1' });
    cb.columns.delete('correlation_id');
    cb.columns.set('written_at', { type: 'datetime', nullable: false, autoIncrement: false });
    cb.columns.set('id', { type: 'bigint(20)', nullable: false, autoIncrement: false });
    cb.columns.set('dept_flag', { type: 'int(11)', nullable: false, autoIncrement: false });
    cb.keys.delete('ix_callback_written');
    cb.uniqueKeys = new Map([['uk_callback', ['apply_no', 'version']]]);
    const sh = table(actual, 'ex_shadow');
    sh.engine = 'MyISAM';
    sh.primaryKey = [];
    expect(compareTables(contractTables(), actual)).toEqual([
      'column ex_callback.id is not AUTO_INCREMENT',
      'column ex_callback.outcome is varchar(8), the contract says varchar(16)',
      'column ex_callback.opinion is NULL, the contract says NOT NULL',
      'column ex_callback.opinion has character set latin1, the contract says utf8mb4',
      'column ex_callback.correlation_id is missing (varchar(64) NOT NULL)',
      'column ex_callback.written_at is datetime, the contract says datetime(3)',
      'column ex_callback.written_at has default none, the contract says DEFAULT CURRENT_TIMESTAMP(3)',
      "column ex_callback.dept_flag is not in the contract and is NOT NULL without a default (the other side's inserts would fail)",
      'table ex_callback: unique key uk_callback (apply_no, version, stage) is missing (uk_callback is (apply_no, version))',
      'table ex_callback: index ix_callback_written (written_at) is missing',
      'table ex_callback_file is missing',
      'table ex_shadow: engine MyISAM, the contract says InnoDB',
      'table ex_shadow: primary key missing, the contract says (id)',
    ]);
  });
});

describe('front-DB contract versions in the schema check', () => {
  it('judges a front DB by its tables: version 1 without the delivery columns, version 2 with all of them', () => {
    const v1 = contractTables(FRONT_DB_DDL_V1);
    expect(contractVersionOf(v1)).toBe(1);
    expect(compareTables(contractTables(FRONT_DB_DDL_V1), v1)).toEqual([]);
    const v2 = asServerReports();
    expect(contractVersionOf(v2)).toBe(2);
    // a version-1 front DB passes the version-1 check, not the version-2 one
    expect(compareTables(contractTables(), v1)).toEqual(FRONT_DB_V2_COLUMNS.map((c) => expect.stringContaining(`column ex_acceptance.${c} is missing`)));
  });

  it('names the missing ones when only some delivery columns are there', () => {
    const partial = contractTables(FRONT_DB_DDL_V1);
    table(partial, 'ex_acceptance').columns.set('delivery_method', { type: 'varchar(8)', nullable: true, autoIncrement: false, charset: 'utf8mb4' });
    expect(contractVersionOf(partial)).toBe(2);
    expect(compareTables(contractTables(), partial)).toEqual([
      'column ex_acceptance.delivery_recipient is missing (varchar(50) NULL)',
      'column ex_acceptance.delivery_phone is missing (varchar(20) NULL)',
      'column ex_acceptance.delivery_address is missing (varchar(200) NULL)',
      'column ex_acceptance.delivery_postcode is missing (varchar(6) NULL)',
    ]);
  });
});
