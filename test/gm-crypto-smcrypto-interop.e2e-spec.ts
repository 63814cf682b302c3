// @app/gm-crypto against sm-crypto 0.5.8, the package the design card names: JuneAndGreen's
// original JS implementation (jsbn big integers, its own SM3/SM4, its own ASN.1), independent of
// sm-crypto-v2 and @noble/curves that our adapter is built on. Types: test/support/sm-crypto.d.ts.
//
// sm-crypto speaks hex strings: ciphertexts without the 0x04 before C1, cipherMode 1 = C1C3C2 and
// 0 = C1C2C3, signatures r||s or (der: true) DER. Our DER ciphertexts are taken apart below by a
// small ASN.1 reader of this file, not by libs/gm-crypto's own DER code.
import {
  convertSm2Ciphertext,
  GmCryptoError,
  hmacSm3,
  openSm4Envelope,
  sealSm4Envelope,
  sm3,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  Sm2CipherFormat,
  Sm2CipherMode,
  Sm2PrivateKey,
  Sm2PublicKey,
  Sm2SignatureFormat,
} from '@app/gm-crypto';
import { randomBytes } from 'node:crypto';
import { sm2, sm3 as smSm3, sm4, SmCipherMode } from 'sm-crypto';

const SM_MODE: Record<Sm2CipherMode, SmCipherMode> = { C1C3C2: 1, C1C2C3: 0 };
const MODES: Sm2CipherMode[] = ['C1C3C2', 'C1C2C3'];
const FORMATS: Sm2CipherFormat[] = ['raw', 'prefixed04', 'der'];
const SIG_FORMATS: Sm2SignatureFormat[] = ['der', 'raw'];
/** GM/T 0009's default signer ID, spelled out here rather than taken from the library under test */
const USER_ID = '1234567812345678';

const TEXT = '一窗受理：申请人张三，营业执照（副本）已核验，材料齐全 ✓ 𠮷';
const PAYLOADS: [string, Buffer][] = [
  ['1 byte', randomBytes(1)],
  ['1 KiB', randomBytes(1024)],
  ['64 KiB', randomBytes(64 * 1024)],
  ['Chinese UTF-8 text', Buffer.from(TEXT, 'utf8')],
];

// one key pair from each side; every case below runs with both
const smPair = sm2.generateKeyPairHex();
const KEYS: [string, Sm2PrivateKey][] = [
  ['sm-crypto', Sm2PrivateKey.fromHex(smPair.privateKey)],
  ['@app/gm-crypto', Sm2PrivateKey.generate()],
];

const flipLastBit = (b: Buffer): Buffer => {
  const c = Buffer.from(b);
  c[c.length - 1] ^= 0x01;
  return c;
};
/** flips one bit of a hex string at byte `i` (negative: from the end) */
const flipHexByte = (hex: string, i: number): string => {
  const b = Buffer.from(hex, 'hex');
  b[i < 0 ? b.length + i : i] ^= 0x01;
  return b.toString('hex');
};

function expectGmError(code: GmCryptoError['code'], fn: () => unknown): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(GmCryptoError);
  expect((thrown as GmCryptoError).code).toBe(code);
}

// --- a tiny strict DER reader, independent of libs/gm-crypto/src/der.codec.ts -----------------

interface Tlv {
  tag: number;
  value: Buffer;
  end: number;
}

function readTlv(buf: Buffer, at: number): Tlv {
  if (at + 2 > buf.length) throw new Error('DER: truncated');
  const tag = buf[at];
  let len = buf[at + 1];
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || p + n > buf.length || buf[p] === 0) throw new Error('DER: bad length');
    len = buf.readUIntBE(p, n);
    if (len < 0x80) throw new Error('DER: long form for a short length');
    p += n;
  }
  if (p + len > buf.length) throw new Error('DER: truncated value');
  return { tag, value: buf.subarray(p, p + len), end: p + len };
}

/** A coordinate INTEGER (non-negative, minimal) as 32 bytes. */
function coordinate(t: Tlv): Buffer {
  const v = t.value;
  if (t.tag !== 0x02 || v.length === 0 || v[0] & 0x80) throw new Error('DER: not a non-negative INTEGER');
  if (v.length > 1 && v[0] === 0 && !(v[1] & 0x80)) throw new Error('DER: non-minimal INTEGER');
  const unsigned = v[0] === 0 && v.length > 1 ? v.subarray(1) : v;
  if (unsigned.length > 32) throw new Error('DER: coordinate wider than 256 bits');
  return Buffer.concat([Buffer.alloc(32 - unsigned.length), unsigned]);
}

/** SEQUENCE { INTEGER x, INTEGER y, OCTET STRING C3, OCTET STRING C2 } → its parts. */
function readDerCiphertext(der: Buffer): { x: Buffer; y: Buffer; c3: Buffer; c2: Buffer; xyLengths: [number, number] } {
  const seq = readTlv(der, 0);
  if (seq.tag !== 0x30 || seq.end !== der.length) throw new Error('DER: not one SEQUENCE');
  const body = seq.value;
  const xt = readTlv(body, 0);
  const yt = readTlv(body, xt.end);
  const c3 = readTlv(body, yt.end);
  const c2 = readTlv(body, c3.end);
  if (c3.tag !== 0x04 || c2.tag !== 0x04 || c2.end !== body.length) throw new Error('DER: expected two OCTET STRINGs and nothing after');
  if (c3.value.length !== 32) throw new Error('DER: C3 is not 32 bytes');
  return { x: coordinate(xt), y: coordinate(yt), c3: c3.value, c2: c2.value, xyLengths: [xt.value.length, yt.value.length] };
}

/** Our ciphertext, in the form sm-crypto's doDecrypt takes for `mode`: hex, C1 as x||y (no 04). */
function forSmCrypto(cipher: Buffer, mode: Sm2CipherMode, format: Sm2CipherFormat): string {
  switch (format) {
    case 'raw':
      return cipher.toString('hex');
    case 'prefixed04':
      if (cipher[0] !== 0x04) throw new Error('prefixed04 ciphertext without its 0x04');
      return cipher.subarray(1).toString('hex');
    case 'der': {
      const { x, y, c3, c2 } = readDerCiphertext(cipher);
      return Buffer.concat(mode === 'C1C3C2' ? [x, y, c3, c2] : [x, y, c2, c3]).toString('hex');
    }
  }
}

// -----------------------------------------------------------------------------------------------

describe('interop: sm-crypto 0.5.8 — keys', () => {
  it('uses a key pair sm-crypto generated, and sm-crypto derives the same public key from ours', () => {
    const theirs = sm2.generateKeyPairHex();
    const imported = Sm2PrivateKey.fromHex(theirs.privateKey);
    expect(imported.publicKey.toHex()).toBe(theirs.publicKey); // same case, same 04 prefix
    expect(Sm2PublicKey.fromHex(theirs.publicKey).equals(imported.publicKey)).toBe(true);
    expect(Sm2PublicKey.fromHex(theirs.publicKey.toUpperCase()).equals(imported.publicKey)).toBe(true);

    const ours = Sm2PrivateKey.generate();
    expect(sm2.getPublicKeyFromPrivateKey(ours.toHex())).toBe(ours.publicKey.toHex());
    expect(sm2.verifyPublicKey(ours.publicKey.toHex())).toBe(true);
    const compressed = sm2.compressPublicKeyHex(ours.publicKey.toHex());
    expect(Sm2PublicKey.fromHex(compressed).equals(ours.publicKey)).toBe(true);
    expect(sm2.comparePublicKeyHex(compressed, ours.publicKey.toHex())).toBe(true);
  });

  it('trap: sm-crypto refuses an X||Y public key without the 04 prefix (we accept it)', () => {
    const k = Sm2PrivateKey.generate();
    const xy = k.publicKey.toHex().slice(2);
    expect(Sm2PublicKey.fromHex(xy).equals(k.publicKey)).toBe(true);
    expect(sm2.verifyPublicKey(xy)).toBe(false);
    expect(() => sm2.doEncrypt(Buffer.from('x'), xy)).toThrow('Invalid public key');
    const sig = k.sign(Buffer.from('x')).toString('hex');
    expect(sm2.doVerifySignature(Buffer.from('x'), sig, xy, { der: true })).toBe(false); // silently
    expect(sm2.doVerifySignature(Buffer.from('x'), sig, k.publicKey.toHex(), { der: true })).toBe(true);
  });
});

describe.each(KEYS)('interop: sm-crypto 0.5.8 — SM2 encryption, key pair generated by %s', (_origin, key) => {
  const pubHex = key.publicKey.toHex();
  const dHex = key.toHex();

  const ourCases = PAYLOADS.flatMap(([label, m]) => MODES.flatMap((mode) => FORMATS.map((format) => [label, mode, format, m] as const)));
  it.each(ourCases)('sm-crypto decrypts our ciphertext of %s (%s, %s)', (_label, mode, format, m) => {
    const c = key.publicKey.encrypt(m, { mode, format });
    const hex = forSmCrypto(c, mode, format);
    // our own converter gives the same bytes as the independent reader
    expect(convertSm2Ciphertext(c, { mode, format }, { mode, format: 'raw' }).toString('hex')).toBe(hex);
    expect(Buffer.from(sm2.doDecrypt(hex, dHex, SM_MODE[mode], { output: 'array' })).equals(m)).toBe(true);
    // hex case does not matter to sm-crypto
    expect(Buffer.from(sm2.doDecrypt(hex.toUpperCase(), dHex, SM_MODE[mode], { output: 'array' })).equals(m)).toBe(true);
    // and it can fail: the other cipherMode, a flipped bit in the last byte and in byte 69 (C2 and
    // C3 in one order or the other)
    const other = SM_MODE[mode === 'C1C3C2' ? 'C1C2C3' : 'C1C3C2'];
    expect(sm2.doDecrypt(hex, dHex, other, { output: 'array' })).toEqual([]);
    expect(sm2.doDecrypt(flipHexByte(hex, -1), dHex, SM_MODE[mode], { output: 'array' })).toEqual([]);
    expect(sm2.doDecrypt(flipHexByte(hex, 64 + 5), dHex, SM_MODE[mode], { output: 'array' })).toEqual([]);
  });

  const theirCases = PAYLOADS.flatMap(([label, m]) => MODES.map((mode) => [label, mode, SM_MODE[mode], m] as const));
  it.each(theirCases)("we decrypt sm-crypto's ciphertext of %s (%s, cipherMode %i) in every format", (_label, mode, smMode, m) => {
    const hex = sm2.doEncrypt(m, pubHex, smMode);
    expect(hex).toBe(hex.toLowerCase());
    const raw = Buffer.from(hex, 'hex');
    expect(key.decrypt(raw, { mode, format: 'raw' }).equals(m)).toBe(true);
    expect(key.decrypt(Buffer.concat([Buffer.from([0x04]), raw]), { mode, format: 'prefixed04' }).equals(m)).toBe(true);
    const der = convertSm2Ciphertext(raw, { mode, format: 'raw' }, { format: 'der' });
    expect(key.decrypt(der, { format: 'der' }).equals(m)).toBe(true);
    expect(forSmCrypto(der, mode, 'der')).toBe(hex);
    // and it can fail: wrong mode, a flipped bit at the end (C2 or C3), a flipped bit in C1
    expectGmError('DECRYPT_FAILED', () => key.decrypt(raw, { mode: mode === 'C1C3C2' ? 'C1C2C3' : 'C1C3C2', format: 'raw' }));
    expectGmError('DECRYPT_FAILED', () => key.decrypt(flipLastBit(raw), { mode, format: 'raw' }));
    expectGmError('DECRYPT_FAILED', () => key.decrypt(Buffer.from(flipHexByte(hex, 10), 'hex'), { mode, format: 'raw' }));
  });
});

describe('interop: sm-crypto 0.5.8 — SM2 encryption traps', () => {
  const k = Sm2PrivateKey.generate();
  const pubHex = k.publicKey.toHex();

  it('sm-crypto answers a 04-prefixed ciphertext, a tampered one and the wrong key with an empty result, not an error', () => {
    const m = Buffer.from(TEXT);
    const c = k.publicKey.encrypt(m); // our default: C1C3C2, prefixed04
    expect(sm2.doDecrypt(c.toString('hex'), k.toHex(), 1, { output: 'array' })).toEqual([]);
    expect(sm2.doDecrypt(c.toString('hex'), k.toHex(), 1)).toBe('');
    expect(sm2.doDecrypt(c.subarray(1).toString('hex'), Sm2PrivateKey.generate().toHex(), 1, { output: 'array' })).toEqual([]);
    expect(Buffer.from(sm2.doDecrypt(c.subarray(1).toString('hex'), k.toHex(), 1, { output: 'array' })).equals(m)).toBe(true);
  });

  it('sm-crypto\'s cipherMode is compared with === 0: the string "0" silently means C1C3C2', () => {
    const m = Buffer.from('受理');
    const c1c2c3 = forSmCrypto(k.publicKey.encrypt(m, { mode: 'C1C2C3', format: 'raw' }), 'C1C2C3', 'raw');
    const c1c3c2 = forSmCrypto(k.publicKey.encrypt(m, { mode: 'C1C3C2', format: 'raw' }), 'C1C3C2', 'raw');
    const stringZero = '0' as unknown as SmCipherMode; // what an untyped caller (or a config file) passes
    expect(sm2.doDecrypt(c1c2c3, k.toHex(), stringZero, { output: 'array' })).toEqual([]);
    expect(Buffer.from(sm2.doDecrypt(c1c3c2, k.toHex(), stringZero, { output: 'array' })).equals(m)).toBe(true);
  });

  it('strings are UTF-8 text to sm-crypto (never hex), and its default output decodes UTF-8', () => {
    const fromText = sm2.doEncrypt(TEXT, pubHex, 1);
    expect(k.decrypt(Buffer.from(fromText, 'hex'), { format: 'raw' }).toString('utf8')).toBe(TEXT);
    const ours = k.publicKey.encrypt(Buffer.from(TEXT), { format: 'raw' });
    expect(sm2.doDecrypt(ours.toString('hex'), k.toHex(), 1)).toBe(TEXT);
    // binary data needs { output: 'array' }: the default throws on bytes that are not UTF-8
    const bin = k.publicKey.encrypt(Buffer.from([0xff, 0xfe, 0x80]), { format: 'raw' });
    expect(() => sm2.doDecrypt(bin.toString('hex'), k.toHex(), 1)).toThrow('Malformed UTF-8 data');
    // a hex string handed to doEncrypt is encrypted as its ASCII characters
    const m = randomBytes(16);
    const fromHex = sm2.doEncrypt(m.toString('hex'), pubHex, 1);
    expect(k.decrypt(Buffer.from(fromHex, 'hex'), { format: 'raw' }).toString('latin1')).toBe(m.toString('hex'));
  });

  it('sm-crypto encrypts an empty message; we refuse to decrypt (or produce) one', () => {
    const empty = sm2.doEncrypt(Buffer.alloc(0), pubHex, 1);
    expect(empty).toHaveLength(2 * (64 + 32));
    expectGmError('DECRYPT_FAILED', () => k.decrypt(Buffer.from(empty, 'hex'), { format: 'raw' }));
    expectGmError('BAD_INPUT', () => k.publicKey.encrypt(Buffer.alloc(0)));
  });

  it('a DER ciphertext whose x or y is shorter than 32 bytes still opens in sm-crypto (padding back to 32)', () => {
    const m = Buffer.from([0x5a]);
    let found: Buffer | undefined;
    for (let i = 0; i < 10_000 && !found; i++) {
      const c = k.publicKey.encrypt(m, { format: 'der' });
      const [xl, yl] = readDerCiphertext(c).xyLengths;
      if (xl < 32 || yl < 32) found = c;
    }
    if (!found) throw new Error('no short coordinate in 10,000 encryptions (expected one in ~128)');
    for (const mode of MODES) {
      expect(Buffer.from(sm2.doDecrypt(forSmCrypto(found, mode, 'der'), k.toHex(), SM_MODE[mode], { output: 'array' })).equals(m)).toBe(true);
    }
  });
});

describe.each(KEYS)('interop: sm-crypto 0.5.8 — SM2 signatures (SM3 with Z, ID 1234567812345678), key pair generated by %s', (_origin, key) => {
  const pubHex = key.publicKey.toHex();
  const dHex = key.toHex();
  const cases = PAYLOADS.flatMap(([label, m]) => SIG_FORMATS.map((format) => [label, format, m] as const));

  it.each(cases)('sm-crypto verifies our signature of %s (%s); a tampered message or signature fails', (_label, format, m) => {
    const sig = key.sign(m, { format }).toString('hex');
    const opts = { der: format === 'der', hash: true, userId: USER_ID };
    expect(sm2.doVerifySignature(m, sig, pubHex, opts)).toBe(true);
    expect(sm2.doVerifySignature(m, sig.toUpperCase(), pubHex, opts)).toBe(true);
    expect(sm2.doVerifySignature(flipLastBit(m), sig, pubHex, opts)).toBe(false);
    expect(sm2.doVerifySignature(m, flipHexByte(sig, -1), pubHex, opts)).toBe(false);
    expect(sm2.doVerifySignature(m, sig, Sm2PrivateKey.generate().publicKey.toHex(), opts)).toBe(false);
  });

  it.each(cases)("we verify sm-crypto's signature of %s (%s); a tampered message or signature fails", (_label, format, m) => {
    const sig = Buffer.from(sm2.doSignature(m, dHex, { der: format === 'der', hash: true, publicKey: pubHex, userId: USER_ID }), 'hex');
    expect(key.publicKey.verify(m, sig, { format })).toBe(true);
    expect(key.publicKey.verify(flipLastBit(m), sig, { format })).toBe(false);
    expect(key.publicKey.verify(m, flipLastBit(sig), { format })).toBe(false);
    expect(Sm2PrivateKey.generate().publicKey.verify(m, sig, { format })).toBe(false);
  });
});

describe('interop: sm-crypto 0.5.8 — SM2 signature options and traps', () => {
  const k = Sm2PrivateKey.generate();
  const pubHex = k.publicKey.toHex();
  const m = Buffer.from(TEXT);

  it('sm-crypto defaults to hash: true, ID 1234567812345678 and raw r||s: our DER signature needs der: true', () => {
    const theirDefault = Buffer.from(sm2.doSignature(m, k.toHex()), 'hex');
    expect(theirDefault).toHaveLength(64);
    expect(k.publicKey.verify(m, theirDefault, { format: 'raw' })).toBe(true);
    const ours = k.sign(m).toString('hex'); // our default: DER
    expect(sm2.doVerifySignature(m, ours, pubHex)).toBe(false); // read as r||s: silently false
    expect(sm2.doVerifySignature(m, ours, pubHex, { der: true })).toBe(true);
    expect(sm2.doVerifySignature(m, k.sign(m, { format: 'raw' }).toString('hex'), pubHex)).toBe(true);
    // the publicKey option only saves sm-crypto deriving it: same signature either way
    expect(k.publicKey.verify(m, Buffer.from(sm2.doSignature(m, k.toHex(), { der: true }), 'hex'))).toBe(true);
  });

  it('hash: false signs the message itself, which neither side verifies as an SM2 signature of it', () => {
    const plain = Buffer.from(sm2.doSignature(m, k.toHex(), { der: true, hash: false }), 'hex');
    expect(k.publicKey.verify(m, plain)).toBe(false);
    expect(sm2.doVerifySignature(m, k.sign(m).toString('hex'), pubHex, { der: true, hash: false })).toBe(false);
  });

  it.each(['', 'ALICE123@YAHOO.COM', '浦东新区政务服务中心'])('other user IDs agree both ways: %j', (userId) => {
    const ours = k.sign(m, { userId }).toString('hex');
    expect(sm2.doVerifySignature(m, ours, pubHex, { der: true, userId })).toBe(true);
    expect(sm2.doVerifySignature(m, ours, pubHex, { der: true })).toBe(false); // default ID
    const theirs = Buffer.from(sm2.doSignature(m, k.toHex(), { der: true, publicKey: pubHex, userId }), 'hex');
    expect(k.publicKey.verify(m, theirs, { userId })).toBe(true);
    expect(k.publicKey.verify(m, theirs)).toBe(false);
  });

  it('a string message is signed by sm-crypto as its UTF-8; a hex string is not decoded', () => {
    expect(k.publicKey.verify(Buffer.from(TEXT, 'utf8'), Buffer.from(sm2.doSignature(TEXT, k.toHex(), { der: true }), 'hex'))).toBe(true);
    const bin = randomBytes(32);
    const overHex = Buffer.from(sm2.doSignature(bin.toString('hex'), k.toHex(), { der: true }), 'hex');
    expect(k.publicKey.verify(bin, overHex)).toBe(false);
    expect(k.publicKey.verify(Buffer.from(bin.toString('hex'), 'latin1'), overHex)).toBe(true);
  });

  it("our DER signatures with a short r or s (and with the 0x00 sign byte) verify in sm-crypto's strict DER reader", () => {
    const msg = Buffer.from('x');
    let short: Buffer | undefined;
    let signByte: Buffer | undefined;
    for (let i = 0; i < 10_000 && !(short && signByte); i++) {
      const sig = k.sign(msg);
      const seq = readTlv(sig, 0).value;
      const r = readTlv(seq, 0);
      const s = readTlv(seq, r.end);
      if (r.value.length < 32 || s.value.length < 32) short ??= sig;
      if (r.value.length === 33 && s.value.length === 33) signByte ??= sig;
    }
    if (!short || !signByte) throw new Error('no short r/s in 10,000 signatures (expected one in ~128)');
    for (const sig of [short, signByte]) expect(sm2.doVerifySignature(msg, sig.toString('hex'), pubHex, { der: true })).toBe(true);
  });
});

describe('interop: sm-crypto 0.5.8 — SM3, HMAC-SM3, SM4-CBC and the SM4 envelope', () => {
  it('agrees on SM3 over bytes and over UTF-8 text', () => {
    for (const data of [Buffer.alloc(0), Buffer.from('abc'), randomBytes(64 * 1024)]) expect(smSm3(data)).toBe(sm3(data).toString('hex'));
    expect(smSm3(TEXT)).toBe(sm3(TEXT).toString('hex'));
    // GB/T 32905 example 1
    expect(smSm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('agrees on HMAC-SM3 (keys shorter and longer than a block); a string key is hex to sm-crypto, UTF-8 to us', () => {
    const data = randomBytes(5000);
    for (const key of [randomBytes(16), randomBytes(100)]) expect(smSm3(data, { key })).toBe(hmacSm3(key, data).toString('hex'));
    const keyHex = randomBytes(16).toString('hex');
    expect(smSm3(data, { key: keyHex })).toBe(hmacSm3(Buffer.from(keyHex, 'hex'), data).toString('hex'));
    expect(smSm3(data, { key: keyHex })).not.toBe(hmacSm3(keyHex, data).toString('hex'));
  });

  it.each([0, 1, 15, 16, 17, 1000, 64 * 1024])('agrees on SM4-CBC with PKCS#7 for %i bytes, both ways', (size) => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const data = randomBytes(size);
    const ours = sm4CbcEncrypt(key, iv, data);
    const theirs = Buffer.from(sm4.encrypt(data, key, { mode: 'cbc', iv, output: 'array' }));
    expect(theirs.equals(ours)).toBe(true);
    expect(Buffer.from(sm4.decrypt(ours, key, { mode: 'cbc', iv, output: 'array' })).equals(data)).toBe(true);
    expect(sm4CbcDecrypt(key, iv, theirs).equals(data)).toBe(true);
    // hex key/iv strings mean the same to sm-crypto
    expect(sm4.encrypt(data, key.toString('hex'), { mode: 'cbc', iv: iv.toString('hex') })).toBe(ours.toString('hex'));
  });

  it('trap: sm-crypto\'s SM4 unpadding takes a final 0x00 as "no padding" and returns the block; we refuse it', () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const block = Buffer.concat([randomBytes(15), Buffer.from([0x00])]);
    const ct = Buffer.from(sm4.encrypt(block, key, { mode: 'cbc', iv, padding: 'none', output: 'array' }));
    expect(Buffer.from(sm4.decrypt(ct, key, { mode: 'cbc', iv, output: 'array' })).equals(block)).toBe(true);
    expectGmError('DECRYPT_FAILED', () => sm4CbcDecrypt(key, iv, ct));
    // a real bad padding is refused by both
    const bad = Buffer.concat([randomBytes(14), Buffer.from([0x01, 0x02])]);
    const ctBad = Buffer.from(sm4.encrypt(bad, key, { mode: 'cbc', iv, padding: 'none', output: 'array' }));
    expect(() => sm4.decrypt(ctBad, key, { mode: 'cbc', iv, output: 'array' })).toThrow('padding is invalid');
    expectGmError('DECRYPT_FAILED', () => sm4CbcDecrypt(key, iv, ctBad));
  });

  it.each(MODES)('sm-crypto opens our SM4 envelope (%s, every format), and we open one sealed with sm-crypto', (mode) => {
    const k = Sm2PrivateKey.generate();
    const plain = randomBytes(200_000);
    for (const format of FORMATS) {
      const env = sealSm4Envelope(k.publicKey, plain, { mode, format });
      const sm4Key = sm2.doDecrypt(forSmCrypto(env.encryptedKey, mode, format), k.toHex(), SM_MODE[mode], { output: 'array' });
      expect(sm4Key).toHaveLength(16);
      expect(Buffer.from(sm4.decrypt(env.ciphertext, sm4Key, { mode: 'cbc', iv: env.iv, output: 'array' })).equals(plain)).toBe(true);
    }

    const sm4Key = randomBytes(16);
    const iv = randomBytes(16);
    const theirs = {
      encryptedKey: Buffer.from(sm2.doEncrypt(sm4Key, k.publicKey.toHex(), SM_MODE[mode]), 'hex'),
      iv,
      ciphertext: Buffer.from(sm4.encrypt(plain, sm4Key, { mode: 'cbc', iv, output: 'array' })),
    };
    expect(openSm4Envelope(k, theirs, { mode, format: 'raw' }).equals(plain)).toBe(true);
    expectGmError('DECRYPT_FAILED', () => openSm4Envelope(k, { ...theirs, encryptedKey: flipLastBit(theirs.encryptedKey) }, { mode, format: 'raw' }));
  });
});
