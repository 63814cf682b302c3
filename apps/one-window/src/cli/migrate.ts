import 'reflect-metadata';
import { DbGrant, runMigrateCli, sameDbAccount } from '@app/common';
import { migrateFrontDb } from '@app/front-db';
import { FieldCipher } from '@app/gm-crypto';
import { DataSource } from 'typeorm';
import { loadOneWindowConfig } from '../config/one-window.config';
import { encryptPlaintextPersonalData } from '../database/encrypt-personal-data';
import { setPiiCipher } from '../database/pii';
import { platformDb } from '../database/platform-datasource';

/**
 * The platform's migrate step: the platform DB, then the front-end DB of every department in the
 * topology. A front DB the department created itself from the published DDL is checked against the
 * contract and adopted; one that differs stops the step with every difference named (migrateFrontDb).
 */
runMigrateCli(async (m) => {
  const { config, topology } = loadOneWindowConfig();
  const cipher = new FieldCipher(config.piiKey);
  // the data migrations that encrypt personal data (1797000000700) take the key from here, never from the DB
  setPiiCipher(cipher);
  await m.migrate(platformDb(config), async (ds) => {
    const encrypted = await encryptPlaintextApplicants(ds, cipher);
    if (encrypted) m.log(`platform DB ${config.platformDbName}: ${encrypted} applicant(s) from before encryption now SM4-encrypted`);
    // rows a previous version of the app wrote in clear after the migration ran (a rolling upgrade)
    const more = await encryptPlaintextPersonalData(
      (sql, params) => ds.query(sql, params) as Promise<unknown>,
      () => cipher,
    );
    if (more) m.log(`platform DB ${config.platformDbName}: ${more} delivery address(es), form(s) or collector ID number(s) now SM4-encrypted`);
  });
  for (const d of topology.departments) {
    const { action, adoptedVersion, version } = await migrateFrontDb(m.asAdmin(d.frontDb));
    const what =
      action === 'adopted'
        ? `created by the department from the published DDL; matches the contract, recorded as version ${adoptedVersion}` +
          (adoptedVersion === version ? '' : `; upgraded to version ${version} (nullable columns added)`)
        : action === 'created'
          ? `created from the contract DDL (version ${version})`
          : action === 'migrated'
            ? `migrated to contract version ${version}`
            : action;
    m.log(`front DB ${d.frontDb.database} (${d.code} ${d.name}): ${what}`);
  }
  // the platform's account: its own DB, and on the front DBs of this server what dispatch and the scans need
  const sameServer = topology.departments.filter((d) => sameDbAccount(d.frontDb, config.dbServer));
  await m.provision(
    config.dbServer,
    [
      { database: config.platformDbName, privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
      ...sameServer.map((d): DbGrant => ({ database: d.frontDb.database, privileges: ['SELECT', 'INSERT', 'UPDATE'] })),
    ],
    `DML on ${config.platformDbName}; SELECT, INSERT, UPDATE on ${sameServer.length} front DB(s)`,
  );
});

/** Encrypts, in batches, the ID and phone numbers of rows written before encryption (idempotent). */
async function encryptPlaintextApplicants(ds: DataSource, cipher: FieldCipher): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = (await ds.query(
      "SELECT apply_no, applicant_id_no, applicant_phone FROM application WHERE applicant_id_no NOT LIKE 'sm4$%' OR applicant_phone NOT LIKE 'sm4$%' OR applicant_id_hash IS NULL LIMIT 500",
    )) as { apply_no: string; applicant_id_no: string; applicant_phone: string }[];
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
