import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refusal names the node whose signature verified, or none: only those may touch that node's
 * reporting health (an unsigned request claiming a node must not mark it failing). Earlier rows are
 * classified by their code: 3006–3012 are refused after the signature check.
 */
export class CityRefusalVerified1795700000000 implements MigrationInterface {
  name = 'CityRefusalVerified1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "ALTER TABLE city_refusal ADD COLUMN sender_verified TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: the signature of node_code verified before the refusal' AFTER message_id",
    );
    await q.query(
      "UPDATE city_refusal SET sender_verified = 1 WHERE code IN ('3006', '3007', '3008', '3009', '3010', '3011', '3012') AND node_code IS NOT NULL",
    );
    await q.query('ALTER TABLE city_refusal ADD KEY ix_city_refusal_verified (sender_verified, node_code, category, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE city_refusal DROP KEY ix_city_refusal_verified');
    await q.query('ALTER TABLE city_refusal DROP COLUMN sender_verified');
  }
}
