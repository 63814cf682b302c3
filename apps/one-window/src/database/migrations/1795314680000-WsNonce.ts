import { wsNonceDdl } from '@app/soap-kit';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spent WS-Security nonces of the departments' tokens (SOAP NotifyCallback and its HTTP/JSON twin),
 * shared by both transports and every replica. Written by SQL only (SqlNonceStore), so no entity.
 */
export class WsNonce1795314680000 implements MigrationInterface {
  name = 'WsNonce1795314680000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(wsNonceDdl());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ws_nonce');
  }
}
