import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox of the SMS to applicants (补正补齐, 办结) and the CMPP segments of each (docs/applicant-sms.md). */
export class ApplicantSms1797000000600 implements MigrationInterface {
  name = 'ApplicantSms1797000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `applicant_sms` (`id` bigint NOT NULL AUTO_INCREMENT, `apply_no` varchar(32) NOT NULL, `version` int NOT NULL, `event` varchar(16) NOT NULL, `phone` varchar(128) NOT NULL, `content` varchar(1000) NOT NULL, `state` varchar(16) NOT NULL, `attempts` int NOT NULL DEFAULT 0, `next_attempt_at` datetime(3) NOT NULL, `lease_until` datetime(3) NULL, `claimed_by` varchar(64) NULL, `msg_ids` varchar(255) NULL, `segments` int NULL, `stat` varchar(8) NULL, `error` varchar(255) NULL, `correlation_id` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `sending_at` datetime(3) NULL, `submitted_at` datetime(3) NULL, `delivered_at` datetime(3) NULL, `failed_at` datetime(3) NULL, `unknown_at` datetime(3) NULL, UNIQUE INDEX `ux_applicant_sms_event` (`apply_no`, `version`, `event`), INDEX `ix_applicant_sms_due` (`state`, `next_attempt_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `applicant_sms_segment` (`sms_id` bigint NOT NULL, `seq` int NOT NULL, `msg_id` varchar(24) NOT NULL, `stat` varchar(8) NULL, `reported_at` datetime(3) NULL, INDEX `ix_applicant_sms_segment_msg` (`msg_id`), PRIMARY KEY (`sms_id`, `seq`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `applicant_sms_segment`');
    await q.query('DROP TABLE `applicant_sms`');
  }
}
