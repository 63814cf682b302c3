import { createConnection } from 'mysql2/promise';
import type { DbTarget } from '../config/db.config';

/**
 * Creates the schema if it does not exist (the simulator plays the DBA for the departments).
 * An existing schema is left alone: a department's account may hold no CREATE privilege.
 */
export async function ensureDatabase(cfg: DbTarget): Promise<void> {
  const conn = await createConnection({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password });
  try {
    const [rows] = await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [cfg.database]);
    if ((rows as unknown[]).length > 0) return;
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${cfg.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}
