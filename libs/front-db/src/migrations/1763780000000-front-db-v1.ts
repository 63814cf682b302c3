import { MigrationInterface, QueryRunner } from 'typeorm';
import { FRONT_DB_DDL_V1 } from '../front-db.ddl';
import { FrontDbV21763780000001 } from './1763780000001-front-db-v2';

export class FrontDbV11763780000000 implements MigrationInterface {
  name = 'FrontDbV11763780000000';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of FRONT_DB_DDL_V1) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['ex_shadow', 'ex_callback_file', 'ex_callback', 'ex_acceptance_material', 'ex_acceptance']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}

// contract version n is the first n migrations
export const FRONT_DB_MIGRATIONS = [FrontDbV11763780000000, FrontDbV21763780000001];
