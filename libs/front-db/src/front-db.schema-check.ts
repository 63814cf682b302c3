import { DataSource } from 'typeorm';
import { FRONT_DB_DDL_V2, FRONT_DB_V2_COLUMNS, frontDbDdl, FrontDbContractVersion } from './front-db.ddl';

/** One table as the contract describes it, or as a server reports it. */
export interface TableShape {
  name: string;
  engine?: string;
  columns: Map<string, { type: string; nullable: boolean; default?: string; autoIncrement: boolean; charset?: string }>;
  primaryKey: string[];
  uniqueKeys: Map<string, string[]>;
  keys: Map<string, string[]>;
  foreignKeys: Map<string, { columns: string[]; refTable: string; refColumns: string[] }>;
}

const TEXTUAL = /^(var)?char\b|text$/;

/** Display widths of integer types differ by server (int(11) on MariaDB, int on MySQL 8) and mean nothing. */
export function normalizeType(t: string): string {
  return t
    .trim()
    .toLowerCase()
    .replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1')
    .replace(/\s+/g, ' ');
}

const cols = (list: string): string[] => list.split(',').map((c) => c.trim().replace(/`/g, ''));

/** The tables of the published DDL (front-db.ddl.ts, identical to docs/front-db.md), parsed. */
export function contractTables(ddl: readonly string[] = FRONT_DB_DDL_V2): TableShape[] {
  return ddl.map((stmt) => {
    const name = /CREATE TABLE (\w+)/.exec(stmt)![1];
    const t: TableShape = {
      name,
      engine: /ENGINE=(\w+)/.exec(stmt)?.[1],
      columns: new Map(),
      primaryKey: [],
      uniqueKeys: new Map(),
      keys: new Map(),
      foreignKeys: new Map(),
    };
    for (const raw of stmt.split('\n').slice(1, -1)) {
      const line = raw.trim().replace(/,$/, '');
      let m: RegExpExecArray | null;
      if ((m = /^PRIMARY KEY \(([^)]+)\)$/.exec(line))) t.primaryKey = cols(m[1]);
      else if ((m = /^UNIQUE KEY (\w+) \(([^)]+)\)$/.exec(line))) t.uniqueKeys.set(m[1], cols(m[2]));
      else if ((m = /^KEY (\w+) \(([^)]+)\)$/.exec(line))) t.keys.set(m[1], cols(m[2]));
      else if ((m = /^CONSTRAINT (\w+) FOREIGN KEY \(([^)]+)\) REFERENCES (\w+) \(([^)]+)\)$/.exec(line)))
        t.foreignKeys.set(m[1], { columns: cols(m[2]), refTable: m[3], refColumns: cols(m[4]) });
      else if ((m = /^(\w+)\s+([A-Z]+(?:\(\d+\))?)\s+(NOT NULL|NULL)?(.*)$/.exec(line))) {
        const type = normalizeType(m[2]);
        const def = /DEFAULT (\S+)/.exec(m[4])?.[1];
        t.columns.set(m[1], {
          type,
          nullable: m[3] !== 'NOT NULL',
          default: def?.toLowerCase(),
          autoIncrement: /AUTO_INCREMENT/.test(m[4]),
          charset: TEXTUAL.test(type) ? 'utf8mb4' : undefined,
        });
      } else throw new Error(`front-db DDL: cannot read line "${line}" of ${name}`);
    }
    return t;
  });
}

type Row = Record<string, unknown>;
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
/** information_schema column names are upper case on MySQL 8 and MariaDB alike, but be tolerant */
const pick = (r: Row, k: string): unknown => r[k] ?? r[k.toLowerCase()];

/** What the server says about the contract's tables in the data source's schema (absent tables are left out). */
export async function readTables(ds: DataSource, names: string[] = contractTables().map((t) => t.name)): Promise<TableShape[]> {
  const db = str(ds.options.database);
  const [tables, columns, stats, fks] = (await Promise.all([
    ds.query('SELECT TABLE_NAME, ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?)', [db, names]),
    ds.query(
      'SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?) ORDER BY TABLE_NAME, ORDINAL_POSITION',
      [db, names],
    ),
    ds.query(
      'SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?) ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX',
      [db, names],
    ),
    ds.query(
      'SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?) AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION',
      [db, names],
    ),
  ])) as Row[][];
  return tables.map((tr) => {
    const name = str(pick(tr, 'TABLE_NAME'));
    const t: TableShape = {
      name,
      engine: str(pick(tr, 'ENGINE')),
      columns: new Map(),
      primaryKey: [],
      uniqueKeys: new Map(),
      keys: new Map(),
      foreignKeys: new Map(),
    };
    for (const c of columns.filter((r) => pick(r, 'TABLE_NAME') === name)) {
      const def = pick(c, 'COLUMN_DEFAULT');
      t.columns.set(str(pick(c, 'COLUMN_NAME')), {
        type: normalizeType(str(pick(c, 'COLUMN_TYPE'))),
        nullable: pick(c, 'IS_NULLABLE') === 'YES',
        default:
          def === null || def === undefined || def === 'NULL'
            ? undefined
            : str(def)
                .toLowerCase()
                .replace(/^'(.*)'$/, '$1'),
        autoIncrement: /auto_increment/i.test(str(pick(c, 'EXTRA'))),
        charset: pick(c, 'CHARACTER_SET_NAME') ? str(pick(c, 'CHARACTER_SET_NAME')) : undefined,
      });
    }
    for (const s of stats.filter((r) => pick(r, 'TABLE_NAME') === name)) {
      const index = str(pick(s, 'INDEX_NAME'));
      const col = str(pick(s, 'COLUMN_NAME'));
      if (index === 'PRIMARY') t.primaryKey.push(col);
      else {
        const target = Number(pick(s, 'NON_UNIQUE')) === 0 ? t.uniqueKeys : t.keys;
        target.set(index, [...(target.get(index) ?? []), col]);
      }
    }
    for (const f of fks.filter((r) => pick(r, 'TABLE_NAME') === name)) {
      const fk = str(pick(f, 'CONSTRAINT_NAME'));
      const e = t.foreignKeys.get(fk) ?? { columns: [], refTable: str(pick(f, 'REFERENCED_TABLE_NAME')), refColumns: [] };
      e.columns.push(str(pick(f, 'COLUMN_NAME')));
      e.refColumns.push(str(pick(f, 'REFERENCED_COLUMN_NAME')));
      t.foreignKeys.set(fk, e);
    }
    return t;
  });
}

const list = (c: string[]): string => `(${c.join(', ')})`;
const sameCols = (a: string[] | undefined, b: string[]): boolean => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Every way the actual tables differ from the contract, one readable line each (empty: they
 * match). Tolerated: extra tables, extra indexes, and extra columns the platform's inserts do
 * not trip over (nullable, or with a default); integer display widths; index names of a key
 * whose columns match (a unique key or index with other columns counts as missing).
 */
export function compareTables(expected: TableShape[], actual: TableShape[]): string[] {
  const out: string[] = [];
  for (const e of expected) {
    const a = actual.find((t) => t.name === e.name);
    if (!a) {
      out.push(`table ${e.name} is missing`);
      continue;
    }
    if (e.engine && a.engine && a.engine.toLowerCase() !== e.engine.toLowerCase())
      out.push(`table ${e.name}: engine ${a.engine}, the contract says ${e.engine}`);
    for (const [col, ec] of e.columns) {
      const ac = a.columns.get(col);
      const where = `${e.name}.${col}`;
      if (!ac) {
        out.push(`column ${where} is missing (${ec.type}${ec.nullable ? ' NULL' : ' NOT NULL'})`);
        continue;
      }
      if (normalizeType(ac.type) !== normalizeType(ec.type)) out.push(`column ${where} is ${ac.type}, the contract says ${ec.type}`);
      if (ac.nullable !== ec.nullable)
        out.push(`column ${where} is ${ac.nullable ? 'NULL' : 'NOT NULL'}, the contract says ${ec.nullable ? 'NULL' : 'NOT NULL'}`);
      if (ec.default !== undefined && ac.default !== ec.default)
        out.push(`column ${where} has default ${ac.default ?? 'none'}, the contract says DEFAULT ${ec.default.toUpperCase()}`);
      if (ec.autoIncrement && !ac.autoIncrement) out.push(`column ${where} is not AUTO_INCREMENT`);
      if (ec.charset && ac.charset && ac.charset !== ec.charset) out.push(`column ${where} has character set ${ac.charset}, the contract says ${ec.charset}`);
    }
    for (const [col, ac] of a.columns) {
      if (!e.columns.has(col) && !ac.nullable && ac.default === undefined && !ac.autoIncrement)
        out.push(`column ${e.name}.${col} is not in the contract and is NOT NULL without a default (the other side's inserts would fail)`);
    }
    if (!sameCols(a.primaryKey, e.primaryKey))
      out.push(`table ${e.name}: primary key ${a.primaryKey.length ? list(a.primaryKey) : 'missing'}, the contract says ${list(e.primaryKey)}`);
    for (const [name, c] of e.uniqueKeys) {
      if (![...a.uniqueKeys.values()].some((x) => sameCols(x, c)))
        out.push(`table ${e.name}: unique key ${name} ${list(c)} is missing${a.uniqueKeys.has(name) ? ` (${name} is ${list(a.uniqueKeys.get(name)!)})` : ''}`);
    }
    for (const [name, c] of e.keys) {
      const all = [...a.keys.values(), ...a.uniqueKeys.values(), a.primaryKey];
      // any index that starts with the same columns serves the same queries
      if (!all.some((x) => sameCols(x.slice(0, c.length), c))) out.push(`table ${e.name}: index ${name} ${list(c)} is missing`);
    }
    for (const [name, fk] of e.foreignKeys) {
      if (![...a.foreignKeys.values()].some((x) => sameCols(x.columns, fk.columns) && x.refTable === fk.refTable && sameCols(x.refColumns, fk.refColumns))) {
        out.push(`table ${e.name}: foreign key ${name} ${list(fk.columns)} → ${fk.refTable} ${list(fk.refColumns)} is missing`);
      }
    }
  }
  return out;
}

/**
 * The contract version a front DB's tables are at: 2 when ex_acceptance has any of the version-2
 * columns (then it must have all of them), 1 otherwise.
 */
export function contractVersionOf(tables: TableShape[]): FrontDbContractVersion {
  const acc = tables.find((t) => t.name === 'ex_acceptance');
  return acc && FRONT_DB_V2_COLUMNS.some((c) => acc.columns.has(c)) ? 2 : 1;
}

/** The contract version of a live front DB, judged by its tables. */
export async function detectContractVersion(ds: DataSource): Promise<FrontDbContractVersion> {
  return contractVersionOf(await readTables(ds, ['ex_acceptance']));
}

/** The contract's differences found in a live front DB (empty: it matches), against the version its tables are at unless one is given. */
export async function frontDbDifferences(ds: DataSource, version?: FrontDbContractVersion): Promise<string[]> {
  const actual = await readTables(
    ds,
    contractTables().map((t) => t.name),
  );
  return compareTables(contractTables(frontDbDdl(version ?? contractVersionOf(actual))), actual);
}
