import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** The ops node's own database: inventory, samples, alerts, work orders, the report outbox, downlink deliveries. */
export class OpsNodeV11795400000000 implements MigrationInterface {
  name = 'OpsNodeV11795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE node_info (
      id TINYINT NOT NULL, node_code VARCHAR(32) NOT NULL, unit_name VARCHAR(128) NOT NULL, person_in_charge VARCHAR(64) NOT NULL,
      person_phone VARCHAR(32) NOT NULL, duty_phone VARCHAR(32) NOT NULL, address VARCHAR(256) NOT NULL, node_level VARCHAR(16) NOT NULL,
      updated_at DATETIME(3) NOT NULL, PRIMARY KEY (id)) ${TABLE}`);
    await q.query(`CREATE TABLE resource (
      resource_id VARCHAR(64) NOT NULL, resource_ip VARCHAR(45) NOT NULL, resource_class VARCHAR(32) NOT NULL, name VARCHAR(128) NOT NULL,
      model VARCHAR(128) NOT NULL, brand VARCHAR(128) NOT NULL, url VARCHAR(512) NULL, management_port INT NULL, asset_no VARCHAR(64) NULL,
      description VARCHAR(512) NULL, source VARCHAR(16) NOT NULL, removed TINYINT NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL, PRIMARY KEY (resource_id), KEY ix_resource_updated (updated_at)) ${TABLE}`);
    await q.query(`CREATE TABLE sub_resource (
      sub_resource_id VARCHAR(64) NOT NULL, resource_id VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, name VARCHAR(128) NOT NULL,
      ip VARCHAR(45) NULL, url VARCHAR(512) NULL, status VARCHAR(32) NULL, removed TINYINT NOT NULL DEFAULT 0,
      updated_at DATETIME(3) NOT NULL, PRIMARY KEY (sub_resource_id), KEY ix_sub_resource_parent (resource_id), KEY ix_sub_resource_updated (updated_at)) ${TABLE}`);
    await q.query(`CREATE TABLE perf_sample (
      id BIGINT NOT NULL AUTO_INCREMENT, resource_id VARCHAR(64) NOT NULL, sub_resource_id VARCHAR(64) NOT NULL DEFAULT '',
      metric VARCHAR(64) NOT NULL, value DOUBLE NOT NULL, unit VARCHAR(16) NOT NULL, sampled_at DATETIME(3) NOT NULL,
      inserted_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id), KEY ix_perf_series (resource_id, metric, sampled_at), KEY ix_perf_sampled (sampled_at)) ${TABLE}`);
    await q.query(`CREATE TABLE alert_threshold (
      id INT NOT NULL AUTO_INCREMENT, metric VARCHAR(64) NOT NULL, resource_class VARCHAR(32) NULL, resource_id VARCHAR(64) NULL,
      comparator VARCHAR(2) NOT NULL, value DOUBLE NOT NULL, severity VARCHAR(16) NOT NULL, enabled TINYINT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL, PRIMARY KEY (id)) ${TABLE}`);
    await q.query(`CREATE TABLE ops_alert (
      alert_id VARCHAR(64) NOT NULL, threshold_id INT NOT NULL, open_key VARCHAR(200) NULL, resource_id VARCHAR(64) NOT NULL,
      sub_resource_id VARCHAR(64) NOT NULL DEFAULT '', resource_class VARCHAR(32) NOT NULL, metric VARCHAR(64) NOT NULL,
      severity VARCHAR(16) NOT NULL, status VARCHAR(16) NOT NULL, value DOUBLE NOT NULL, threshold DOUBLE NOT NULL, message VARCHAR(512) NOT NULL,
      raised_at DATETIME(3) NOT NULL, resolved_at DATETIME(3) NULL, updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (alert_id), UNIQUE KEY uk_alert_open (open_key), KEY ix_alert_updated (updated_at)) ${TABLE}`);
    await q.query(`CREATE TABLE work_order (
      order_id VARCHAR(64) NOT NULL, subject VARCHAR(200) NOT NULL, content TEXT NOT NULL, origin_unit VARCHAR(128) NOT NULL,
      business_type VARCHAR(64) NOT NULL, receiver_unit VARCHAR(128) NOT NULL, receiver_feedback TEXT NULL,
      origin_contact VARCHAR(64) NOT NULL, origin_phone VARCHAR(32) NOT NULL, receiver_contact VARCHAR(64) NULL, receiver_phone VARCHAR(32) NULL,
      status VARCHAR(16) NOT NULL, concluded_at DATETIME(3) NULL, ops_level TINYINT NOT NULL, star_rating TINYINT NULL, ops_evaluation VARCHAR(1000) NULL,
      origin VARCHAR(8) NOT NULL, created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (order_id), KEY ix_work_order_updated (updated_at)) ${TABLE}`);
    await q.query(`CREATE TABLE inbound_message (
      sender_node VARCHAR(32) NOT NULL, message_id VARCHAR(80) NOT NULL, category VARCHAR(16) NOT NULL, received_at DATETIME(3) NOT NULL,
      PRIMARY KEY (sender_node, message_id)) ${TABLE}`);
    await q.query(`CREATE TABLE inbound_nonce (
      sender_node VARCHAR(32) NOT NULL, nonce CHAR(32) NOT NULL, ts DATETIME(3) NOT NULL,
      PRIMARY KEY (sender_node, nonce), KEY ix_nonce_ts (ts)) ${TABLE}`);
    await q.query(`CREATE TABLE report_category_state (
      category VARCHAR(16) NOT NULL, watermark VARCHAR(40) NULL, last_enqueued_at DATETIME(3) NULL,
      last_success_at DATETIME(3) NULL, last_success_message_id VARCHAR(80) NULL, last_attempt_at DATETIME(3) NULL,
      last_error VARCHAR(512) NULL, last_error_code VARCHAR(8) NULL, last_error_at DATETIME(3) NULL,
      consecutive_failures INT NOT NULL DEFAULT 0, PRIMARY KEY (category)) ${TABLE}`);
    await q.query(`INSERT INTO report_category_state (category) VALUES ('RESOURCE'),('SUB_RESOURCE'),('PERFORMANCE'),('ALERT'),('WORK_ORDER'),('NODE_INFO')`);
    await q.query(`CREATE TABLE report_outbox (
      id BIGINT NOT NULL AUTO_INCREMENT, message_id VARCHAR(80) NOT NULL, category VARCHAR(16) NOT NULL, mode VARCHAR(12) NOT NULL,
      item_count INT NOT NULL, payload LONGTEXT NOT NULL, state VARCHAR(10) NOT NULL, attempts INT NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NOT NULL, lease_until DATETIME(3) NULL, last_error VARCHAR(512) NULL, last_code VARCHAR(8) NULL,
      created_at DATETIME(3) NOT NULL, sent_at DATETIME(3) NULL,
      PRIMARY KEY (id), UNIQUE KEY uk_report_message (message_id), KEY ix_report_due (state, category, id)) ${TABLE}`);
    await q.query(`CREATE TABLE downlink_delivery (
      record_id VARCHAR(64) NOT NULL, source_node VARCHAR(32) NOT NULL, target_unit VARCHAR(32) NOT NULL, data_type VARCHAR(64) NOT NULL,
      content LONGTEXT NULL, state VARCHAR(10) NOT NULL, reason VARCHAR(512) NULL, attempts INT NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NOT NULL, taken_at DATETIME(3) NOT NULL, delivered_at DATETIME(3) NULL,
      shadow_pending VARCHAR(16) NULL, updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (record_id), KEY ix_downlink_due (state, next_attempt_at), KEY ix_downlink_shadow (shadow_pending)) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'downlink_delivery',
      'report_outbox',
      'report_category_state',
      'inbound_nonce',
      'inbound_message',
      'work_order',
      'ops_alert',
      'alert_threshold',
      'perf_sample',
      'sub_resource',
      'resource',
      'node_info',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
