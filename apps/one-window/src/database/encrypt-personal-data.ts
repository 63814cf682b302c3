import { FieldCipher } from '@app/gm-crypto';

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

/** The columns of personal data kept whole (JSON or a number) that are SM4-encrypted at rest, with their row keys. */
const COLUMNS: { table: string; column: string; keys: string[] }[] = [
  { table: 'application', column: 'delivery_address', keys: ['apply_no'] },
  { table: 'application_version', column: 'form_data', keys: ['apply_no', 'version'] },
  { table: 'application_delivery', column: 'collector_id_no', keys: ['apply_no'] },
  { table: 'callback_inbox', column: 'detail', keys: ['apply_no', 'version', 'stage'] },
];

const BATCH = 500;

/**
 * Encrypts, in batches, the delivery addresses, application forms, collector ID numbers and callback details written
 * before encryption (docs/security.md, "Personal data at rest"). Idempotent and restartable: a value
 * already encrypted (`sm4$…`) is never selected, and each UPDATE changes a row only if it still holds
 * the plaintext it read (a row the app rewrote meanwhile is left to the app). The cipher is asked for
 * only when there is a row to convert (a new DB needs no key here). Returns the rows converted.
 */
export async function encryptPlaintextPersonalData(query: Query, cipherOf: () => FieldCipher): Promise<number> {
  let total = 0;
  for (const c of COLUMNS) {
    const where = `\`${c.column}\` IS NOT NULL AND \`${c.column}\` NOT LIKE 'sm4$%'`;
    for (;;) {
      const rows = (await query(
        `SELECT ${c.keys.map((k) => `\`${k}\``).join(', ')}, \`${c.column}\` AS v FROM \`${c.table}\` WHERE ${where} LIMIT ${BATCH}`,
      )) as Record<string, unknown>[];
      if (!rows.length) break;
      let changed = 0;
      for (const r of rows) {
        const plain = String(r.v);
        const res = (await query(
          `UPDATE \`${c.table}\` SET \`${c.column}\` = ? WHERE ${c.keys.map((k) => `\`${k}\` = ?`).join(' AND ')} AND \`${c.column}\` = ?`,
          [cipherOf().encrypt(plain), ...c.keys.map((k) => r[k]), plain],
        )) as { affectedRows?: number };
        changed += Number(res.affectedRows ?? 0);
      }
      total += changed;
      // every row of the batch was rewritten by the app meanwhile (so it is encrypted now) or by us
      if (rows.length < BATCH) break;
    }
  }
  return total;
}
