// @app/gm-crypto against independent SM2/SM3/SM4 implementations: the OpenSSL 3 CLI and Java
// BouncyCastle (Debian's libbcprov-java). Both are installed by scripts/lib/apt.mjs
// ensureInteropPeers (called by scripts/test.mjs); a missing peer fails the suite.
// sm-crypto 0.5.8, the npm peer, has its own suite: gm-crypto-smcrypto-interop.e2e-spec.ts.
import { convertSm2Ciphertext, hmacSm3, sealSm4Envelope, sm3, sm4CbcDecrypt, sm4CbcEncrypt, Sm2PrivateKey, Sm2PublicKey } from '@app/gm-crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OPENSSL = '/usr/bin/openssl';
const BCPROV = '/usr/share/java/bcprov.jar';
const DISTID = 'distid:1234567812345678';

let dir: string;
const file = (name: string) => join(dir, name);
const put = (name: string, data: Buffer | string) => {
  writeFileSync(file(name), data);
  return file(name);
};

/** Runs a command; returns stdout, or throws with its stderr. */
function sh(cmd: string, args: string[], input?: Buffer): Buffer {
  try {
    return execFileSync(cmd, args, { input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr?.toString() || e.message}`);
  }
}
const openssl = (...args: string[]) => sh(OPENSSL, args);
/** `openssl dgst -verify` answers through its exit code; both outcomes are results here. */
function opensslVerifies(args: string[]): boolean {
  const r = spawnSync(OPENSSL, ['dgst', '-sm3', ...args], { timeout: 60_000 });
  return r.status === 0 && r.stdout.toString().includes('Verified OK');
}

beforeAll(() => {
  for (const p of [OPENSSL, BCPROV, '/usr/bin/javac', '/usr/bin/java']) {
    if (!existsSync(p))
      throw new Error(
        `${p} is missing: run the tests through \`npm test\` (scripts/lib/apt.mjs ensureInteropPeers installs openssl, default-jdk-headless and libbcprov-java)`,
      );
  }
  dir = mkdtempSync(join(tmpdir(), 'gm-interop-'));
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('interop: OpenSSL 3 CLI', () => {
  it('loads keys that openssl generated (genpkey PKCS#8, ecparam with its parameters block, SEC1)', () => {
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', file('gen.pem'));
    openssl('ecparam', '-genkey', '-name', 'SM2', '-out', file('ecparam.pem'));
    const sec1 = openssl('ec', '-in', file('gen.pem')).toString();
    for (const pem of ['gen.pem', 'ecparam.pem']) {
      const ours = Sm2PrivateKey.fromPem(readFileSync(file(pem), 'utf8'));
      const theirPub = openssl('pkey', '-in', file(pem), '-pubout').toString();
      expect(Sm2PublicKey.fromPem(theirPub).equals(ours.publicKey)).toBe(true);
      expect(ours.publicKey.toPem()).toBe(theirPub);
      const text = openssl('pkey', '-in', file(pem), '-text', '-noout').toString();
      expect(text.replace(/[\s:]/g, '')).toContain(`priv${ours.toHex()}`);
    }
    expect(sec1).toContain('-----BEGIN SM2 PRIVATE KEY-----');
    expect(Sm2PrivateKey.fromPem(sec1).toHex()).toBe(Sm2PrivateKey.fromPem(readFileSync(file('gen.pem'), 'utf8')).toHex());
  });

  it('has openssl load the keys we generated', () => {
    const k = Sm2PrivateKey.generate();
    put('ours.pem', k.toPem());
    put('ours-pub.pem', k.publicKey.toPem());
    const text = openssl('pkey', '-in', file('ours.pem'), '-text', '-noout').toString();
    expect(text).toMatch(/ASN1 OID: SM2/);
    expect(text.replace(/[\s:]/g, '')).toContain(`priv${k.toHex()}`);
    expect(openssl('pkey', '-in', file('ours.pem'), '-pubout').toString()).toBe(k.publicKey.toPem());
    expect(openssl('pkey', '-pubin', '-in', file('ours-pub.pem')).toString()).toBe(k.publicKey.toPem());
  });

  it.each([1, 1024, 65536])('openssl pkeyutl decrypts our DER ciphertext of %i bytes, and we decrypt its ciphertext', (size) => {
    const k = Sm2PrivateKey.generate();
    put('k.pem', k.toPem());
    put('pub.pem', k.publicKey.toPem());
    const m = randomBytes(size);
    put('ct-ours.der', k.publicKey.encrypt(m, { format: 'der' }));
    expect(openssl('pkeyutl', '-decrypt', '-inkey', file('k.pem'), '-in', file('ct-ours.der')).equals(m)).toBe(true);

    put('m.bin', m);
    const theirs = openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', file('pub.pem'), '-in', file('m.bin'));
    expect(k.decrypt(theirs, { format: 'der' }).equals(m)).toBe(true);
    // and after converting it for a BouncyCastle/hutool peer
    expect(k.decrypt(convertSm2Ciphertext(theirs, { format: 'der' }, { format: 'prefixed04', mode: 'C1C3C2' })).equals(m)).toBe(true);
  });

  it('verifies our signature with -sigopt distid:1234567812345678, and we verify openssl signatures', () => {
    const k = Sm2PrivateKey.generate();
    put('k.pem', k.toPem());
    put('pub.pem', k.publicKey.toPem());
    const m = put('m.bin', randomBytes(3000));
    put('sig-ours.der', k.sign(readFileSync(m)));
    expect(opensslVerifies(['-verify', file('pub.pem'), '-sigopt', DISTID, '-signature', file('sig-ours.der'), m])).toBe(true);
    // the trap: without distid OpenSSL 3.0 hashes an empty ID, so our (correct) signature fails
    expect(opensslVerifies(['-verify', file('pub.pem'), '-signature', file('sig-ours.der'), m])).toBe(false);

    openssl('dgst', '-sm3', '-sign', file('k.pem'), '-sigopt', DISTID, '-out', file('sig-theirs.der'), m);
    expect(k.publicKey.verify(readFileSync(m), readFileSync(file('sig-theirs.der')))).toBe(true);
    openssl('dgst', '-sm3', '-sign', file('k.pem'), '-out', file('sig-noid.der'), m);
    expect(k.publicKey.verify(readFileSync(m), readFileSync(file('sig-noid.der')))).toBe(false);
    expect(k.publicKey.verify(readFileSync(m), readFileSync(file('sig-noid.der')), { userId: '' })).toBe(true);
  });

  it('agrees on SM3, HMAC-SM3 and SM4-CBC', () => {
    const data = randomBytes(100_000);
    const m = put('data.bin', data);
    expect(openssl('dgst', '-sm3', '-binary', m).equals(sm3(data))).toBe(true);
    const key = randomBytes(16);
    expect(openssl('mac', '-digest', 'SM3', '-macopt', `hexkey:${key.toString('hex')}`, '-binary', '-in', m, 'HMAC').equals(hmacSm3(key, data))).toBe(true);
    const iv = randomBytes(16);
    const kiv = ['-K', key.toString('hex'), '-iv', iv.toString('hex')];
    const theirs = openssl('enc', '-sm4-cbc', ...kiv, '-in', m);
    expect(theirs.equals(sm4CbcEncrypt(key, iv, data))).toBe(true);
    put('ours.sm4', sm4CbcEncrypt(key, iv, data));
    expect(openssl('enc', '-d', '-sm4-cbc', ...kiv, '-in', file('ours.sm4')).equals(data)).toBe(true);
    expect(sm4CbcDecrypt(key, iv, theirs).equals(data)).toBe(true);
  });

  it('opens our SM4 envelope with nothing but the openssl CLI', () => {
    const k = Sm2PrivateKey.generate();
    put('k.pem', k.toPem());
    const plain = randomBytes(200_000);
    const env = sealSm4Envelope(k.publicKey, plain, { format: 'der' });
    put('env-key.der', env.encryptedKey);
    const sm4Key = openssl('pkeyutl', '-decrypt', '-inkey', file('k.pem'), '-in', file('env-key.der'));
    put('env.sm4', env.ciphertext);
    const opened = openssl('enc', '-d', '-sm4-cbc', '-K', sm4Key.toString('hex'), '-iv', env.iv.toString('hex'), '-in', file('env.sm4'));
    expect(opened.equals(plain)).toBe(true);
  });
});

describe('interop: Java BouncyCastle (SM2Engine, SM2Signer)', () => {
  it('decrypts our prefixed04 ciphertexts in both modes and verifies our DER signature; we do the same for its output', () => {
    const classes = join(dir, 'classes');
    sh('/usr/bin/javac', ['-cp', BCPROV, '-d', classes, join(__dirname, 'interop', 'Sm2BcInterop.java')]);
    const k = Sm2PrivateKey.generate();
    const msg = Buffer.from(`一窗受理 ${randomBytes(600).toString('base64')}`);
    put('priv.hex', k.toHex());
    put('pub.hex', k.publicKey.toHex());
    put('msg.bin', msg);
    put('ours-c1c3c2.bin', k.publicKey.encrypt(msg)); // defaults: C1C3C2 + 0x04, what SM2Engine(Mode.C1C3C2) takes
    put('ours-c1c2c3.bin', k.publicKey.encrypt(msg, { mode: 'C1C2C3' }));
    put('ours-sig.der', k.sign(msg));

    sh('/usr/bin/java', ['-cp', `${BCPROV}:${classes}`, 'Sm2BcInterop', dir]);

    expect(readFileSync(file('bc-plain-c1c3c2.bin')).equals(msg)).toBe(true);
    expect(readFileSync(file('bc-plain-c1c2c3.bin')).equals(msg)).toBe(true);
    expect(readFileSync(file('bc-verify.txt'), 'utf8')).toBe('true false');
    expect(k.decrypt(readFileSync(file('bc-cipher-c1c3c2.bin')), { mode: 'C1C3C2', format: 'prefixed04' }).equals(msg)).toBe(true);
    expect(k.publicKey.verify(msg, readFileSync(file('bc-sig.der')))).toBe(true);
    expect(k.publicKey.verify(Buffer.concat([msg, Buffer.from('x')]), readFileSync(file('bc-sig.der')))).toBe(false);
  });
});
