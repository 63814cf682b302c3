import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room for SM4-encrypted applicant ID and phone numbers and a blind index for search. Existing
 * plaintext rows are encrypted by the migrate CLI right after (it holds PII_SM4_KEY; the DB never does).
 */
export class EncryptApplicantPii1796000000002 implements MigrationInterface {
  name = 'EncryptApplicantPii1796000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE `application` MODIFY `applicant_id_no` varchar(128) NOT NULL, MODIFY `applicant_phone` varchar(128) NOT NULL, ADD `applicant_id_hash` char(64) NULL',
    );
    await q.query('CREATE INDEX `ix_application_id_hash` ON `application` (`applicant_id_hash`)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `ix_application_id_hash` ON `application`');
    await q.query(
      'ALTER TABLE `application` DROP COLUMN `applicant_id_hash`, MODIFY `applicant_id_no` varchar(32) NOT NULL, MODIFY `applicant_phone` varchar(20) NOT NULL',
    );
  }
}
