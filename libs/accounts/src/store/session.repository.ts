import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '../model/roles';

export interface SessionView {
  id: string;
  accountId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  mustChangePassword: boolean;
  username: string;
  displayName: string;
  role: Role;
  windowNo: string | null;
  accountStatus: string;
}

interface RawSession {
  id: string;
  account_id: number;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  must_change_password: number;
  username: string;
  display_name: string;
  role: string;
  window_no: string | null;
  status: string;
}

/** Owns sec_session: server-side sessions, revocable at once. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    s: { id: string; accountId: number; mustChangePassword: boolean; expiresAt: Date; clientIp: string | null; userAgent: string | null },
    now: Date,
  ): Promise<void> {
    await this.db.query(
      'INSERT INTO sec_session (id, account_id, created_at, last_seen_at, expires_at, must_change_password, client_ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [s.id, s.accountId, now, now, s.expiresAt, s.mustChangePassword ? 1 : 0, s.clientIp, s.userAgent?.slice(0, 255) ?? null],
    );
  }

  /** The session with its account, in one read per request. */
  async find(id: string): Promise<SessionView | null> {
    const rows = (await this.db.query(
      `SELECT s.id, s.account_id, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at, s.must_change_password,
              a.username, a.display_name, a.role, a.window_no, a.status
         FROM sec_session s JOIN sec_account a ON a.id = s.account_id WHERE s.id = ?`,
      [id],
    )) as RawSession[];
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      accountId: r.account_id,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
      mustChangePassword: r.must_change_password === 1,
      username: r.username,
      displayName: r.display_name,
      role: r.role as Role,
      windowNo: r.window_no,
      accountStatus: r.status,
    };
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.db.query('UPDATE sec_session SET last_seen_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]);
  }

  async revoke(id: string, reason: string, now: Date): Promise<void> {
    await this.db.query('UPDATE sec_session SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL', [now, reason, id]);
  }

  /** Ends every open session of an account (closed, role changed, password reset). */
  async revokeAll(accountId: number, reason: string, now: Date, exceptId?: string): Promise<number> {
    const res = (await this.db.query('UPDATE sec_session SET revoked_at = ?, revoked_reason = ? WHERE account_id = ? AND revoked_at IS NULL AND id <> ?', [
      now,
      reason,
      accountId,
      exceptId ?? '',
    ])) as { affectedRows: number };
    return res.affectedRows;
  }

  async clearMustChange(id: string): Promise<void> {
    await this.db.query('UPDATE sec_session SET must_change_password = 0 WHERE id = ?', [id]);
  }

  async countOpen(accountId: number, now: Date): Promise<number> {
    const [{ n }] = (await this.db.query('SELECT COUNT(*) AS n FROM sec_session WHERE account_id = ? AND revoked_at IS NULL AND expires_at > ?', [
      accountId,
      now,
    ])) as { n: string }[];
    return Number(n);
  }

  /** Removes sessions that ended more than a day ago (their login/logout stays in the audit log). */
  async purgeEnded(before: Date): Promise<void> {
    await this.db.query('DELETE FROM sec_session WHERE (expires_at < ? OR revoked_at < ?) LIMIT 5000', [before, before]);
  }
}
