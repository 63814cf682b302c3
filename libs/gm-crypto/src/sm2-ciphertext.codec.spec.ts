import { randomBytes } from 'node:crypto';
import { convertSm2Ciphertext, Sm2CipherOptions, Sm2PrivateKey } from './index';
import { codeOf } from './testing/error-code';

const priv = Sm2PrivateKey.generate();
const ALL: Required<Sm2CipherOptions>[] = [
  { mode: 'C1C3C2', format: 'raw' },
  { mode: 'C1C3C2', format: 'prefixed04' },
  { mode: 'C1C2C3', format: 'raw' },
  { mode: 'C1C2C3', format: 'prefixed04' },
  { mode: 'C1C3C2', format: 'der' },
];

describe('SM2 ciphertext formats', () => {
  it('convert exactly between every pair of formats and back', () => {
    // enough samples that some C1 coordinates start with 0x00 or have the top bit set (DER sign byte)
    for (let i = 0; i < 12; i++) {
      const m = randomBytes(1 + (i % 50));
      const original = priv.publicKey.encrypt(m, { format: 'raw' });
      for (const from of ALL) {
        const a = convertSm2Ciphertext(original, { format: 'raw' }, from);
        for (const to of ALL) {
          const b = convertSm2Ciphertext(a, from, to);
          expect(convertSm2Ciphertext(b, to, from).equals(a)).toBe(true);
          expect(priv.decrypt(b, to).equals(m)).toBe(true);
        }
      }
    }
  });

  it('DER has the GM/T 0009 layout whatever the mode option says', () => {
    const m = Buffer.from('前置库');
    const der = priv.publicKey.encrypt(m, { format: 'der', mode: 'C1C2C3' });
    expect(der[0]).toBe(0x30);
    // last element: OCTET STRING of the message length (C2); the one before it is the 32-byte C3
    expect(der.subarray(der.length - m.length - 2, der.length - m.length)).toEqual(Buffer.from([0x04, m.length]));
    expect(der.subarray(der.length - m.length - 36, der.length - m.length - 34)).toEqual(Buffer.from([0x04, 32]));
    expect(priv.decrypt(der, { format: 'der', mode: 'C1C3C2' }).equals(m)).toBe(true);
    expect(priv.decrypt(der, { format: 'der', mode: 'C1C2C3' }).equals(m)).toBe(true);
  });

  it('uses the long DER length form for large ciphertexts', () => {
    const m = randomBytes(70000);
    const der = priv.publicKey.encrypt(m, { format: 'der' });
    expect(der.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x83]));
    expect(priv.decrypt(der, { format: 'der' }).equals(m)).toBe(true);
  });

  it('reject malformed input with BAD_CIPHERTEXT', () => {
    const der = priv.publicKey.encrypt(Buffer.from('x'), { format: 'der' });
    const to = { format: 'raw' } as const;
    const bad: Buffer[] = [
      Buffer.alloc(0),
      der.subarray(0, der.length - 1), // truncated
      Buffer.concat([der, Buffer.from([0])]), // trailing byte
      Buffer.concat([Buffer.from([0x30, 0x80]), der.subarray(2), Buffer.from([0, 0])]), // indefinite length (BER)
      Buffer.concat([Buffer.from([0x30, 0x81, der[1]]), der.subarray(2)]), // non-minimal length
    ];
    for (const b of bad) expect(codeOf(() => convertSm2Ciphertext(b, { format: 'der' }, to))).toBe('BAD_CIPHERTEXT');
    // C3 of 31 bytes
    const short = Buffer.from(der);
    const c3At = short.indexOf(Buffer.from([0x04, 0x20]), 60);
    short[c3At + 1] = 31;
    expect(codeOf(() => convertSm2Ciphertext(short, { format: 'der' }, to))).toBe('BAD_CIPHERTEXT');
    // prefixed04 without the 04, raw too short for C1 + C3 + one byte
    const p04 = priv.publicKey.encrypt(Buffer.from('x'));
    expect(codeOf(() => convertSm2Ciphertext(Buffer.concat([Buffer.from([2]), p04.subarray(1)]), {}, to))).toBe('BAD_CIPHERTEXT');
    expect(codeOf(() => convertSm2Ciphertext(Buffer.alloc(96), { format: 'raw' }, {}))).toBe('BAD_CIPHERTEXT');
  });

  it('reject a DER coordinate that is not a field element', () => {
    const der = priv.publicKey.encrypt(Buffer.from('x'), { format: 'der' });
    const raw = convertSm2Ciphertext(der, { format: 'der' }, { format: 'raw' });
    raw.fill(0xff, 0, 32); // x = 2^256 - 1 > p
    const forged = convertSm2Ciphertext(raw, { format: 'raw' }, { format: 'prefixed04' });
    expect(codeOf(() => convertSm2Ciphertext(convertRawToDerUnchecked(raw), { format: 'der' }, {}))).toBe('BAD_CIPHERTEXT');
    expect(codeOf(() => priv.decrypt(forged))).toBe('DECRYPT_FAILED');
  });
});

function convertRawToDerUnchecked(raw: Buffer): Buffer {
  const int = (b: Buffer) => Buffer.concat([Buffer.from([0x02, 33, 0]), b]);
  const body = Buffer.concat([
    int(raw.subarray(0, 32)),
    int(raw.subarray(32, 64)),
    Buffer.from([4, 32]),
    raw.subarray(64, 96),
    Buffer.from([4, raw.length - 96]),
    raw.subarray(96),
  ]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
