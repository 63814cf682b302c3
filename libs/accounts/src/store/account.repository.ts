import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '../model/roles';

export type AccountStatus = 'ACTIVE' | 'DISABLED';

export interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  windowNo: string | null;
  status: AccountStatus;
  passwordHash: string;
  passwordChangedAt: Date;
  mustChangePassword: boolean;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  statusReason: string | null;
}

interface RawAccount {
  id: number;
  username: string;
  display_name: string;
  role: string;
  window_no: string | null;
  status: string;
  password_hash: string;
  password_changed_at: Date;
  must_change_password: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  status_reason: string | null;
}

const toRow = (r: RawAccount): AccountRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  windowNo: r.window_no,
  status: r.status as AccountStatus,
  passwordHash: r.password_hash,
  passwordChangedAt: r.password_changed_at,
  mustChangePassword: r.must_change_password === 1,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  statusReason: r.status_reason,
});

/** Owns sec_account and sec_password_history. */
@Injectable()
export class AccountRepository {
  constructor(private readonly db: DataSource) {}

  async findByUsername(username: string): Promise<AccountRow | null> {
    const rows = (await this.db.query('SELECT * FROM sec_account WHERE username = ?', [username])) as RawAccount[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  async findById(id: number): Promise<AccountRow | null> {
    const rows = (await this.db.query('SELECT * FROM sec_account WHERE id = ?', [id])) as RawAccount[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  async list(filter: { role?: Role; status?: AccountStatus; offset: number; limit: number }): Promise<{ total: number; rows: AccountRow[] }> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.role) {
      where.push('role = ?');
      args.push(filter.role);
    }
    if (filter.status) {
      where.push('status = ?');
      args.push(filter.status);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = (await this.db.query(`SELECT COUNT(*) AS n FROM sec_account ${w}`, args)) as { n: string }[];
    const rows = (await this.db.query(`SELECT * FROM sec_account ${w} ORDER BY username LIMIT ? OFFSET ?`, [
      ...args,
      filter.limit,
      filter.offset,
    ])) as RawAccount[];
    return { total: Number(n), rows: rows.map(toRow) };
  }

  async insert(
    a: { username: string; displayName: string; role: Role; windowNo: string | null; passwordHash: string; mustChangePassword: boolean; createdBy: string },
    now: Date,
  ): Promise<number> {
    const res = (await this.db.query(
      `INSERT INTO sec_account (username, display_name, role, window_no, status, password_hash, password_changed_at, must_change_password, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?)`,
      [a.username, a.displayName, a.role, a.windowNo, a.passwordHash, now, a.mustChangePassword ? 1 : 0, now, a.createdBy, now],
    )) as { insertId: number };
    await this.addHistory(res.insertId, a.passwordHash, now);
    return res.insertId;
  }

  async update(id: number, patch: { displayName?: string; role?: Role; windowNo?: string | null }, now: Date): Promise<void> {
    const sets: string[] = ['updated_at = ?'];
    const args: unknown[] = [now];
    if (patch.displayName !== undefined) {
      sets.push('display_name = ?');
      args.push(patch.displayName);
    }
    if (patch.role !== undefined) {
      sets.push('role = ?');
      args.push(patch.role);
    }
    if (patch.windowNo !== undefined) {
      sets.push('window_no = ?');
      args.push(patch.windowNo);
    }
    await this.db.query(`UPDATE sec_account SET ${sets.join(', ')} WHERE id = ?`, [...args, id]);
  }

  async setStatus(id: number, status: AccountStatus, reason: string | null, now: Date): Promise<void> {
    await this.db.query('UPDATE sec_account SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?', [status, reason, now, id]);
  }

  async setPassword(id: number, passwordHash: string, mustChange: boolean, now: Date): Promise<void> {
    await this.db.query('UPDATE sec_account SET password_hash = ?, password_changed_at = ?, must_change_password = ?, updated_at = ? WHERE id = ?', [
      passwordHash,
      now,
      mustChange ? 1 : 0,
      now,
      id,
    ]);
    await this.addHistory(id, passwordHash, now);
  }

  /** The hashes of the last `count` passwords, newest first. */
  async recentHashes(id: number, count: number): Promise<string[]> {
    if (count <= 0) return [];
    const rows = (await this.db.query('SELECT password_hash FROM sec_password_history WHERE account_id = ? ORDER BY changed_at DESC, id DESC LIMIT ?', [
      id,
      count,
    ])) as { password_hash: string }[];
    return rows.map((r) => r.password_hash);
  }

  private async addHistory(id: number, hash: string, now: Date): Promise<void> {
    await this.db.query('INSERT INTO sec_password_history (account_id, password_hash, changed_at) VALUES (?, ?, ?)', [id, hash, now]);
  }
}
