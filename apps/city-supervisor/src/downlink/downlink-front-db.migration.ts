import { DOWNLINK_FRONT_DB_DDL } from '@app/ops-contract';
import { createConnection } from 'mysql2/promise';
import { FrontDbSettings } from '../config/city-nodes';

/**
 * The migrate step for a node's ops front DB: creates the database and its downlink tables when
 * missing (the district's ops node does the same). Run by the migrate CLI, with admin credentials.
 */
export async function ensureDownlinkFrontDb(db: FrontDbSettings): Promise<void> {
  const admin = await createConnection({ host: db.host, port: db.port, user: db.user, password: db.password, connectTimeout: 5000 });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${db.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.query(`USE \`${db.database.replace(/`/g, '')}\``);
    for (const ddl of DOWNLINK_FRONT_DB_DDL) await admin.query(ddl);
  } finally {
    await admin.end();
  }
}
