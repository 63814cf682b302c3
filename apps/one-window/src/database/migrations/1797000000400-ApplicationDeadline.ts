import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 时限监察: each submitted application's promised and legal deadline and state (application_deadline,
 * recomputed by the DeadlineJob), the yellow and red cards given (deadline_card, one of each per
 * application at most) and the job's watermark and lease (supervision_cursor).
 */
export class ApplicationDeadline1797000000400 implements MigrationInterface {
  name = 'ApplicationDeadline1797000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `application_deadline` (' +
        '`apply_no` varchar(32) NOT NULL, `item_code` varchar(32) NOT NULL, `dept_code` varchar(16) NOT NULL, `window_no` varchar(16) NULL, ' +
        '`promised_days` int NOT NULL, `legal_days` int NOT NULL, `submitted_at` datetime(3) NOT NULL, `accepted_at` datetime(3) NULL, ' +
        '`clock_start_at` datetime(3) NOT NULL, `promised_due_at` datetime(3) NOT NULL, `legal_due_at` datetime(3) NOT NULL, ' +
        '`state` varchar(8) NOT NULL, `paused` tinyint NOT NULL, `paused_working_ms` bigint NOT NULL, ' +
        '`warn_at` datetime(3) NULL, `overdue_at` datetime(3) NOT NULL, `legal_exceeded` tinyint NOT NULL, `legal_exceeded_at` datetime(3) NOT NULL, ' +
        '`overdue_working_days` int NOT NULL, `closed` tinyint NOT NULL, `stopped_at` datetime(3) NULL, `stop_reason` varchar(16) NULL, ' +
        '`next_check_at` datetime(3) NULL, `evaluated_at` datetime(3) NOT NULL, `computed_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), ' +
        'PRIMARY KEY (`apply_no`), KEY `ix_deadline_check` (`closed`, `next_check_at`), KEY `ix_deadline_state` (`state`, `closed`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `deadline_card` (' +
        '`apply_no` varchar(32) NOT NULL, `card` varchar(8) NOT NULL, `carded_at` datetime(3) NOT NULL, ' +
        '`item_code` varchar(32) NOT NULL, `dept_code` varchar(16) NOT NULL, `window_no` varchar(16) NULL, ' +
        '`recorded_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), ' +
        'PRIMARY KEY (`apply_no`, `card`), KEY `ix_card_time` (`card`, `carded_at`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `supervision_cursor` (`name` varchar(32) NOT NULL, `watermark` datetime(3) NULL, `lease_owner` varchar(64) NULL, `lease_until` datetime(3) NULL, PRIMARY KEY (`name`)) ENGINE=InnoDB',
    );
    await q.query("INSERT INTO `supervision_cursor` (`name`) VALUES ('deadline')");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `supervision_cursor`');
    await q.query('DROP TABLE `deadline_card`');
    await q.query('DROP TABLE `application_deadline`');
  }
}
