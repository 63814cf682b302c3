import { MigrationInterface, QueryRunner } from 'typeorm';
import { FRONT_DB_V2_COLUMNS, FRONT_DB_UPGRADE_V2 } from '../front-db.ddl';

/**
 * Contract version 2: the delivery method and address on ex_acceptance (nullable, additive). A
 * front DB whose department already ran the published upgrade statement is left as it is.
 */
export class FrontDbV21763780000001 implements MigrationInterface {
  name = 'FrontDbV21763780000001';

  async up(q: QueryRunner): Promise<void> {
    const present = (await q.query(
      "SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'ex_acceptance' AND COLUMN_NAME IN (?)",
      [FRONT_DB_V2_COLUMNS],
    )) as { c: string }[];
    if (present.length === FRONT_DB_V2_COLUMNS.length) return;
    // a partial set is a hand-made table the contract check names afterwards; do not guess
    if (present.length > 0)
      throw new Error(`ex_acceptance has only some of the version-2 columns (${present.map((p) => p.c).join(', ')}); add the others as published`);
    for (const stmt of FRONT_DB_UPGRADE_V2) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ex_acceptance ${FRONT_DB_V2_COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
}
