import { MigrationInterface, QueryRunner } from 'typeorm';

/** 出件: the hand-over at the window or the express mailing of a concluded application's result (docs/delivery-states.md). */
export class ApplicationDelivery1797000000200 implements MigrationInterface {
  name = 'ApplicationDelivery1797000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `application_delivery` (' +
        '`apply_no` varchar(32) NOT NULL, `method` varchar(8) NOT NULL, `state` varchar(24) NOT NULL, ' +
        '`collector_name` varchar(50) NULL, `collector_id_no` varchar(128) NULL, `collector_relation` varchar(8) NULL, `id_checked` tinyint NULL, ' +
        '`handed_over_at` datetime(3) NULL, `handed_over_by` varchar(64) NULL, `handed_over_window` varchar(16) NULL, ' +
        '`carrier` varchar(16) NULL, `waybill_no` varchar(32) NULL, `mailed_at` datetime(3) NULL, `mailed_by` varchar(64) NULL, `mailed_window` varchar(16) NULL, ' +
        '`delivered_at` datetime(3) NULL, `delivered_by` varchar(64) NULL, `delivered_recorded_at` datetime(3) NULL, ' +
        '`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), ' +
        'INDEX `ix_delivery_state` (`state`, `updated_at`), PRIMARY KEY (`apply_no`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `application_delivery`');
  }
}
