import 'reflect-metadata';
import { ensureDatabase, migrateFrontDb } from '@app/front-db';
import { dbAccountHostsFromEnv, dbAdminFromEnv, mysqlDataSourceOptions, provisionDbAccount } from '@app/common';
import { loadOneWindowConfig } from '../config/one-window.config';
import { platformDb } from '../database/platform-datasource';
import { FieldCipher } from '@app/gm-crypto';
import { DataSource } from 'typeorm';

/**
 * The explicit migrate step: creates (if needed) and migrates the platform DB and the
 * front-end DB of every department in the topology. A front DB the department created itself
 * from the published DDL is checked against the contract and adopted; one that differs stops
 * the step with every difference named (migrateFrontDb). `npm run migrate`, the demo and the
 * tests call it; the apps refuse to start on a schema with pending migrations.
 */
async function main(): Promise<void> {
  const { config, topology } = loadOneWindowConfig();
  const log = (msg: string) => process.stdout.write(`[migrate] ${msg}\n`);
  const admin = dbAdminFromEnv();
  // with an admin account the schema work runs as admin and the platform's own account is provisioned after
  const asAdmin = <T extends { user: string; password: string }>(c: T): T => (admin ? { ...c, user: admin.user, password: admin.password } : c);
  const platform = asAdmin({ host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.platformDbName });
  await ensureDatabase(platform);
  const ds = new DataSource(mysqlDataSourceOptions({ ...platformDb(config), target: platform }));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    log(`platform DB ${platform.database}: ${ran.length} migration(s) applied`);
    const encrypted = await encryptPlaintextApplicants(ds, new FieldCipher(config.piiKey));
    if (encrypted) log(`platform DB ${platform.database}: ${encrypted} applicant(s) from before encryption now SM4-encrypted`);
  } finally {
    await ds.destroy();
  }
  for (const d of topology.departments) {
    const action = await migrateFrontDb(asAdmin(d.frontDb));
    const what = action === 'adopted' ? 'created by the department from the published DDL; matches the contract, recorded as version 1' : action === 'created' ? 'created from the contract DDL' : action;
    log(`front DB ${d.frontDb.database} (${d.code} ${d.name}): ${what}`);
  }
  if (admin) {
    // the platform's account: its own DB, and on the front DBs of this server what dispatch and the scans need
    const sameServer = topology.departments.filter((d) => d.frontDb.host === config.DB_HOST && d.frontDb.port === config.DB_PORT && d.frontDb.user === config.DB_USER);
    await provisionDbAccount({ host: config.DB_HOST, port: config.DB_PORT, ...admin }, { user: config.DB_USER, password: config.DB_PASSWORD }, [
      { database: config.platformDbName, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
      ...sameServer.map((d) => ({ database: d.frontDb.database, privileges: ['SELECT', 'INSERT', 'UPDATE'] as ('SELECT' | 'INSERT' | 'UPDATE')[] })),
    ], { hosts: dbAccountHostsFromEnv() });
    log(`account ${config.DB_USER}: DML on ${config.platformDbName}; SELECT, INSERT, UPDATE on ${sameServer.length} front DB(s)`);
  }
}

/** Encrypts, in batches, the ID and phone numbers of rows written before encryption (idempotent). */
async function encryptPlaintextApplicants(ds: DataSource, cipher: FieldCipher): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = (await ds.query("SELECT apply_no, applicant_id_no, applicant_phone FROM application WHERE applicant_id_no NOT LIKE 'sm4$%' OR applicant_phone NOT LIKE 'sm4$%' OR applicant_id_hash IS NULL LIMIT 500")) as { apply_no: string; applicant_id_no: string; applicant_phone: string }[];
    if (!rows.length) return total;
    for (const r of rows) {
      const idNo = cipher.decrypt(r.applicant_id_no);
      await ds.query('UPDATE application SET applicant_id_no = ?, applicant_phone = ?, applicant_id_hash = ? WHERE apply_no = ?', [
        FieldCipher.isEncrypted(r.applicant_id_no) ? r.applicant_id_no : cipher.encrypt(idNo),
        FieldCipher.isEncrypted(r.applicant_phone) ? r.applicant_phone : cipher.encrypt(r.applicant_phone),
        cipher.blindIndex(idNo),
        r.apply_no,
      ]);
    }
    total += rows.length;
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[migrate] failed: ${err.message}\n`);
  process.exit(1);
});
