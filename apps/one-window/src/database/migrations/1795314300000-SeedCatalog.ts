import { MigrationInterface, QueryRunner } from 'typeorm';
import { HALL, SEED_ITEMS } from '../../catalog/catalog.seed';

/** Reference data: the district's item catalog (事项). Later catalog changes go through the API or new migrations. */
export class SeedCatalog1795314300000 implements MigrationInterface {
  name = 'SeedCatalog1795314300000';

  async up(q: QueryRunner): Promise<void> {
    for (const it of SEED_ITEMS) {
      await q.query(
        `INSERT INTO item (code, name, category, dept_code, legal_limit_days, promised_limit_days, contact_phone, supervision_phone, fee_basis, handling_location, acceptance_conditions, legal_basis, process, materials, enabled)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)`,
        [
          it.code,
          it.name,
          it.category,
          it.deptCode,
          it.legalLimitDays,
          it.promisedLimitDays,
          '0375-12345',
          '0375-12388',
          it.feeBasis,
          HALL,
          it.acceptanceConditions,
          it.legalBasis,
          '综合窗口受理登记 → 材料电子化 → 分发至部门 → 部门受理 → 部门办结 → 统一出件',
          JSON.stringify(it.materials),
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM item WHERE code IN (${SEED_ITEMS.map(() => '?').join(',')})`,
      SEED_ITEMS.map((i) => i.code),
    );
  }
}
