import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first clerk table becomes accounts of the shared account model: same user names, password
 * hashes (the scrypt form stays verifiable), roles and windows; then the old table goes.
 */
export class ClerksToAccounts1796000000001 implements MigrationInterface {
  name = 'ClerksToAccounts1796000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO sec_account (username, display_name, role, window_no, status, password_hash, password_changed_at, must_change_password, created_at, created_by, updated_at)
      SELECT username, display_name, role, window_no, IF(active = 1, 'ACTIVE', 'DISABLED'), password_hash, password_changed_at, 0, created_at, 'migration', NOW(3) FROM clerk`);
    await q.query(`INSERT INTO sec_password_history (account_id, password_hash, changed_at) SELECT id, password_hash, password_changed_at FROM sec_account`);
    await q.query('DROP TABLE clerk');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE clerk (id int NOT NULL AUTO_INCREMENT, username varchar(64) NOT NULL, display_name varchar(64) NOT NULL, password_hash varchar(255) NOT NULL, role varchar(16) NOT NULL DEFAULT 'OPERATOR', window_no varchar(16) NOT NULL DEFAULT '01', active tinyint NOT NULL DEFAULT 1, password_changed_at datetime(3) NOT NULL, created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX IDX_ec26415765ef18644064de9f8d (username), PRIMARY KEY (id)) ENGINE=InnoDB`,
    );
  }
}
