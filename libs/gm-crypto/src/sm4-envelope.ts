import { randomBytes } from 'node:crypto';
import { decryptFailed, GmCryptoError, requireBytes } from './gm-crypto.error';
import { Sm2CipherOptions } from './sm2-ciphertext.codec';
import { Sm2PrivateKey } from './sm2-private-key';
import { Sm2PublicKey } from './sm2-public-key';
import { SM4_BLOCK_BYTES, SM4_KEY_BYTES, sm4CbcDecrypt, sm4CbcEncrypt } from './sm3-sm4';

/**
 * Digital envelope: a fresh SM4 key encrypts the payload (CBC, PKCS#7) and SM2 encrypts that key
 * for the recipient. SM2 then only ever handles 16 bytes, whatever the payload size. No integrity
 * beyond the SM2 C3 over the key: sign the ciphertext if tampering matters.
 */
export interface Sm4Envelope {
  /** SM2 ciphertext of the 16-byte SM4 key, in the mode/format given to seal */
  encryptedKey: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
}

export function sealSm4Envelope(pub: Sm2PublicKey, plain: Buffer, opts?: Sm2CipherOptions): Sm4Envelope {
  if (!(pub instanceof Sm2PublicKey)) throw new GmCryptoError('BAD_KEY', 'recipient must be an Sm2PublicKey');
  requireBytes(plain, 'plaintext');
  const key = randomBytes(SM4_KEY_BYTES);
  const iv = randomBytes(SM4_BLOCK_BYTES);
  try {
    const ciphertext = sm4CbcEncrypt(key, iv, plain);
    return { encryptedKey: pub.encrypt(key, opts), iv, ciphertext };
  } finally {
    key.fill(0);
  }
}

/** Throws GmCryptoError DECRYPT_FAILED when any part of the envelope is wrong. */
export function openSm4Envelope(priv: Sm2PrivateKey, env: Sm4Envelope, opts?: Sm2CipherOptions): Buffer {
  if (!(priv instanceof Sm2PrivateKey)) throw new GmCryptoError('BAD_KEY', 'recipient must be an Sm2PrivateKey');
  const { encryptedKey, iv, ciphertext } = (env ?? {}) as Partial<Sm4Envelope>;
  if (!isBytes(encryptedKey) || !isBytes(iv) || iv.length !== SM4_BLOCK_BYTES || !isBytes(ciphertext)) throw decryptFailed();
  const key = priv.decrypt(encryptedKey, opts);
  try {
    if (key.length !== SM4_KEY_BYTES) throw decryptFailed();
    return sm4CbcDecrypt(key, iv, ciphertext);
  } finally {
    key.fill(0);
  }
}

function isBytes(v: unknown): v is Buffer {
  return v instanceof Uint8Array;
}
