import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Rules that a fresh node starts with (when there were no operator thresholds to migrate). */
const DEFAULT_RULES: [string, string, string, string | null, string, number, number | null, number, string, number][] = [
  // name, kind, metric, resource_class, comparator, threshold, recovery, for_seconds, severity, marks_down
  ['CPU使用率过高', 'METRIC', 'cpu.usage', null, '>=', 90, 80, 60, 'MAJOR', 0],
  ['内存使用率过高', 'METRIC', 'mem.usage', null, '>=', 95, 90, 120, 'MINOR', 0],
  ['磁盘使用率过高', 'METRIC', 'disk.usage', null, '>=', 90, 85, 0, 'MAJOR', 0],
  ['端口中断', 'STATE', 'if.status', null, '<', 1, null, 0, 'CRITICAL', 0],
  ['设备不可达', 'STATE', 'device.up', null, '<', 1, null, 0, 'CRITICAL', 1],
  ['业务系统不可用', 'STATE', 'http.up', 'BUSINESS_SYSTEM', '<', 1, null, 0, 'CRITICAL', 1],
  ['数据保留任务异常', 'STATE', 'job.retention.ok', null, '<', 1, null, 0, 'MAJOR', 0],
];

/**
 * Monitoring and alerting: sampling intervals, rollups (5 min / 1 h / 1 day) with their dirty-bucket
 * queue, job runs, alert rules (migrated from alert_threshold), per-series alert state, silences,
 * the resource "behind" relation, the system log (系统日志), the notification outbox and application probes.
 */
export class OpsMonitoring1795500000000 implements MigrationInterface {
  name = 'OpsMonitoring1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sampling_interval (
      resource_id VARCHAR(64) NOT NULL DEFAULT '', metric VARCHAR(64) NOT NULL DEFAULT '', interval_seconds INT NOT NULL,
      updated_at DATETIME(3) NOT NULL, PRIMARY KEY (resource_id, metric)) ${TABLE}`);
    await q.query(`CREATE TABLE perf_rollup (
      resolution VARCHAR(3) NOT NULL, resource_id VARCHAR(64) NOT NULL, metric VARCHAR(64) NOT NULL, sub_resource_id VARCHAR(64) NOT NULL,
      bucket_start DATETIME NOT NULL, min_value DOUBLE NOT NULL, max_value DOUBLE NOT NULL, sum_value DOUBLE NOT NULL, sample_count BIGINT NOT NULL,
      computed_at DATETIME(3) NOT NULL,
      PRIMARY KEY (resolution, resource_id, metric, sub_resource_id, bucket_start), KEY ix_rollup_bucket (resolution, bucket_start)) ${TABLE}`);
    await q.query(`CREATE TABLE perf_rollup_dirty (
      bucket_start DATETIME NOT NULL, seq INT NOT NULL DEFAULT 1, marked_at DATETIME(3) NOT NULL, PRIMARY KEY (bucket_start)) ${TABLE}`);
    // every sample already stored needs its 5-minute bucket computed
    await q.query(`INSERT INTO perf_rollup_dirty (bucket_start, seq, marked_at)
      SELECT DISTINCT DATE_FORMAT(sampled_at, '%Y-%m-%d %H:00:00') + INTERVAL (MINUTE(sampled_at) DIV 5 * 5) MINUTE, 1, NOW(3) FROM perf_sample`);
    await q.query(`CREATE TABLE job_run (
      id BIGINT NOT NULL AUTO_INCREMENT, job VARCHAR(32) NOT NULL, started_at DATETIME(3) NOT NULL, finished_at DATETIME(3) NULL,
      duration_ms INT NULL, status VARCHAR(8) NOT NULL, rows_affected BIGINT NOT NULL DEFAULT 0, detail VARCHAR(2000) NULL, error VARCHAR(512) NULL,
      PRIMARY KEY (id), KEY ix_job_run (job, id)) ${TABLE}`);

    await q.query(`CREATE TABLE alert_rule (
      id INT NOT NULL AUTO_INCREMENT, name VARCHAR(128) NOT NULL, kind VARCHAR(8) NOT NULL, metric VARCHAR(64) NOT NULL,
      resource_class VARCHAR(32) NULL, resource_id VARCHAR(64) NULL, comparator VARCHAR(2) NOT NULL, threshold DOUBLE NOT NULL,
      recovery_threshold DOUBLE NULL, for_seconds INT NOT NULL DEFAULT 0, severity VARCHAR(16) NOT NULL,
      repeat_interval_seconds INT NOT NULL DEFAULT 0, marks_down TINYINT NOT NULL DEFAULT 0, enabled TINYINT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL, PRIMARY KEY (id)) ${TABLE}`);
    // operator thresholds become rules with the same id (ops_alert.threshold_id keeps pointing at them), firing at once as before
    await q.query(`INSERT INTO alert_rule (id, name, kind, metric, resource_class, resource_id, comparator, threshold, recovery_threshold, for_seconds, severity, marks_down, enabled, created_at, updated_at)
      SELECT id, CONCAT(metric, ' ', comparator, ' ', value), IF(metric IN ('if.status', 'http.up'), 'STATE', 'METRIC'), metric, resource_class, resource_id,
             comparator, value, NULL, 0, severity, IF(metric = 'http.up', 1, 0), enabled, created_at, updated_at FROM alert_threshold`);
    const [{ n }] = (await q.query('SELECT COUNT(*) AS n FROM alert_rule')) as { n: string }[];
    if (Number(n) === 0) {
      for (const r of DEFAULT_RULES) {
        await q.query(
          `INSERT INTO alert_rule (name, kind, metric, resource_class, comparator, threshold, recovery_threshold, for_seconds, severity, marks_down, enabled, created_at, updated_at)
          VALUES (?,?,?,?,?,?,?,?,?,?,1,NOW(3),NOW(3))`,
          r,
        );
      }
    } else {
      // nodes that had thresholds still get the rules new in this version
      for (const r of DEFAULT_RULES.filter((x) => ['device.up', 'job.retention.ok'].includes(x[2]))) {
        await q.query(
          `INSERT INTO alert_rule (name, kind, metric, resource_class, comparator, threshold, recovery_threshold, for_seconds, severity, marks_down, enabled, created_at, updated_at)
          SELECT ?,?,?,?,?,?,?,?,?,?,1,NOW(3),NOW(3) FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM alert_rule WHERE metric = ?)`,
          [...r, r[2]],
        );
      }
    }
    await q.query('DROP TABLE alert_threshold');

    await q.query(`ALTER TABLE ops_alert
      ADD COLUMN rule_name VARCHAR(128) NULL, ADD COLUMN fingerprint VARCHAR(200) NULL, ADD COLUMN pending_since DATETIME(3) NULL,
      ADD COLUMN last_value DOUBLE NULL, ADD COLUMN acknowledged_at DATETIME(3) NULL, ADD COLUMN acknowledged_by VARCHAR(64) NULL,
      ADD COLUMN closed_at DATETIME(3) NULL, ADD COLUMN closed_by VARCHAR(64) NULL, ADD COLUMN silenced_by BIGINT NULL,
      ADD COLUMN suppressed_by VARCHAR(64) NULL, ADD COLUMN notify_count INT NOT NULL DEFAULT 0, ADD COLUMN last_notified_at DATETIME(3) NULL,
      ADD KEY ix_alert_raised (raised_at), ADD KEY ix_alert_status (status)`);
    await q.query(
      `UPDATE ops_alert SET fingerprint = CONCAT(threshold_id, '|', resource_id, '|', sub_resource_id), notify_count = 1, last_notified_at = raised_at`,
    );
    await q.query(`CREATE TABLE alert_series_state (
      rule_id INT NOT NULL, resource_id VARCHAR(64) NOT NULL, sub_resource_id VARCHAR(64) NOT NULL, phase VARCHAR(8) NOT NULL,
      since DATETIME(3) NULL, alert_id VARCHAR(64) NULL, last_at DATETIME(3) NULL, updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (rule_id, resource_id, sub_resource_id)) ${TABLE}`);
    await q.query(`INSERT INTO alert_series_state (rule_id, resource_id, sub_resource_id, phase, since, alert_id, last_at, updated_at)
      SELECT threshold_id, resource_id, sub_resource_id, 'FIRING', raised_at, alert_id, updated_at, NOW(3) FROM ops_alert WHERE open_key IS NOT NULL`);
    await q.query(`CREATE TABLE alert_silence (
      id BIGINT NOT NULL AUTO_INCREMENT, kind VARCHAR(12) NOT NULL, rule_id INT NULL, resource_id VARCHAR(64) NULL, sub_resource_id VARCHAR(64) NULL,
      metric VARCHAR(64) NULL, severity VARCHAR(16) NULL, starts_at DATETIME(3) NOT NULL, ends_at DATETIME(3) NOT NULL, reason VARCHAR(512) NOT NULL,
      created_by VARCHAR(64) NOT NULL, created_at DATETIME(3) NOT NULL, cancelled_at DATETIME(3) NULL,
      PRIMARY KEY (id), KEY ix_silence_ends (ends_at)) ${TABLE}`);
    await q.query(`CREATE TABLE resource_parent (
      resource_id VARCHAR(64) NOT NULL, parent_resource_id VARCHAR(64) NOT NULL, updated_at DATETIME(3) NOT NULL,
      PRIMARY KEY (resource_id), KEY ix_parent (parent_resource_id)) ${TABLE}`);
    await q.query(`CREATE TABLE system_log (
      id BIGINT NOT NULL AUTO_INCREMENT, logged_at DATETIME(3) NOT NULL, level VARCHAR(8) NOT NULL, category VARCHAR(16) NOT NULL, event VARCHAR(32) NOT NULL,
      alert_id VARCHAR(64) NULL, rule_id INT NULL, resource_id VARCHAR(64) NULL, sub_resource_id VARCHAR(64) NULL, severity VARCHAR(16) NULL,
      actor VARCHAR(64) NULL, message VARCHAR(1000) NOT NULL, detail TEXT NULL,
      notify TINYINT NOT NULL DEFAULT 0, group_key VARCHAR(200) NULL, notice_id BIGINT NULL,
      PRIMARY KEY (id), KEY ix_log_time (logged_at), KEY ix_log_alert (alert_id), KEY ix_log_unnoticed (notify, notice_id)) ${TABLE}`);
    await q.query(`CREATE TABLE alert_notification_outbox (
      id BIGINT NOT NULL AUTO_INCREMENT, group_key VARCHAR(200) NOT NULL, kind VARCHAR(10) NOT NULL, severity VARCHAR(16) NOT NULL,
      alert_count INT NOT NULL, title VARCHAR(256) NOT NULL, payload MEDIUMTEXT NOT NULL, state VARCHAR(10) NOT NULL,
      created_at DATETIME(3) NOT NULL, taken_at DATETIME(3) NULL, taken_by VARCHAR(64) NULL,
      PRIMARY KEY (id), KEY ix_notice_state (state, id)) ${TABLE}`);
    await q.query(`CREATE TABLE app_probe (
      resource_id VARCHAR(64) NOT NULL, interval_seconds INT NOT NULL, slow_ms INT NOT NULL, timeout_ms INT NOT NULL, path VARCHAR(256) NOT NULL,
      enabled TINYINT NOT NULL DEFAULT 1, updated_at DATETIME(3) NOT NULL, PRIMARY KEY (resource_id)) ${TABLE}`);
    await q.query(`CREATE TABLE app_probe_result (
      id BIGINT NOT NULL AUTO_INCREMENT, resource_id VARCHAR(64) NOT NULL, checked_at DATETIME(3) NOT NULL, state VARCHAR(4) NOT NULL,
      http_status INT NULL, latency_ms DOUBLE NULL, error VARCHAR(256) NULL,
      PRIMARY KEY (id), KEY ix_probe_series (resource_id, checked_at), KEY ix_probe_time (checked_at)) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE alert_threshold (
      id INT NOT NULL AUTO_INCREMENT, metric VARCHAR(64) NOT NULL, resource_class VARCHAR(32) NULL, resource_id VARCHAR(64) NULL,
      comparator VARCHAR(2) NOT NULL, value DOUBLE NOT NULL, severity VARCHAR(16) NOT NULL, enabled TINYINT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL, PRIMARY KEY (id)) ${TABLE}`);
    await q.query(`INSERT INTO alert_threshold (id, metric, resource_class, resource_id, comparator, value, severity, enabled, created_at, updated_at)
      SELECT id, metric, resource_class, resource_id, comparator, threshold, severity, enabled, created_at, updated_at FROM alert_rule WHERE comparator IN ('>', '>=', '<', '<=')`);
    await q.query(`ALTER TABLE ops_alert DROP KEY ix_alert_raised, DROP KEY ix_alert_status, DROP COLUMN rule_name, DROP COLUMN fingerprint, DROP COLUMN pending_since,
      DROP COLUMN last_value, DROP COLUMN acknowledged_at, DROP COLUMN acknowledged_by, DROP COLUMN closed_at, DROP COLUMN closed_by,
      DROP COLUMN silenced_by, DROP COLUMN suppressed_by, DROP COLUMN notify_count, DROP COLUMN last_notified_at`);
    for (const t of [
      'app_probe_result',
      'app_probe',
      'alert_notification_outbox',
      'system_log',
      'resource_parent',
      'alert_silence',
      'alert_series_state',
      'alert_rule',
      'job_run',
      'perf_rollup_dirty',
      'perf_rollup',
      'sampling_interval',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
