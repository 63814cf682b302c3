import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type AuditOutcome = 'SUCCESS' | 'FAILURE';

export interface AuditEntry {
  actor: string | null;
  actorRole: string | null;
  event: string;
  target: string | null;
  outcome: AuditOutcome;
  code: string | null;
  detail: Record<string, unknown> | null;
  clientIp: string | null;
  cid: string | null;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: Date;
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actor?: string;
  event?: string;
  outcome?: AuditOutcome;
  offset: number;
  limit: number;
}

/** Owns sec_audit_log: append-only (the table's triggers refuse UPDATE and DELETE). */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  async append(e: AuditEntry, at: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO sec_audit_log (at, actor, actor_role, event, target, outcome, code, detail, client_ip, cid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [at, e.actor, e.actorRole, e.event, e.target?.slice(0, 255) ?? null, e.outcome, e.code, e.detail ? JSON.stringify(e.detail) : null, e.clientIp, e.cid],
    );
  }

  async query(f: AuditFilter): Promise<{ total: number; rows: AuditRecord[] }> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.from) {
      where.push('at >= ?');
      args.push(f.from);
    }
    if (f.to) {
      where.push('at < ?');
      args.push(f.to);
    }
    if (f.actor) {
      where.push('actor = ?');
      args.push(f.actor);
    }
    if (f.event) {
      where.push('event = ?');
      args.push(f.event);
    }
    if (f.outcome) {
      where.push('outcome = ?');
      args.push(f.outcome);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = (await this.db.query(`SELECT COUNT(*) AS n FROM sec_audit_log ${w}`, args)) as { n: string }[];
    const raw = (await this.db.query(`SELECT * FROM sec_audit_log ${w} ORDER BY id DESC LIMIT ? OFFSET ?`, [...args, f.limit, f.offset])) as {
      id: string;
      at: Date;
      actor: string | null;
      actor_role: string | null;
      event: string;
      target: string | null;
      outcome: AuditOutcome;
      code: string | null;
      detail: string | null;
      client_ip: string | null;
      cid: string | null;
    }[];
    return {
      total: Number(n),
      rows: raw.map((r) => ({
        id: Number(r.id),
        at: r.at,
        actor: r.actor,
        actorRole: r.actor_role,
        event: r.event,
        target: r.target,
        outcome: r.outcome,
        code: r.code,
        detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
        clientIp: r.client_ip,
        cid: r.cid,
      })),
    };
  }
}
