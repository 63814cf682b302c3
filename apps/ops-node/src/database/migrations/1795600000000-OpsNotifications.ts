import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Alert notification: the escalation of each alert (its whole state as JSON plus the columns the
 * runner and the API search on), every delivery attempt (告警通知记录), and the on-call duty table
 * (值班表, A/B roles) that the escalation reads when a step starts.
 */
export class OpsNotifications1795600000000 implements MigrationInterface {
  name = 'OpsNotifications1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notify_escalation (
      alert_id VARCHAR(64) NOT NULL, policy VARCHAR(64) NOT NULL, severity VARCHAR(16) NOT NULL, status VARCHAR(16) NOT NULL, step INT NOT NULL,
      due_at DATETIME(3) NULL, version INT NOT NULL, state MEDIUMTEXT NOT NULL, created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (alert_id), KEY ix_escalation_due (due_at), KEY ix_escalation_status (status, created_at)) ${TABLE}`);
    await q.query(`CREATE TABLE notify_attempt (
      id BIGINT NOT NULL AUTO_INCREMENT, alert_id VARCHAR(64) NOT NULL, notice_seq INT NOT NULL, notice_kind VARCHAR(8) NOT NULL, step INT NOT NULL,
      recipient_id VARCHAR(64) NOT NULL, channel VARCHAR(8) NOT NULL, recipient VARCHAR(128) NOT NULL, attempt_no INT NOT NULL, status VARCHAR(10) NOT NULL,
      provider_id VARCHAR(300) NULL, error VARCHAR(1000) NULL, detail VARCHAR(64) NULL, attempted_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id), KEY ix_attempt_delivery (alert_id, notice_seq, channel, recipient), KEY ix_attempt_provider (provider_id), KEY ix_attempt_time (attempted_at)) ${TABLE}`);
    await q.query(`CREATE TABLE on_call_person (
      id INT NOT NULL AUTO_INCREMENT, name VARCHAR(64) NOT NULL, role CHAR(1) NOT NULL, email VARCHAR(128) NULL, mobile VARCHAR(20) NULL, phone VARCHAR(32) NULL,
      enabled TINYINT NOT NULL DEFAULT 1, created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id), KEY ix_on_call_role (role, enabled)) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['on_call_person', 'notify_attempt', 'notify_escalation']) await q.query(`DROP TABLE ${t}`);
  }
}
