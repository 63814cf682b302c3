import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Work orders as an ITSM does them (docs/work-order-states.md): the internal state beside the wire
 * status the city sees, assignment, parent/child (分解), the link to an alert, the SLA clocks with
 * their thresholds marked once, an optimistic version for concurrent operators, and the append-only
 * history (work_order_history: every transition, 反馈 and 记录, never updated). Existing orders get
 * the internal state their wire status stands for.
 */
export class OpsWorkOrdersItsm1795700000000 implements MigrationInterface {
  name = 'OpsWorkOrdersItsm1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE work_order
      ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'NEW',
      ADD COLUMN order_type VARCHAR(16) NOT NULL DEFAULT 'COLLABORATIVE',
      ADD COLUMN parent_id VARCHAR(64) NULL,
      ADD COLUMN assignee_kind VARCHAR(8) NULL,
      ADD COLUMN assignee VARCHAR(128) NULL,
      ADD COLUMN alert_id VARCHAR(64) NULL,
      ADD COLUMN pending_reason VARCHAR(500) NULL,
      ADD COLUMN version INT NOT NULL DEFAULT 0,
      ADD COLUMN responded_at DATETIME(3) NULL,
      ADD COLUMN resolved_at DATETIME(3) NULL,
      ADD COLUMN closed_at DATETIME(3) NULL,
      ADD COLUMN respond_target_s INT NOT NULL DEFAULT 1800,
      ADD COLUMN resolve_target_s INT NOT NULL DEFAULT 7200,
      ADD COLUMN clock_paused_ms BIGINT NOT NULL DEFAULT 0,
      ADD COLUMN clock_paused_since DATETIME(3) NULL,
      ADD COLUMN respond_warned_at DATETIME(3) NULL,
      ADD COLUMN respond_breached_at DATETIME(3) NULL,
      ADD COLUMN resolve_warned_at DATETIME(3) NULL,
      ADD COLUMN resolve_breached_at DATETIME(3) NULL,
      ADD KEY ix_work_order_parent (parent_id),
      ADD KEY ix_work_order_state (state, created_at),
      ADD KEY ix_work_order_created (created_at),
      ADD KEY ix_work_order_alert (alert_id)`);
    await q.query(`UPDATE work_order SET state = CASE status
      WHEN 'PENDING' THEN 'NEW' WHEN 'ACCEPTED' THEN 'ASSIGNED' WHEN 'PROCESSING' THEN 'IN_PROGRESS' WHEN 'FEEDBACK' THEN 'IN_PROGRESS'
      WHEN 'CONCLUDED' THEN 'RESOLVED' ELSE 'CLOSED' END,
      order_type = CASE origin WHEN 'CITY' THEN 'COLLABORATIVE' ELSE 'SELF' END,
      responded_at = CASE WHEN status = 'PENDING' THEN NULL ELSE updated_at END,
      resolved_at = CASE WHEN status IN ('CONCLUDED', 'EVALUATED') THEN COALESCE(concluded_at, updated_at) ELSE NULL END,
      clock_paused_since = CASE WHEN status IN ('CONCLUDED', 'EVALUATED') THEN COALESCE(concluded_at, updated_at) ELSE NULL END,
      closed_at = CASE WHEN status = 'EVALUATED' THEN updated_at ELSE NULL END`);
    await q.query(`CREATE TABLE work_order_history (
      id BIGINT NOT NULL AUTO_INCREMENT, order_id VARCHAR(64) NOT NULL, at DATETIME(3) NOT NULL, actor VARCHAR(64) NOT NULL,
      event VARCHAR(16) NOT NULL, from_state VARCHAR(16) NULL, to_state VARCHAR(16) NULL, note TEXT NULL, detail TEXT NULL,
      PRIMARY KEY (id), KEY ix_history_order (order_id, id)) ${TABLE}`);
    await q.query(`ALTER TABLE ops_alert ADD COLUMN work_order_id VARCHAR(64) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ops_alert DROP COLUMN work_order_id');
    await q.query('DROP TABLE work_order_history');
    await q.query(`ALTER TABLE work_order DROP KEY ix_work_order_parent, DROP KEY ix_work_order_state, DROP KEY ix_work_order_created, DROP KEY ix_work_order_alert,
      DROP COLUMN state, DROP COLUMN order_type, DROP COLUMN parent_id, DROP COLUMN assignee_kind, DROP COLUMN assignee, DROP COLUMN alert_id,
      DROP COLUMN pending_reason, DROP COLUMN version, DROP COLUMN responded_at, DROP COLUMN resolved_at, DROP COLUMN closed_at,
      DROP COLUMN respond_target_s, DROP COLUMN resolve_target_s, DROP COLUMN clock_paused_ms, DROP COLUMN clock_paused_since,
      DROP COLUMN respond_warned_at, DROP COLUMN respond_breached_at, DROP COLUMN resolve_warned_at, DROP COLUMN resolve_breached_at`);
  }
}
