import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** The city supervisory system's schema: intake log, current state per category, outbound work orders. */
export class CityV11795400000000 implements MigrationInterface {
  name = 'CityV11795400000000';

  async up(q: QueryRunner): Promise<void> {
    // replay protection shared by every replica and surviving restarts
    await q.query(`CREATE TABLE city_nonce (
      node_code VARCHAR(32) NOT NULL,
      nonce CHAR(32) NOT NULL,
      message_ts DATETIME(3) NOT NULL,
      seen_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (node_code, nonce),
      KEY ix_city_nonce_ts (message_ts)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_report (
      id BIGINT NOT NULL AUTO_INCREMENT,
      node_code VARCHAR(32) NOT NULL,
      category VARCHAR(16) NOT NULL,
      mode VARCHAR(12) NOT NULL,
      message_id VARCHAR(80) NOT NULL,
      generated_at DATETIME(3) NOT NULL,
      item_count INT NOT NULL,
      payload LONGTEXT NOT NULL,
      transport VARCHAR(8) NOT NULL,
      correlation_id VARCHAR(64) NOT NULL,
      received_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uk_city_report (node_code, message_id),
      KEY ix_city_report_cat (node_code, category, received_at)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_refusal (
      id BIGINT NOT NULL AUTO_INCREMENT,
      node_code VARCHAR(32) NULL,
      category VARCHAR(16) NULL,
      message_id VARCHAR(80) NULL,
      code CHAR(4) NOT NULL,
      detail VARCHAR(512) NOT NULL,
      transport VARCHAR(8) NOT NULL,
      correlation_id VARCHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_city_refusal_node (node_code, category, at),
      KEY ix_city_refusal_at (at)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_resource (
      node_code VARCHAR(32) NOT NULL,
      resource_id VARCHAR(64) NOT NULL,
      resource_class VARCHAR(16) NOT NULL,
      resource_ip VARCHAR(64) NOT NULL,
      name VARCHAR(128) NOT NULL,
      model VARCHAR(128) NOT NULL,
      brand VARCHAR(128) NOT NULL,
      url VARCHAR(512) NULL,
      management_port INT NULL,
      asset_no VARCHAR(64) NULL,
      description VARCHAR(512) NULL,
      removed TINYINT(1) NOT NULL DEFAULT 0,
      removed_at DATETIME(3) NULL,
      updated_at DATETIME(3) NOT NULL,
      last_report_id BIGINT NOT NULL,
      PRIMARY KEY (node_code, resource_id),
      KEY ix_city_resource_class (node_code, resource_class)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_sub_resource (
      node_code VARCHAR(32) NOT NULL,
      sub_resource_id VARCHAR(64) NOT NULL,
      resource_id VARCHAR(64) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      name VARCHAR(128) NOT NULL,
      ip VARCHAR(64) NULL,
      url VARCHAR(512) NULL,
      status VARCHAR(32) NULL,
      removed TINYINT(1) NOT NULL DEFAULT 0,
      removed_at DATETIME(3) NULL,
      updated_at DATETIME(3) NOT NULL,
      last_report_id BIGINT NOT NULL,
      PRIMARY KEY (node_code, sub_resource_id),
      KEY ix_city_sub_resource_parent (node_code, resource_id)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_alert (
      node_code VARCHAR(32) NOT NULL,
      alert_id VARCHAR(64) NOT NULL,
      resource_id VARCHAR(64) NOT NULL,
      resource_class VARCHAR(16) NOT NULL,
      metric VARCHAR(64) NOT NULL,
      severity VARCHAR(16) NOT NULL,
      status VARCHAR(16) NOT NULL,
      value DOUBLE NOT NULL,
      threshold DOUBLE NOT NULL,
      message VARCHAR(512) NOT NULL,
      raised_at DATETIME(3) NOT NULL,
      resolved_at DATETIME(3) NULL,
      last_report_id BIGINT NOT NULL,
      PRIMARY KEY (node_code, alert_id),
      KEY ix_city_alert_raised (raised_at),
      KEY ix_city_alert_node (node_code, raised_at)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_work_order (
      node_code VARCHAR(32) NOT NULL,
      order_id VARCHAR(64) NOT NULL,
      origin VARCHAR(8) NOT NULL COMMENT 'CITY = issued down by the city, NODE = raised by the district',
      subject VARCHAR(200) NOT NULL,
      content TEXT NOT NULL,
      origin_unit VARCHAR(128) NOT NULL,
      business_type VARCHAR(64) NOT NULL,
      receiver_unit VARCHAR(128) NOT NULL,
      receiver_feedback TEXT NULL,
      origin_contact VARCHAR(64) NOT NULL,
      origin_phone VARCHAR(32) NOT NULL,
      receiver_contact VARCHAR(64) NULL,
      receiver_phone VARCHAR(32) NULL,
      status VARCHAR(16) NOT NULL,
      concluded_at DATETIME(3) NULL,
      ops_level TINYINT NOT NULL,
      star_rating TINYINT NULL,
      ops_evaluation VARCHAR(1000) NULL,
      updated_at DATETIME(3) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      last_report_id BIGINT NULL,
      PRIMARY KEY (node_code, order_id),
      KEY ix_city_work_order_status (status, updated_at)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_perf_sample (
      id BIGINT NOT NULL AUTO_INCREMENT,
      node_code VARCHAR(32) NOT NULL,
      resource_id VARCHAR(64) NOT NULL,
      sub_resource_id VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'empty = the resource itself',
      metric VARCHAR(64) NOT NULL,
      value DOUBLE NOT NULL,
      unit VARCHAR(16) NOT NULL,
      sampled_at DATETIME(3) NOT NULL,
      report_id BIGINT NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uk_city_perf_sample (node_code, resource_id, sub_resource_id, metric, sampled_at),
      KEY ix_city_perf_sampled (sampled_at)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_node_info (
      node_code VARCHAR(32) NOT NULL,
      unit_name VARCHAR(128) NOT NULL,
      person_in_charge VARCHAR(64) NOT NULL,
      person_phone VARCHAR(32) NOT NULL,
      duty_phone VARCHAR(32) NOT NULL,
      address VARCHAR(256) NOT NULL,
      node_level VARCHAR(16) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      last_report_id BIGINT NOT NULL,
      PRIMARY KEY (node_code)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_work_order_seq (
      day CHAR(8) NOT NULL,
      seq INT NOT NULL,
      PRIMARY KEY (day)
    ) ${TABLE_OPTS}`);
    await q.query(`CREATE TABLE city_work_order_outbox (
      id BIGINT NOT NULL AUTO_INCREMENT,
      node_code VARCHAR(32) NOT NULL,
      order_id VARCHAR(64) NOT NULL,
      message_id VARCHAR(80) NOT NULL,
      state VARCHAR(12) NOT NULL COMMENT 'PENDING | DELIVERED | FAILED',
      attempts INT NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NOT NULL,
      claim_token CHAR(32) NULL,
      lease_until DATETIME(3) NULL,
      last_code VARCHAR(8) NULL,
      last_error VARCHAR(512) NULL,
      answer_code VARCHAR(8) NULL,
      delivered_at DATETIME(3) NULL,
      correlation_id VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uk_city_wo_outbox_msg (message_id),
      KEY ix_city_wo_outbox_due (state, next_attempt_at),
      KEY ix_city_wo_outbox_order (node_code, order_id)
    ) ${TABLE_OPTS}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'city_work_order_outbox',
      'city_work_order_seq',
      'city_node_info',
      'city_perf_sample',
      'city_work_order',
      'city_alert',
      'city_sub_resource',
      'city_resource',
      'city_refusal',
      'city_report',
      'city_nonce',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
