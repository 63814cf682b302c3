import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The security tables every human-facing app keeps in its own DB: accounts, password history,
 * login throttling, sessions and the audit log. The audit log is append-only for everyone: triggers
 * refuse UPDATE and DELETE whatever account runs them.
 */
export class SecurityAccounts1796000000000 implements MigrationInterface {
  name = 'SecurityAccounts1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sec_account (
      id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      username VARCHAR(64) NOT NULL,
      display_name VARCHAR(64) NOT NULL,
      role VARCHAR(16) NOT NULL,
      window_no VARCHAR(16) NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE',
      password_hash VARCHAR(255) NOT NULL,
      password_changed_at DATETIME(3) NOT NULL,
      must_change_password TINYINT NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      created_by VARCHAR(64) NOT NULL,
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      status_reason VARCHAR(255) NULL,
      UNIQUE KEY ux_sec_account_username (username)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE sec_password_history (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      account_id INT NOT NULL,
      password_hash VARCHAR(255) NOT NULL,
      changed_at DATETIME(3) NOT NULL,
      KEY ix_sec_pwhist_account (account_id, changed_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE sec_login_throttle (
      username VARCHAR(64) NOT NULL PRIMARY KEY,
      failures INT NOT NULL,
      window_started_at DATETIME(3) NOT NULL,
      locked_until DATETIME(3) NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE sec_session (
      id CHAR(64) NOT NULL PRIMARY KEY,
      account_id INT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      last_seen_at DATETIME(3) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      must_change_password TINYINT NOT NULL DEFAULT 0,
      revoked_at DATETIME(3) NULL,
      revoked_reason VARCHAR(32) NULL,
      client_ip VARCHAR(64) NULL,
      user_agent VARCHAR(255) NULL,
      KEY ix_sec_session_account (account_id, revoked_at),
      KEY ix_sec_session_expires (expires_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE sec_audit_log (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      at DATETIME(3) NOT NULL,
      actor VARCHAR(64) NULL,
      actor_role VARCHAR(16) NULL,
      event VARCHAR(32) NOT NULL,
      target VARCHAR(255) NULL,
      outcome VARCHAR(8) NOT NULL,
      code VARCHAR(8) NULL,
      detail LONGTEXT NULL,
      client_ip VARCHAR(64) NULL,
      cid VARCHAR(64) NULL,
      KEY ix_sec_audit_at (at),
      KEY ix_sec_audit_actor (actor, at),
      KEY ix_sec_audit_event (event, at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TRIGGER sec_audit_log_no_update BEFORE UPDATE ON sec_audit_log FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'sec_audit_log is append-only'`);
    await q.query(`CREATE TRIGGER sec_audit_log_no_delete BEFORE DELETE ON sec_audit_log FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'sec_audit_log is append-only'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sec_audit_log', 'sec_session', 'sec_login_throttle', 'sec_password_history', 'sec_account']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
