import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/**
 * Owns sec_login_throttle: failed logins per user NAME, known or not, so that an unknown name and a
 * wrong password are answered and locked alike.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly db: DataSource) {}

  async get(username: string): Promise<ThrottleState | null> {
    const rows = (await this.db.query('SELECT failures, window_started_at, locked_until FROM sec_login_throttle WHERE username = ?', [username])) as {
      failures: number;
      window_started_at: Date;
      locked_until: Date | null;
    }[];
    return rows[0] ? { failures: rows[0].failures, windowStartedAt: rows[0].window_started_at, lockedUntil: rows[0].locked_until } : null;
  }

  async put(username: string, s: ThrottleState): Promise<void> {
    await this.db.query(
      `INSERT INTO sec_login_throttle (username, failures, window_started_at, locked_until) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE failures = VALUES(failures), window_started_at = VALUES(window_started_at), locked_until = VALUES(locked_until)`,
      [username, s.failures, s.windowStartedAt, s.lockedUntil],
    );
  }

  async clear(username: string): Promise<boolean> {
    const res = (await this.db.query('DELETE FROM sec_login_throttle WHERE username = ?', [username])) as { affectedRows: number };
    return res.affectedRows > 0;
  }
}
