import { inspect } from 'node:util';
import { sm2 } from 'sm-crypto-v2';
import { Sm2PrivateKey, Sm2PublicKey } from './index';
import { SM2_N } from './sm2-curve.constants';
import { codeOf } from './testing/error-code';

// Written by OpenSSL 3.0.19 for this test (throw-away keys):
//   openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out k.pem
//   openssl pkey -in k.pem -pubout; openssl ec -in k.pem; openssl ecparam -genkey -name SM2
const OPENSSL_D = 'a97fecbf0cd239fd23ab184bfbf93366abeee57829b0c07894777ccbfceec05a';
const OPENSSL_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgqX/svwzSOf0jqxhL
+/kzZqvu5XgpsMB4lHd8y/zuwFqhRANCAARLCX2MlQf+Elnu3v4DLC7kCndGr5DM
e7gHOVDH2VH6kz1qyfOvjYJjEgH1uF26z2Sev4emzrhP1jXoUuiWQHge
-----END PRIVATE KEY-----
`;
const OPENSSL_SPKI = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAESwl9jJUH/hJZ7t7+Aywu5Ap3Rq+Q
zHu4BzlQx9lR+pM9asnzr42CYxIB9bhdus9knr+Hps64T9Y16FLolkB4Hg==
-----END PUBLIC KEY-----
`;
const OPENSSL_SEC1_BODY = `MHcCAQEEIKl/7L8M0jn9I6sYS/v5M2ar7uV4KbDAeJR3fMv87sBaoAoGCCqBHM9V
AYItoUQDQgAESwl9jJUH/hJZ7t7+Aywu5Ap3Rq+QzHu4BzlQx9lR+pM9asnzr42C
YxIB9bhdus9knr+Hps64T9Y16FLolkB4Hg==`;
const OPENSSL_ECPARAM_OUTPUT = `-----BEGIN SM2 PARAMETERS-----
BggqgRzPVQGCLQ==
-----END SM2 PARAMETERS-----
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgGcEjpwRw5FQVEo+F
lSBPgnR34kGgr7PqQlQjaQRLWmWhRANCAARX/J8Rz5CGN5v/SIJ5QrSU662k5EH7
8ONguEUMh8/PushP5t7dzqv913Qu0JIkC3D0P4A6dn75U5rzwhmmvM3D
-----END PRIVATE KEY-----
`;
const P256_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMIZZQWq8LzMArAzz
BlEKDBg3j9bXxFxHyfZFGQw2wRihRANCAAR6+t6BZ8fyN4HaoqpklqyDMrK1uDNj
uqXDU0Nva119zFyntkcp92L74AVQYvWbraJ4wJg0FV+30viPD+1PVis1
-----END PRIVATE KEY-----
`;
const ENCRYPTED = `-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjfd8GWIVg7TQICCAAw
-----END ENCRYPTED PRIVATE KEY-----
`;

describe('SM2 keys', () => {
  it('read OpenSSL PKCS#8, SEC1 (SM2 / EC PRIVATE KEY labels) and SubjectPublicKeyInfo PEM', () => {
    const fromP8 = Sm2PrivateKey.fromPem(OPENSSL_PKCS8);
    expect(fromP8.toHex()).toBe(OPENSSL_D);
    for (const label of ['SM2 PRIVATE KEY', 'EC PRIVATE KEY']) {
      expect(Sm2PrivateKey.fromPem(`-----BEGIN ${label}-----\n${OPENSSL_SEC1_BODY}\n-----END ${label}-----\n`).toHex()).toBe(OPENSSL_D);
    }
    expect(Sm2PublicKey.fromPem(OPENSSL_SPKI).equals(fromP8.publicKey)).toBe(true);
    expect(Sm2PrivateKey.fromPem(OPENSSL_ECPARAM_OUTPUT).publicKey.toHex()).toMatch(/^0457fc9f11/);
  });

  it('write PEM byte-identical to what OpenSSL writes', () => {
    const k = Sm2PrivateKey.fromPem(OPENSSL_PKCS8);
    expect(k.toPem()).toBe(OPENSSL_PKCS8);
    expect(k.publicKey.toPem()).toBe(OPENSSL_SPKI);
  });

  it('round-trip generated keys through hex and PEM', () => {
    const k = Sm2PrivateKey.generate();
    expect(Sm2PrivateKey.fromHex(k.toHex()).publicKey.equals(k.publicKey)).toBe(true);
    expect(Sm2PrivateKey.fromPem(k.toPem()).toHex()).toBe(k.toHex());
    expect(Sm2PublicKey.fromPem(k.publicKey.toPem()).toHex()).toBe(k.publicKey.toHex());
  });

  it('accept compressed and prefix-less public keys and normalise them to 04||X||Y', () => {
    for (let i = 0; i < 8; i++) {
      const full = Sm2PrivateKey.generate().publicKey.toHex();
      expect(Sm2PublicKey.fromHex(sm2.compressPublicKeyHex(full)).toHex()).toBe(full);
      expect(Sm2PublicKey.fromHex(full.slice(2).toUpperCase()).toHex()).toBe(full);
    }
  });

  it('reject points off the curve, bad lengths and non-hex as BAD_KEY', () => {
    const full = Sm2PrivateKey.generate().publicKey.toHex();
    const offCurve = `${full.slice(0, 129)}${full[129] === '0' ? '1' : '0'}`;
    expect(codeOf(() => Sm2PublicKey.fromHex(offCurve))).toBe('BAD_KEY');
    expect(codeOf(() => Sm2PublicKey.fromHex(`05${full.slice(2)}`))).toBe('BAD_KEY');
    expect(codeOf(() => Sm2PublicKey.fromHex(full.slice(0, 100)))).toBe('BAD_KEY');
    expect(codeOf(() => Sm2PublicKey.fromHex(`02${'ff'.repeat(32)}`))).toBe('BAD_KEY'); // x >= p
    expect(codeOf(() => Sm2PublicKey.fromHex('zz'))).toBe('BAD_KEY');
  });

  it('reject private keys outside [1, n-2], and left-pad short ones', () => {
    expect(codeOf(() => Sm2PrivateKey.fromHex('0'))).toBe('BAD_KEY');
    expect(codeOf(() => Sm2PrivateKey.fromHex((SM2_N - 1n).toString(16)))).toBe('BAD_KEY');
    expect(codeOf(() => Sm2PrivateKey.fromHex('1'.repeat(65)))).toBe('BAD_KEY');
    expect(Sm2PrivateKey.fromHex((SM2_N - 2n).toString(16)).toHex()).toBe((SM2_N - 2n).toString(16));
    expect(Sm2PrivateKey.fromHex('abc').toHex()).toBe('abc'.padStart(64, '0'));
  });

  it('reject other curves, encrypted keys, mismatched public keys and garbage PEM as BAD_KEY', () => {
    expect(codeOf(() => Sm2PrivateKey.fromPem(P256_PKCS8))).toBe('BAD_KEY');
    expect(codeOf(() => Sm2PrivateKey.fromPem(ENCRYPTED))).toBe('BAD_KEY');
    expect(codeOf(() => Sm2PublicKey.fromPem(OPENSSL_PKCS8))).toBe('BAD_KEY');
    expect(codeOf(() => Sm2PrivateKey.fromPem('-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n'))).toBe('BAD_KEY');
    expect(codeOf(() => Sm2PrivateKey.fromPem('-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n'))).toBe('BAD_KEY');
    // the embedded public key of another key pair
    const mixed = Buffer.from(OPENSSL_SEC1_BODY.replace(/\s/g, ''), 'base64');
    const otherPub = Buffer.from(Sm2PrivateKey.generate().publicKey.toHex(), 'hex');
    otherPub.copy(mixed, mixed.length - 65);
    const pem = `-----BEGIN EC PRIVATE KEY-----\n${mixed.toString('base64')}\n-----END EC PRIVATE KEY-----\n`;
    expect(codeOf(() => Sm2PrivateKey.fromPem(pem))).toBe('BAD_KEY');
  });

  it('generate distinct valid keys without ever seeding generateKeyPairHex', () => {
    // the trap: any argument collapses to private key 1
    expect(sm2.generateKeyPairHex('20261122').privateKey).toBe('1'.padStart(64, '0'));
    const a = Sm2PrivateKey.generate();
    const b = Sm2PrivateKey.generate();
    expect(a.toHex()).not.toBe(b.toHex());
    expect(BigInt(`0x${a.toHex()}`)).toBeGreaterThan(1n);
  });

  it('keep the private scalar out of JSON and console output', () => {
    const k = Sm2PrivateKey.generate();
    expect(JSON.stringify({ k })).not.toContain(k.toHex());
    expect(inspect(k)).not.toContain(k.toHex());
  });
});
