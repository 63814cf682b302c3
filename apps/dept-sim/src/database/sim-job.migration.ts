import { wsNonceDdl } from '@app/soap-kit';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The simulator's own work queue, kept in the department's front DB so that taking an
 * acceptance and scheduling its processing commit together. Not part of the contract:
 * a real department keeps its workflow in its own business database.
 */
export class SimJob1795314400000 implements MigrationInterface {
  name = 'SimJob1795314400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sim_job (
      id         BIGINT      NOT NULL AUTO_INCREMENT,
      kind       VARCHAR(16) NOT NULL COMMENT 'PROCESS / CONCLUDE / NOTIFY',
      apply_no   VARCHAR(32) NOT NULL,
      version    INT         NOT NULL,
      stage      VARCHAR(16) NOT NULL DEFAULT '',
      state      VARCHAR(8)  NOT NULL DEFAULT 'PENDING' COMMENT 'PENDING / DONE',
      due_at     DATETIME(3) NOT NULL,
      attempts   INT         NOT NULL DEFAULT 0,
      note       VARCHAR(255) NULL,
      correlation_id VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      done_at    DATETIME(3) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uk_sim_job (kind, apply_no, version, stage),
      KEY ix_sim_job_due (state, due_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS sim_job');
  }
}

/** Spent WS-Security nonces of the platform's tokens (shared by SOAP and HTTP/JSON, acceptance and downlink). */
export class SimWsNonce1795314450000 implements MigrationInterface {
  name = 'SimWsNonce1795314450000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(wsNonceDdl());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS ws_nonce');
  }
}

export const SIM_MIGRATIONS = [SimJob1795314400000, SimWsNonce1795314450000];
export const SIM_MIGRATIONS_TABLE = 'sim_migrations';
