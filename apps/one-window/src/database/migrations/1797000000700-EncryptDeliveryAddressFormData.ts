import { MigrationInterface, QueryRunner } from 'typeorm';
import { encryptPlaintextPersonalData } from '../encrypt-personal-data';
import { pii } from '../pii';

/**
 * The express delivery address (recipient, phone, address) and the application forms (which hold
 * the ID numbers, phones and addresses of the persons they name) SM4-encrypted at rest like the
 * applicant's numbers (docs/security.md, "Personal data at rest"). Existing rows are converted here,
 * in batches; a row already encrypted is left alone, so a run stopped half-way simply continues.
 * The key is the configuration's (PII_SM4_KEY): the migrate CLI sets the cipher before migrating.
 */
export class EncryptDeliveryAddressFormData1797000000700 implements MigrationInterface {
  name = 'EncryptDeliveryAddressFormData1797000000700';

  async up(q: QueryRunner): Promise<void> {
    // the columns are TEXT / LONGTEXT already: room for the ciphertext (base64 of IV, ciphertext and tag, about 4/3 of the JSON plus 64)
    await encryptPlaintextPersonalData((sql, params) => q.query(sql, params) as Promise<unknown>, pii);
  }

  async down(): Promise<void> {
    // nothing to undo in the schema; decrypting back would put personal data in clear again, so the rows stay encrypted
  }
}
