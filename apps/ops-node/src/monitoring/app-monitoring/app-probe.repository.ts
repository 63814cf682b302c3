import { ResourceClass } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { ProbeState } from './probe-state';

export interface ProbeTarget {
  resourceId: string;
  name: string;
  url: string;
  intervalSeconds: number;
  slowMs: number;
  timeoutMs: number;
  path: string;
  enabled: boolean;
  customised: boolean;
}

export interface ProbeSettings {
  intervalSeconds?: number;
  slowMs?: number;
  timeoutMs?: number;
  path?: string;
  enabled?: boolean;
}

/** Business systems to probe (from the inventory) with their per-system settings, and the probe history. */
export class AppProbeRepository {
  constructor(private readonly db: EntityManager) {}

  async targets(defaults: Required<ProbeSettings>): Promise<ProbeTarget[]> {
    const rows = (await this.db.query(
      `SELECT r.resource_id, r.name, r.url, p.interval_seconds, p.slow_ms, p.timeout_ms, p.path, p.enabled FROM resource r LEFT JOIN app_probe p ON p.resource_id = r.resource_id
       WHERE r.resource_class = ? AND r.removed = 0 AND r.url IS NOT NULL ORDER BY r.resource_id`,
      [ResourceClass.BUSINESS_SYSTEM],
    )) as Record<string, unknown>[];
    return rows.map((r) => {
      const custom = r.interval_seconds !== null;
      return {
        resourceId: String(r.resource_id),
        name: String(r.name),
        url: String(r.url),
        intervalSeconds: custom ? Number(r.interval_seconds) : defaults.intervalSeconds,
        slowMs: custom ? Number(r.slow_ms) : defaults.slowMs,
        timeoutMs: custom ? Number(r.timeout_ms) : defaults.timeoutMs,
        path: custom ? String(r.path) : defaults.path,
        enabled: custom ? Number(r.enabled) === 1 : defaults.enabled,
        customised: custom,
      };
    });
  }

  async save(resourceId: string, s: Required<ProbeSettings>, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO app_probe (resource_id, interval_seconds, slow_ms, timeout_ms, path, enabled, updated_at) VALUES (?,?,?,?,?,?,?)
       ON DUPLICATE KEY UPDATE interval_seconds = VALUES(interval_seconds), slow_ms = VALUES(slow_ms), timeout_ms = VALUES(timeout_ms), path = VALUES(path), enabled = VALUES(enabled), updated_at = VALUES(updated_at)`,
      [resourceId, s.intervalSeconds, s.slowMs, s.timeoutMs, s.path, s.enabled ? 1 : 0, now],
    );
  }

  async record(r: {
    resourceId: string;
    checkedAt: Date;
    state: ProbeState;
    httpStatus: number | null;
    latencyMs: number | null;
    error: string | null;
  }): Promise<void> {
    await this.db.query('INSERT INTO app_probe_result (resource_id, checked_at, state, http_status, latency_ms, error) VALUES (?,?,?,?,?,?)', [
      r.resourceId,
      r.checkedAt,
      r.state,
      r.httpStatus,
      r.latencyMs,
      r.error?.slice(0, 256) ?? null,
    ]);
  }

  /** Last result of each system plus its availability (share of probes not down) since `since`. */
  async overview(since: Date): Promise<Map<string, { last: Record<string, unknown> | undefined; probes: number; available: number }>> {
    const last = (await this.db.query(
      'SELECT p.* FROM app_probe_result p JOIN (SELECT MAX(id) AS id FROM app_probe_result GROUP BY resource_id) l ON l.id = p.id',
    )) as Record<string, unknown>[];
    const avail = (await this.db.query(
      `SELECT resource_id, COUNT(*) AS n, SUM(state <> 'DOWN') AS ok FROM app_probe_result WHERE checked_at >= ? GROUP BY resource_id`,
      [since],
    )) as { resource_id: string; n: string; ok: string }[];
    const out = new Map<string, { last: Record<string, unknown> | undefined; probes: number; available: number }>();
    for (const a of avail) out.set(a.resource_id, { last: undefined, probes: Number(a.n), available: Number(a.ok) });
    for (const l of last) {
      const id = String(l.resource_id);
      out.set(id, { ...(out.get(id) ?? { probes: 0, available: 0 }), last: l });
    }
    return out;
  }

  async history(resourceId: string, from: Date | undefined, to: Date | undefined, limit: number): Promise<Record<string, unknown>[]> {
    const where = ['resource_id = ?'];
    const params: unknown[] = [resourceId];
    if (from) {
      where.push('checked_at >= ?');
      params.push(from);
    }
    if (to) {
      where.push('checked_at < ?');
      params.push(to);
    }
    return (await this.db.query(
      `SELECT checked_at AS checkedAt, state, http_status AS httpStatus, latency_ms AS latencyMs, error FROM app_probe_result WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${Math.max(1, Math.min(10_000, limit))}`,
      params,
    )) as Record<string, unknown>[];
  }

  /** Retention: one batch of probe results checked before `before`; returns how many went. */
  async purgeBefore(before: Date, limit: number): Promise<number> {
    const r = (await this.db.query(`DELETE FROM app_probe_result WHERE checked_at < ? LIMIT ${limit}`, [before])) as { affectedRows: number };
    return r.affectedRows;
  }
}
