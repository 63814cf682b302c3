import { MigrationInterface, QueryRunner } from 'typeorm';

/** Department-supplied JSON and clerk form data can exceed TEXT's 64 KB; a callback must never fail on size. */
export class WidenJsonColumns1795314600000 implements MigrationInterface {
  name = 'WidenJsonColumns1795314600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `application_version` MODIFY `form_data` longtext NOT NULL, MODIFY `supplement_request` longtext NULL');
    await q.query('ALTER TABLE `callback_inbox` MODIFY `detail` longtext NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `callback_inbox` MODIFY `detail` text NOT NULL');
    await q.query('ALTER TABLE `application_version` MODIFY `form_data` text NOT NULL, MODIFY `supplement_request` text NULL');
  }
}
