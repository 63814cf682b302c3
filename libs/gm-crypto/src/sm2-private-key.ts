import { inspect } from 'node:util';
import { sm2 } from 'sm-crypto-v2';
import { decryptFailed, GmCryptoError, requireBytes } from './gm-crypto.error';
import { decodeSm2Ciphertext, resolveCipherOptions, Sm2CipherOptions } from './sm2-ciphertext.codec';
import { SM2_N } from './sm2-curve.constants';
import { decodePrivateKeyPem, encodePrivateKeyPem } from './sm2-key-pem.codec';
import { sm2DecryptParts } from './sm2-cipher';
import { MAX_SM2_PLAINTEXT, Sm2PublicKey } from './sm2-public-key';
import { encodeSm2Signature, resolveSignOptions, Sm2SignOptions } from './sm2-signature.codec';

export class Sm2PrivateKey {
  readonly publicKey: Sm2PublicKey;
  /** d as 32 bytes, what decryption hands to noble (no hex parsing per call) */
  private readonly d: Buffer;

  /** @param dHex 64 lowercase hex digits, already range-checked */
  private constructor(private readonly dHex: string) {
    this.publicKey = Sm2PublicKey.fromHex(sm2.getPublicKeyFromPrivateKey(dHex));
    // its own memory, not a slice of Node's shared Buffer pool
    this.d = Buffer.alloc(32);
    this.d.write(dHex, 'hex');
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
    // C1 off the curve or at infinity (invalid-curve attacks) and a C3 mismatch all end here.
    // (sm-crypto-v2's own doDecrypt would answer a bad C3 with an empty result, not an error.)
    const plain = parts && sm2DecryptParts(this.d, parts);
    if (!plain) throw decryptFailed();
    return plain;
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
