import 'reflect-metadata';
import { buildDataSource, ensureDatabase, FRONT_DB_MIGRATIONS } from '@app/front-db';
import { loadOneWindowConfig } from '../config/one-window.config';
import { platformDataSourceOptions } from '../database/platform-datasource';
import { FieldCipher } from '@app/gm-crypto';
import { DataSource } from 'typeorm';

/**
 * The explicit migrate step: creates (if needed) and migrates the platform DB and the
 * front-end DB of every department in the topology. `npm run migrate`, the demo and the
 * tests call it; the apps refuse to start on a schema with pending migrations.
 */
async function main(): Promise<void> {
  const { config, topology } = loadOneWindowConfig();
  const log = (msg: string) => process.stdout.write(`[migrate] ${msg}\n`);
  const platform = { host: config.DB_HOST, port: config.DB_PORT, user: config.DB_USER, password: config.DB_PASSWORD, database: config.platformDbName };
  await ensureDatabase(platform);
  const ds = new DataSource(platformDataSourceOptions(config));
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
    await ensureDatabase(d.frontDb);
    const fds = buildDataSource(d.frontDb, { migrations: FRONT_DB_MIGRATIONS, poolSize: 2 });
    await fds.initialize();
    try {
      const ran = await fds.runMigrations({ transaction: 'each' });
      log(`front DB ${d.frontDb.database} (${d.code} ${d.name}): ${ran.length} migration(s) applied`);
    } finally {
      await fds.destroy();
    }
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
