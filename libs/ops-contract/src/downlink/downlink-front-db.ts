import { sm3, Sm2PrivateKey, Sm2PublicKey } from '@app/gm-crypto';
import { GmCryptoError } from '@app/gm-crypto';

/**
 * The district's ops front-end database (运维前置库): the national/upstream node writes encrypted
 * records into dl_record; the district's ops node takes them (shadow event TAKEN), decrypts,
 * forwards each to the unit it names and records DELIVERED. A record is pending while it has
 * neither a TAKEN nor a REJECTED shadow row. docs/ops-report-contract.md documents this DDL.
 */
export const DOWNLINK_FRONT_DB_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS dl_record (
  id BIGINT NOT NULL AUTO_INCREMENT,
  record_id VARCHAR(64) NOT NULL COMMENT 'upstream id, unique',
  source_node VARCHAR(32) NOT NULL COMMENT 'node code of the writer',
  target_unit VARCHAR(32) NOT NULL COMMENT 'unit (department code) to forward to',
  data_type VARCHAR(64) NOT NULL,
  encryption VARCHAR(8) NOT NULL COMMENT 'SM2 | SM2-SM4',
  cipher_mode VARCHAR(8) NOT NULL COMMENT 'C1C3C2 | C1C2C3',
  cipher_format VARCHAR(12) NOT NULL COMMENT 'prefixed04 | raw | der',
  encrypted_key TEXT NULL COMMENT 'base64, SM2-SM4 only',
  iv VARCHAR(64) NULL COMMENT 'base64, SM2-SM4 only',
  payload LONGTEXT NOT NULL COMMENT 'base64 ciphertext',
  payload_digest CHAR(64) NOT NULL COMMENT 'SM3 hex of the plaintext',
  signature VARCHAR(512) NOT NULL COMMENT 'base64 SM2 signature of the writer',
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_dl_record (record_id),
  KEY ix_dl_record_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  `CREATE TABLE IF NOT EXISTS dl_shadow (
  id BIGINT NOT NULL AUTO_INCREMENT,
  record_id VARCHAR(64) NOT NULL,
  event VARCHAR(16) NOT NULL COMMENT 'TAKEN | DELIVERED | REJECTED',
  operator VARCHAR(64) NOT NULL,
  detail VARCHAR(512) NULL,
  at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY uk_dl_shadow (record_id, event)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
];

export type DownlinkShadowEvent = 'TAKEN' | 'DELIVERED' | 'REJECTED';

export interface DownlinkRecord {
  recordId: string;
  sourceNode: string;
  targetUnit: string;
  dataType: string;
  encryption: 'SM2' | 'SM2-SM4';
  cipherMode: 'C1C3C2' | 'C1C2C3';
  cipherFormat: 'prefixed04' | 'raw' | 'der';
  encryptedKey: string | null;
  iv: string | null;
  payload: string;
  payloadDigest: string;
  signature: string;
}

export function downlinkSigningString(r: Pick<DownlinkRecord, 'recordId' | 'sourceNode' | 'targetUnit' | 'dataType' | 'encryption' | 'payloadDigest'>): Buffer {
  return Buffer.from(['OPS-DOWNLINK/1', r.recordId, r.sourceNode, r.targetUnit, r.dataType, r.encryption, r.payloadDigest].join('\n'), 'utf8');
}

/** What the upstream writes: the plaintext SM2-encrypted for the district, signed by the upstream. */
export function sealDownlinkRecord(
  input: { recordId: string; sourceNode: string; targetUnit: string; dataType: string; plaintext: Buffer },
  districtKey: Sm2PublicKey,
  upstreamSigner: Sm2PrivateKey,
  opts: { cipherMode: DownlinkRecord['cipherMode']; cipherFormat: DownlinkRecord['cipherFormat'] } = { cipherMode: 'C1C3C2', cipherFormat: 'prefixed04' },
): DownlinkRecord {
  const base = {
    recordId: input.recordId,
    sourceNode: input.sourceNode,
    targetUnit: input.targetUnit,
    dataType: input.dataType,
    encryption: 'SM2' as const,
    payloadDigest: sm3(input.plaintext).toString('hex'),
  };
  const payload = districtKey.encrypt(input.plaintext, { mode: opts.cipherMode, format: opts.cipherFormat }).toString('base64');
  return {
    ...base,
    cipherMode: opts.cipherMode,
    cipherFormat: opts.cipherFormat,
    encryptedKey: null,
    iv: null,
    payload,
    signature: upstreamSigner.sign(downlinkSigningString(base)).toString('base64'),
  };
}

export type OpenDownlinkResult = { ok: true; plaintext: Buffer } | { ok: false; reason: 'signature' | 'decrypt' | 'digest' | 'unsupported' };

/** The district side: verify the upstream's signature, decrypt, check the digest. */
export function openDownlinkRecord(r: DownlinkRecord, districtKey: Sm2PrivateKey, upstreamKey: Sm2PublicKey): OpenDownlinkResult {
  let verified = false;
  try {
    verified = upstreamKey.verify(downlinkSigningString(r), Buffer.from(r.signature, 'base64'));
  } catch (err) {
    if (!(err instanceof GmCryptoError)) throw err;
  }
  if (!verified) return { ok: false, reason: 'signature' };
  if (r.encryption !== 'SM2') return { ok: false, reason: 'unsupported' };
  let plaintext: Buffer;
  try {
    plaintext = districtKey.decrypt(Buffer.from(r.payload, 'base64'), { mode: r.cipherMode, format: r.cipherFormat });
  } catch (err) {
    if (err instanceof GmCryptoError) return { ok: false, reason: 'decrypt' };
    throw err;
  }
  if (sm3(plaintext).toString('hex') !== r.payloadDigest) return { ok: false, reason: 'digest' };
  return { ok: true, plaintext };
}

/** Row (snake_case) → record. */
export function downlinkFromRow(row: Record<string, unknown>): DownlinkRecord {
  return {
    recordId: String(row.record_id),
    sourceNode: String(row.source_node),
    targetUnit: String(row.target_unit),
    dataType: String(row.data_type),
    encryption: String(row.encryption) as DownlinkRecord['encryption'],
    cipherMode: String(row.cipher_mode) as DownlinkRecord['cipherMode'],
    cipherFormat: String(row.cipher_format) as DownlinkRecord['cipherFormat'],
    encryptedKey: row.encrypted_key === null || row.encrypted_key === undefined ? null : String(row.encrypted_key),
    iv: row.iv === null || row.iv === undefined ? null : String(row.iv),
    payload: String(row.payload),
    payloadDigest: String(row.payload_digest),
    signature: String(row.signature),
  };
}

export const DOWNLINK_INSERT_SQL =
  'INSERT IGNORE INTO dl_record (record_id, source_node, target_unit, data_type, encryption, cipher_mode, cipher_format, encrypted_key, iv, payload, payload_digest, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)';

export function downlinkInsertParams(r: DownlinkRecord): unknown[] {
  return [
    r.recordId,
    r.sourceNode,
    r.targetUnit,
    r.dataType,
    r.encryption,
    r.cipherMode,
    r.cipherFormat,
    r.encryptedKey,
    r.iv,
    r.payload,
    r.payloadDigest,
    r.signature,
  ];
}
