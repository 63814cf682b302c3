import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registration retries (Idempotency-Key per clerk account) and the expiry of abandoned drafts
 * (state EXPIRED with when and why).
 */
export class RegistrationIdempotencyDraftExpiry1795320000000 implements MigrationInterface {
  name = 'RegistrationIdempotencyDraftExpiry1795320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `registration_idempotency` (`username` varchar(64) NOT NULL, `idem_key` varchar(128) NOT NULL, `request_hash` char(64) NOT NULL, `apply_no` varchar(32) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_idempotency_created` (`created_at`), PRIMARY KEY (`username`, `idem_key`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `application` ADD `expired_at` datetime(3) NULL, ADD `expire_reason` varchar(255) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `application` DROP COLUMN `expire_reason`, DROP COLUMN `expired_at`');
    await q.query('DROP TABLE `registration_idempotency`');
  }
}
