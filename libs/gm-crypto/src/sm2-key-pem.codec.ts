// PEM/DER of SM2 keys as OpenSSL 3.0 reads and writes them:
//   PUBLIC KEY       SubjectPublicKeyInfo { {id-ecPublicKey, sm2}, BIT STRING 04||x||y }
//   PRIVATE KEY      PKCS#8 { 0, {id-ecPublicKey, sm2}, OCTET STRING ECPrivateKey }
//   EC PRIVATE KEY   SEC1 ECPrivateKey { 1, OCTET STRING d, [0] sm2 OPTIONAL, [1] BIT STRING pub OPTIONAL }
//   SM2 PRIVATE KEY  the same SEC1 structure: the label `openssl ec` writes for SM2 keys in 3.0
import { DerError, DerReader, derBitString, derExplicit, derSequence, derSmallInteger, derTlv, TAG } from './der.codec';
import { GmCryptoError } from './gm-crypto.error';
import { OID_EC_PUBLIC_KEY, OID_SM2_CURVE } from './sm2-curve.constants';

interface PemBlock {
  label: string;
  der: Buffer;
}

function pemBlocks(pem: string): PemBlock[] {
  if (typeof pem !== 'string') throw new GmCryptoError('BAD_KEY', 'PEM must be a string');
  const blocks: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(pem); m; m = re.exec(pem)) {
    const body = m[2].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) throw new GmCryptoError('BAD_KEY', `bad base64 in PEM block ${m[1]}`);
    blocks.push({ label: m[1], der: Buffer.from(body, 'base64') });
  }
  return blocks;
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function pickBlock(pem: string, labels: string[]): PemBlock {
  const blocks = pemBlocks(pem);
  if (blocks.some((b) => b.label === 'ENCRYPTED PRIVATE KEY'))
    throw new GmCryptoError('BAD_KEY', 'encrypted private keys are not supported; decrypt with `openssl pkey` first');
  // `openssl ecparam -genkey` writes a parameters block before the key: skip what is not a key
  const block = blocks.find((b) => labels.includes(b.label));
  if (!block) throw new GmCryptoError('BAD_KEY', `no ${labels.join(' / ')} PEM block found`);
  return block;
}

function withDer<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DerError) throw new GmCryptoError('BAD_KEY', `malformed ${what}: ${err.message}`);
    throw err;
  }
}

/** AlgorithmIdentifier must name SM2: {id-ecPublicKey, sm2} as OpenSSL writes, or the SM2 OID itself. */
function readSm2Algorithm(alg: DerReader): void {
  const oid = alg.read(TAG.OID);
  const isEc = oid.equals(OID_EC_PUBLIC_KEY.subarray(2));
  const isSm2 = oid.equals(OID_SM2_CURVE.subarray(2));
  if (!isEc && !isSm2) throw new GmCryptoError('BAD_KEY', 'not an EC/SM2 key');
  if (!alg.done) {
    const params = alg.read(TAG.OID);
    if (!params.equals(OID_SM2_CURVE.subarray(2))) throw new GmCryptoError('BAD_KEY', 'an EC key on a curve other than SM2');
  } else if (isEc) {
    throw new GmCryptoError('BAD_KEY', 'EC key without named-curve parameters');
  }
  alg.end();
}

/** The public point bytes (04||x||y or compressed) from a SubjectPublicKeyInfo PEM. */
export function decodePublicKeyPem(pem: string): Buffer {
  const { der } = pickBlock(pem, ['PUBLIC KEY']);
  return withDer('SubjectPublicKeyInfo', () => {
    const spki = DerReader.readOnly(der, TAG.SEQUENCE);
    readSm2Algorithm(spki.readSequence());
    const point = spki.readBitString();
    spki.end();
    return point;
  });
}

export function encodePublicKeyPem(point: Buffer): string {
  return toPem('PUBLIC KEY', derSequence(derSequence(OID_EC_PUBLIC_KEY, OID_SM2_CURVE), derBitString(point)));
}

export interface DecodedPrivateKey {
  /** the private scalar, big-endian, as stored (width checked by the caller) */
  d: Buffer;
  /** the public point if the file carries one (checked against d by the caller) */
  publicPoint?: Buffer;
}

function readEcPrivateKey(der: Buffer, paramsRequired: boolean): DecodedPrivateKey {
  const seq = DerReader.readOnly(der, TAG.SEQUENCE);
  if (seq.readSmallInteger() !== 1) throw new DerError('ECPrivateKey version must be 1');
  const d = seq.read(TAG.OCTET_STRING);
  const params = seq.readOptionalExplicit(0);
  if (params) {
    const oid = params.read(TAG.OID);
    params.end();
    if (!oid.equals(OID_SM2_CURVE.subarray(2))) throw new GmCryptoError('BAD_KEY', 'an EC key on a curve other than SM2');
  } else if (paramsRequired) {
    throw new GmCryptoError('BAD_KEY', 'EC PRIVATE KEY without curve parameters');
  }
  const pub = seq.readOptionalExplicit(1);
  let publicPoint: Buffer | undefined;
  if (pub) {
    publicPoint = pub.readBitString();
    pub.end();
  }
  seq.end();
  return { d, publicPoint };
}

export function decodePrivateKeyPem(pem: string): DecodedPrivateKey {
  const { label, der } = pickBlock(pem, ['PRIVATE KEY', 'EC PRIVATE KEY', 'SM2 PRIVATE KEY']);
  if (label !== 'PRIVATE KEY') return withDer('SEC1 private key', () => readEcPrivateKey(der, true));
  return withDer('PKCS#8 private key', () => {
    const p8 = DerReader.readOnly(der, TAG.SEQUENCE);
    const version = p8.readSmallInteger();
    if (version !== 0 && version !== 1) throw new DerError('unknown PKCS#8 version');
    readSm2Algorithm(p8.readSequence());
    const inner = p8.read(TAG.OCTET_STRING);
    // attributes [0] and (v2) public key [1] may follow; they carry nothing we need
    return readEcPrivateKey(inner, false);
  });
}

/** PKCS#8 exactly as `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2` writes it. */
export function encodePrivateKeyPem(d32: Buffer, publicPoint: Buffer): string {
  const ecPrivateKey = derSequence(derSmallInteger(1), derTlv(TAG.OCTET_STRING, d32), derExplicit(1, derBitString(publicPoint)));
  return toPem('PRIVATE KEY', derSequence(derSmallInteger(0), derSequence(OID_EC_PUBLIC_KEY, OID_SM2_CURVE), derTlv(TAG.OCTET_STRING, ecPrivateKey)));
}
