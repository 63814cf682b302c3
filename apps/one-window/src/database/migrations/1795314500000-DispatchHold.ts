import { MigrationInterface, QueryRunner } from 'typeorm';

export class DispatchHold1795314500000 implements MigrationInterface {
  name = 'DispatchHold1795314500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `dispatch_hold` (`dept_code` varchar(16) NOT NULL, `held_until` datetime(3) NOT NULL, `reason` varchar(200) NOT NULL, `held_by` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (`dept_code`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `dispatch_hold`');
  }
}
