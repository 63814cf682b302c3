import { MigrationInterface, QueryRunner } from 'typeorm';

export class MaterialCheck1797000000500 implements MigrationInterface {
  name = 'MaterialCheck1797000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `material_check` (`apply_no` varchar(32) NOT NULL, `version` int NOT NULL, `material_code` varchar(32) NOT NULL, `original_seen` tinyint NOT NULL, `paper_copies` int NOT NULL, `checked_by` varchar(64) NOT NULL, `checked_at` datetime(3) NOT NULL, PRIMARY KEY (`apply_no`, `version`, `material_code`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `material_check`');
  }
}
