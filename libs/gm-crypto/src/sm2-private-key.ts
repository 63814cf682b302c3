import { inspect } from 'node:util';
import { sm2 } from 'sm-crypto-v2';
import { decryptFailed, GmCryptoError, requireBytes } from './gm-crypto.error';
import { decodeSm2Ciphertext, resolveCipherOptions, Sm2CipherOptions } from './sm2-ciphertext.codec';
import { SM2_N } from './sm2-curve.constants';
import { decodePrivateKeyPem, encodePrivateKeyPem } from './sm2-key-pem.codec';
import { MAX_SM2_PLAINTEXT, SMCRYPTO_CIPHER_MODE_C1C3C2, Sm2PublicKey } from './sm2-public-key';
import { encodeSm2Signature, resolveSignOptions, Sm2SignOptions } from './sm2-signature.codec';

export class Sm2PrivateKey {
  readonly publicKey: Sm2PublicKey;

  /** @param dHex 64 lowercase hex digits, already range-checked */
  private constructor(private readonly dHex: string) {
    this.publicKey = Sm2PublicKey.fromHex(sm2.getPublicKeyFromPrivateKey(dHex));
  }

  static generate(): Sm2PrivateKey {
    // Never pass an argument: generateKeyPairHex(seed) computes `mod(BigInt(seed), 1) + 1`, which
    // is always 1, so every "seeded" key pair has private key 1 and public key G. (In the original
    // sm-crypto the arguments fed a custom BigInteger RNG; the v2 port kept the parameter only.)
    const { privateKey } = sm2.generateKeyPairHex();
    return Sm2PrivateKey.fromHex(privateKey);
  }

  /** 32 bytes big-endian in hex; shorter values (Java's BigInteger.toString(16) drops leading zeros) are left-padded. */
  static fromHex(hex: string): Sm2PrivateKey {
    if (typeof hex !== 'string' || !/^[0-9a-fA-F]{1,64}$/.test(hex)) throw new GmCryptoError('BAD_KEY', 'SM2 private key must be at most 64 hex digits');
    const d = BigInt(`0x${hex}`);
    // d = n-1 is excluded by SM2 itself: signing needs (1 + d)^-1 mod n
    if (d < 1n || d > SM2_N - 2n) throw new GmCryptoError('BAD_KEY', 'SM2 private key out of range [1, n-2]');
    return new Sm2PrivateKey(d.toString(16).padStart(64, '0'));
  }

  /** PKCS#8 'PRIVATE KEY', or SEC1 'EC PRIVATE KEY' / 'SM2 PRIVATE KEY', unencrypted. */
  static fromPem(pem: string): Sm2PrivateKey {
    const { d, publicPoint } = decodePrivateKeyPem(pem);
    if (d.length === 0 || d.length > 32) throw new GmCryptoError('BAD_KEY', 'SM2 private scalar must be at most 32 bytes');
    const key = Sm2PrivateKey.fromHex(d.toString('hex'));
    if (publicPoint && !Sm2PublicKey.fromHex(publicPoint.toString('hex')).equals(key.publicKey)) {
      throw new GmCryptoError('BAD_KEY', 'the public key in the PEM does not belong to its private key');
    }
    return key;
  }

  toHex(): string {
    return this.dHex;
  }

  /** PKCS#8, as openssl genpkey writes it (with the public key inside). */
  toPem(): string {
    return encodePrivateKeyPem(Buffer.from(this.dHex, 'hex'), Buffer.from(this.publicKey.toHex(), 'hex'));
  }

  /**
   * Throws GmCryptoError DECRYPT_FAILED for anything that is not a valid ciphertext for this key
   * in this mode/format: malformed, truncated, tampered, wrong key, wrong mode, empty.
   */
  decrypt(cipher: Buffer, opts?: Sm2CipherOptions): Buffer {
    const o = resolveCipherOptions(opts);
    const bytes = requireBytes(cipher, 'ciphertext');
    if (bytes.length > MAX_SM2_PLAINTEXT + 200) throw decryptFailed();
    const parts = decodeSm2Ciphertext(bytes, o);
    if (!parts) throw decryptFailed();
    const rawHex = Buffer.concat([parts.c1, parts.c3, parts.c2]).toString('hex');
    let plain: Uint8Array | unknown[];
    try {
      // C1 is checked to be on the curve inside (noble's fromHex), so no invalid-curve attack.
      plain = sm2.doDecrypt(rawHex, this.dHex, SMCRYPTO_CIPHER_MODE_C1C3C2, { output: 'array' });
    } catch {
      throw decryptFailed();
    }
    // On a C3 mismatch sm-crypto-v2 does not throw: it returns [] (a plain Array), which a naive
    // caller takes for an empty plaintext. A real result is a Uint8Array as long as C2.
    if (!(plain instanceof Uint8Array) || plain.length !== parts.c2.length) throw decryptFailed();
    return Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  }

  /** SM2 signature over e = SM3(Z || message), Z from the user ID and this key's public key. */
  sign(message: Buffer, opts?: Sm2SignOptions): Buffer {
    const { userId, format } = resolveSignOptions(opts);
    const msg = requireBytes(message, 'message');
    // e = SM3(Z || M) is computed by the public key (see signedDigest) and handed over with
    // hash: false, which makes doSignature take it as the digest as it is.
    const rsHex = sm2.doSignature(this.publicKey.signedDigest(msg, userId), this.dHex, { hash: false, der: false });
    return encodeSm2Signature(Buffer.from(rsHex, 'hex'), format);
  }

  /** Keeps the scalar out of logs and JSON by accident. */
  toJSON(): string {
    return `Sm2PrivateKey(public ${this.publicKey.toHex().slice(0, 18)}…)`;
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}

