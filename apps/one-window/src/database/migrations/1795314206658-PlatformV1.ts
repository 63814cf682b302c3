import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformV11795314206658 implements MigrationInterface {
  name = 'PlatformV11795314206658';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`application_material\` (\`apply_no\` varchar(32) NOT NULL, \`version\` int NOT NULL, \`material_code\` varchar(32) NOT NULL, \`material_name\` varchar(200) NOT NULL, \`file_name\` varchar(200) NOT NULL, \`mime_type\` varchar(100) NOT NULL, \`size_bytes\` int NOT NULL, \`sm3\` char(64) NOT NULL, \`content\` longblob NOT NULL, \`carried_from_version\` int NULL, \`uploaded_by\` varchar(64) NOT NULL, \`uploaded_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`apply_no\`, \`version\`, \`material_code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`application_version\` (\`apply_no\` varchar(32) NOT NULL, \`version\` int NOT NULL, \`form_data\` text NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`created_by\` varchar(64) NOT NULL, \`submitted_at\` datetime(3) NULL, \`submitted_by\` varchar(64) NULL, \`supplement_request\` text NULL, PRIMARY KEY (\`apply_no\`, \`version\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`application\` (\`apply_no\` varchar(32) NOT NULL, \`item_code\` varchar(32) NOT NULL, \`dept_code\` varchar(16) NOT NULL, \`applicant_type\` varchar(8) NOT NULL, \`applicant_name\` varchar(100) NOT NULL, \`applicant_id_no\` varchar(32) NOT NULL, \`applicant_phone\` varchar(20) NOT NULL, \`delivery_method\` varchar(8) NOT NULL, \`delivery_address\` text NULL, \`state\` varchar(24) NOT NULL, \`current_version\` int NOT NULL, \`result\` varchar(16) NULL, \`result_opinion\` varchar(1000) NULL, \`created_by\` varchar(64) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), \`concluded_at\` datetime(3) NULL, \`correlation_id\` varchar(64) NOT NULL, INDEX \`ix_application_dept\` (\`dept_code\`, \`created_at\`), INDEX \`ix_application_state\` (\`state\`, \`updated_at\`), PRIMARY KEY (\`apply_no\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`CREATE TABLE \`apply_no_seq\` (\`day\` char(8) NOT NULL, \`seq\` int NOT NULL, PRIMARY KEY (\`day\`)) ENGINE=InnoDB`);
    await queryRunner.query(
      `CREATE TABLE \`clerk\` (\`id\` int NOT NULL AUTO_INCREMENT, \`username\` varchar(64) NOT NULL, \`display_name\` varchar(64) NOT NULL, \`password_hash\` varchar(255) NOT NULL, \`role\` varchar(16) NOT NULL DEFAULT 'OPERATOR', \`window_no\` varchar(16) NOT NULL DEFAULT '01', \`active\` tinyint NOT NULL DEFAULT 1, \`password_changed_at\` datetime(3) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_ec26415765ef18644064de9f8d\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`callback_inbox\` (\`apply_no\` varchar(32) NOT NULL, \`version\` int NOT NULL, \`stage\` varchar(16) NOT NULL, \`dept_code\` varchar(16) NOT NULL, \`outcome\` varchar(16) NOT NULL, \`note\` varchar(255) NULL, \`via\` varchar(8) NOT NULL, \`conclude_outcome\` varchar(16) NULL, \`opinion\` varchar(1000) NOT NULL, \`detail\` text NOT NULL, \`handled_by\` varchar(64) NOT NULL, \`handled_at\` datetime(3) NOT NULL, \`written_at\` datetime(3) NOT NULL, \`taken_at\` datetime(3) NOT NULL, \`correlation_id\` varchar(64) NOT NULL, INDEX \`ix_inbox_taken\` (\`taken_at\`), PRIMARY KEY (\`apply_no\`, \`version\`, \`stage\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`result_file\` (\`apply_no\` varchar(32) NOT NULL, \`version\` int NOT NULL, \`stage\` varchar(16) NOT NULL, \`file_name\` varchar(200) NOT NULL, \`mime_type\` varchar(100) NOT NULL, \`size_bytes\` int NOT NULL, \`sm3\` char(64) NOT NULL, \`content\` longblob NOT NULL, PRIMARY KEY (\`apply_no\`, \`version\`, \`stage\`, \`file_name\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`item\` (\`code\` varchar(32) NOT NULL, \`name\` varchar(200) NOT NULL, \`category\` varchar(24) NOT NULL, \`dept_code\` varchar(16) NOT NULL, \`legal_limit_days\` int NOT NULL, \`promised_limit_days\` int NOT NULL, \`contact_phone\` varchar(32) NOT NULL, \`supervision_phone\` varchar(32) NOT NULL, \`fee_basis\` text NOT NULL, \`handling_location\` varchar(200) NOT NULL, \`acceptance_conditions\` text NOT NULL, \`legal_basis\` text NOT NULL, \`process\` text NOT NULL, \`materials\` text NOT NULL, \`enabled\` tinyint NOT NULL DEFAULT 1, INDEX \`ix_item_category\` (\`category\`), PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`dispatch_outbox\` (\`id\` bigint NOT NULL AUTO_INCREMENT, \`apply_no\` varchar(32) NOT NULL, \`version\` int NOT NULL, \`dept_code\` varchar(16) NOT NULL, \`state\` varchar(16) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`next_attempt_at\` datetime(3) NOT NULL, \`last_error\` varchar(500) NULL, \`correlation_id\` varchar(64) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`written_at\` datetime(3) NULL, \`notified_at\` datetime(3) NULL, INDEX \`ix_outbox_due\` (\`state\`, \`next_attempt_at\`), UNIQUE INDEX \`uk_outbox_version\` (\`apply_no\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uk_outbox_version\` ON \`dispatch_outbox\``);
    await queryRunner.query(`DROP INDEX \`ix_outbox_due\` ON \`dispatch_outbox\``);
    await queryRunner.query(`DROP TABLE \`dispatch_outbox\``);
    await queryRunner.query(`DROP INDEX \`ix_item_category\` ON \`item\``);
    await queryRunner.query(`DROP TABLE \`item\``);
    await queryRunner.query(`DROP TABLE \`result_file\``);
    await queryRunner.query(`DROP INDEX \`ix_inbox_taken\` ON \`callback_inbox\``);
    await queryRunner.query(`DROP TABLE \`callback_inbox\``);
    await queryRunner.query(`DROP INDEX \`IDX_ec26415765ef18644064de9f8d\` ON \`clerk\``);
    await queryRunner.query(`DROP TABLE \`clerk\``);
    await queryRunner.query(`DROP TABLE \`apply_no_seq\``);
    await queryRunner.query(`DROP INDEX \`ix_application_state\` ON \`application\``);
    await queryRunner.query(`DROP INDEX \`ix_application_dept\` ON \`application\``);
    await queryRunner.query(`DROP TABLE \`application\``);
    await queryRunner.query(`DROP TABLE \`application_version\``);
    await queryRunner.query(`DROP TABLE \`application_material\``);
  }
}
