import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_ITEMS } from '../../catalog/catalog.seed';

/**
 * The application form of each item (申请表字段): the workbench builds its form from them and
 * registration checks formData against them. Seeded items get their fields; any other item an
 * installation added gets none (it then takes an empty form until its fields are set).
 * MariaDB commits each DDL statement on its own, so every step may run again after a kill mid-way.
 */
export class ItemFormFields1797000000100 implements MigrationInterface {
  name = 'ItemFormFields1797000000100';

  async up(q: QueryRunner): Promise<void> {
    if (!(await q.hasColumn('item', 'form_fields'))) await q.query('ALTER TABLE `item` ADD `form_fields` longtext NULL');
    for (const it of SEED_ITEMS) await q.query('UPDATE `item` SET `form_fields` = ? WHERE `code` = ?', [JSON.stringify(it.formFields), it.code]);
    await q.query("UPDATE `item` SET `form_fields` = '[]' WHERE `form_fields` IS NULL");
    await q.query('ALTER TABLE `item` MODIFY `form_fields` longtext NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `item` DROP COLUMN `form_fields`');
  }
}
