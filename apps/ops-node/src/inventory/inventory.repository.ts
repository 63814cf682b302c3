import { ReportItem, ResourceClass, SubResourceKind } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { toWire } from '../core/wire-time';

export interface ResourceRecord {
  resourceId: string;
  resourceIp: string;
  resourceClass: ResourceClass;
  name: string;
  model: string;
  brand: string;
  url?: string | null;
  managementPort?: number | null;
  assetNo?: string | null;
  description?: string | null;
}

export interface SubResourceRecord {
  subResourceId: string;
  resourceId: string;
  kind: SubResourceKind;
  name: string;
  ip?: string | null;
  url?: string | null;
  status?: string | null;
}

const R_COLS = ['resource_ip', 'resource_class', 'name', 'model', 'brand', 'url', 'management_port', 'asset_no', 'description', 'source', 'removed'] as const;
const S_COLS = ['resource_id', 'kind', 'name', 'ip', 'url', 'status', 'removed'] as const;

/** "changed?" test of an upsert: updated_at moves only when a reported field really changed. */
function touchIfChanged(cols: readonly string[]): string {
  return `updated_at = IF(${cols.map((c) => `${c} <=> VALUES(${c})`).join(' AND ')}, updated_at, VALUES(updated_at))`;
}

/** SQL of the inventory (资源 / 子资源). */
export class InventoryRepository {
  constructor(private readonly db: EntityManager) {}

  async upsertResources(rows: ResourceRecord[], source: 'DISCOVERED' | 'MANUAL', now: Date): Promise<void> {
    if (!rows.length) return;
    const values = rows.map(() => '(?,?,?,?,?,?,?,?,?,?,?,0,?,?)').join(',');
    const params = rows.flatMap((r) => [
      r.resourceId,
      r.resourceIp,
      r.resourceClass,
      r.name,
      r.model,
      r.brand,
      r.url ?? null,
      r.managementPort ?? null,
      r.assetNo ?? null,
      r.description ?? null,
      source,
      now,
      now,
    ]);
    // asset number and description are operator fields: discovery does not overwrite them
    const keep = source === 'DISCOVERED' ? new Set(['asset_no', 'description']) : new Set<string>();
    const cols = R_COLS.filter((c) => !keep.has(c));
    await this.db.query(
      `INSERT INTO resource (resource_id, ${R_COLS.join(', ')}, created_at, updated_at) VALUES ${values}
       ON DUPLICATE KEY UPDATE ${touchIfChanged(cols)}, ${cols.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
      params,
    );
  }

  async upsertSubResources(rows: SubResourceRecord[], now: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = chunk.map(() => '(?,?,?,?,?,?,?,0,?)').join(',');
      const params = chunk.flatMap((r) => [r.subResourceId, r.resourceId, r.kind, r.name, r.ip ?? null, r.url ?? null, r.status ?? null, now]);
      await this.db.query(
        `INSERT INTO sub_resource (sub_resource_id, ${S_COLS.join(', ')}, updated_at) VALUES ${values}
         ON DUPLICATE KEY UPDATE ${touchIfChanged(S_COLS)}, ${S_COLS.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
        params,
      );
    }
  }

  async markRemoved(resourceId: string, now: Date): Promise<boolean> {
    const res = (await this.db.query('UPDATE resource SET removed = 1, updated_at = ? WHERE resource_id = ? AND removed = 0', [now, resourceId])) as {
      affectedRows: number;
    };
    await this.db.query('UPDATE sub_resource SET removed = 1, updated_at = ? WHERE resource_id = ? AND removed = 0', [now, resourceId]);
    return res.affectedRows > 0;
  }

  async listResources(filter: { resourceClass?: string; includeRemoved?: boolean }): Promise<Record<string, unknown>[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.resourceClass) {
      where.push('resource_class = ?');
      params.push(filter.resourceClass);
    }
    if (!filter.includeRemoved) where.push('removed = 0');
    return (await this.db.query(
      `SELECT * FROM resource ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY resource_class, resource_id`,
      params,
    )) as Record<string, unknown>[];
  }

  /** Which of these resource ids are in the inventory (not removed). */
  async existingIds(ids: string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Set();
    const rows = (await this.db.query(
      `SELECT resource_id FROM resource WHERE removed = 0 AND resource_id IN (${unique.map(() => '?').join(',')})`,
      unique,
    )) as {
      resource_id: string;
    }[];
    return new Set(rows.map((r) => r.resource_id));
  }

  async getResource(resourceId: string): Promise<Record<string, unknown> | undefined> {
    const [r] = (await this.db.query('SELECT * FROM resource WHERE resource_id = ?', [resourceId])) as Record<string, unknown>[];
    return r;
  }

  async listSubResources(resourceId: string): Promise<Record<string, unknown>[]> {
    return (await this.db.query('SELECT * FROM sub_resource WHERE resource_id = ? ORDER BY sub_resource_id', [resourceId])) as Record<string, unknown>[];
  }

  async resourceClassOf(): Promise<Map<string, ResourceClass>> {
    const rows = (await this.db.query('SELECT resource_id, resource_class FROM resource')) as { resource_id: string; resource_class: ResourceClass }[];
    return new Map(rows.map((r) => [r.resource_id, r.resource_class]));
  }

  /** Report items: everything (full) or what changed in (from, to]. */
  async resourceItems(range?: { from: Date | null; to: Date }): Promise<ReportItem[]> {
    const rows = (await this.db.query(
      range
        ? `SELECT * FROM resource WHERE updated_at <= ? ${range.from ? 'AND updated_at > ?' : ''} ORDER BY resource_id`
        : 'SELECT * FROM resource WHERE removed = 0 ORDER BY resource_id',
      range ? [range.to, ...(range.from ? [range.from] : [])] : [],
    )) as Record<string, unknown>[];
    return rows.map((r) => clean({ ...resourceFields(r), removed: r.removed ? true : undefined, updatedAt: toWire(r.updated_at as Date) }));
  }

  async subResourceItems(range?: { from: Date | null; to: Date }): Promise<ReportItem[]> {
    const rows = (await this.db.query(
      range
        ? `SELECT * FROM sub_resource WHERE updated_at <= ? ${range.from ? 'AND updated_at > ?' : ''} ORDER BY sub_resource_id`
        : 'SELECT * FROM sub_resource WHERE removed = 0 ORDER BY sub_resource_id',
      range ? [range.to, ...(range.from ? [range.from] : [])] : [],
    )) as Record<string, unknown>[];
    return rows.map((r) => clean({ ...subResourceFields(r), removed: r.removed ? true : undefined, updatedAt: toWire(r.updated_at as Date) }));
  }
}

type Row = Record<string, unknown>;

const resourceFields = (r: Row) => ({
  resourceId: r.resource_id,
  resourceIp: r.resource_ip,
  resourceClass: r.resource_class,
  name: r.name,
  model: r.model,
  brand: r.brand,
  url: r.url,
  managementPort: r.management_port,
  assetNo: r.asset_no,
  description: r.description,
});

const subResourceFields = (r: Row) => ({
  subResourceId: r.sub_resource_id,
  resourceId: r.resource_id,
  kind: r.kind,
  name: r.name,
  ip: r.ip,
  url: r.url,
  status: r.status,
});

/** A resource as the REST API shows it: the report's field names (camelCase), plus where it came from and when. */
export function resourceView(r: Row): Row {
  return {
    ...resourceFields(r),
    source: r.source,
    removed: Boolean(r.removed),
    createdAt: toWire(r.created_at as Date),
    updatedAt: toWire(r.updated_at as Date),
  };
}

export function subResourceView(r: Row): Row {
  return { ...subResourceFields(r), removed: Boolean(r.removed), updatedAt: toWire(r.updated_at as Date) };
}

/** Drops null/undefined fields (the contract has optional fields, never nulls). */
export function clean(o: Record<string, unknown>): ReportItem {
  const out: ReportItem = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v as ReportItem[string];
  return out;
}
