import { createPrivateKey, createPublicKey, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { DEFAULT_SM2_USER_ID, Sm2PrivateKey } from './index';
import { decodeSm2Signature, encodeSm2Signature } from './sm2-signature.codec';
import { codeOf } from './testing/error-code';

const priv = Sm2PrivateKey.generate();
const pub = priv.publicKey;
const msg = Buffer.from('办结 AMR-20261122-0001');

describe('SM2 signatures', () => {
  it('default to DER with the user ID 1234567812345678', () => {
    const sig = priv.sign(msg);
    expect(sig[0]).toBe(0x30);
    expect(DEFAULT_SM2_USER_ID).toBe('1234567812345678');
    expect(pub.verify(msg, sig)).toBe(true);
    expect(pub.verify(msg, sig, { userId: '1234567812345678', format: 'der' })).toBe(true);
  });

  it("sign e = SM3(Z || M) exactly like sm-crypto-v2's own hash: true path, in both directions and for any user ID", () => {
    for (const userId of [undefined, DEFAULT_SM2_USER_ID, 'ALICE123@YAHOO.COM', '']) {
      for (const m of [msg, Buffer.alloc(0), Buffer.alloc(70_000, 7)]) {
        const ours = priv.sign(m, { format: 'raw', userId }).toString('hex');
        expect(sm2.doVerifySignature(m, ours, pub.toHex(), { hash: true, userId })).toBe(true);
        const theirs = sm2.doSignature(m, priv.toHex(), { hash: true, userId, publicKey: pub.toHex() });
        expect(pub.verify(m, Buffer.from(theirs, 'hex'), { format: 'raw', userId })).toBe(true);
      }
    }
    // without Z the raw message would be signed: a different e, so nobody else would verify it
    const raw = priv.sign(msg, { format: 'raw' });
    expect(sm2.doVerifySignature(msg, raw.toString('hex'), pub.toHex())).toBe(false);
  });

  it('convert exactly between raw r||s and DER, including values with leading zero bytes or the top bit set', () => {
    const samples: Buffer[] = [Buffer.alloc(64, 0x80), Buffer.concat([Buffer.alloc(31), Buffer.from([1]), Buffer.alloc(32, 0x7f)])];
    for (let i = 0; i < 20; i++) samples.push(priv.sign(msg, { format: 'raw' }));
    for (const raw of samples) {
      const der = encodeSm2Signature(raw, 'der');
      expect(decodeSm2Signature(der, 'der')).toEqual(raw);
    }
    expect(encodeSm2Signature(samples[1], 'der').toString('hex')).toBe(`30250201010220${'7f'.repeat(32)}`);
  });

  it("accept sm-crypto-v2's own DER signatures", () => {
    for (let i = 0; i < 10; i++) {
      const der = Buffer.from(sm2.doSignature(msg, priv.toHex(), { hash: true, der: true }), 'hex');
      expect(pub.verify(msg, der)).toBe(true);
    }
  });

  it('return false for another message, key or user ID, and for r or s out of range', () => {
    const sig = priv.sign(msg);
    expect(pub.verify(Buffer.from('办结 AMR-20261122-0002'), sig)).toBe(false);
    expect(Sm2PrivateKey.generate().publicKey.verify(msg, sig)).toBe(false);
    expect(pub.verify(msg, sig, { userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    expect(pub.verify(msg, Buffer.alloc(64), { format: 'raw' })).toBe(false);
    expect(pub.verify(msg, Buffer.alloc(64, 0xff), { format: 'raw' })).toBe(false);
  });

  it('sign and verify under another user ID, and under the empty ID that `openssl dgst` uses without distid', () => {
    for (const userId of ['ALICE123@YAHOO.COM', '']) {
      const sig = priv.sign(msg, { userId });
      expect(pub.verify(msg, sig, { userId })).toBe(true);
      expect(pub.verify(msg, sig)).toBe(false);
    }
  });

  it("are not what Node's own crypto.sign makes with an SM2 key: that hashes an empty user ID", () => {
    const nodeKey = createPrivateKey(priv.toPem());
    const nodeSig = cryptoSign('sm3', msg, nodeKey);
    expect(pub.verify(msg, nodeSig)).toBe(false);
    expect(pub.verify(msg, nodeSig, { userId: '' })).toBe(true);
    expect(cryptoVerify('sm3', msg, createPublicKey(pub.toPem()), priv.sign(msg))).toBe(false);
  });

  it('sign an empty message', () => {
    expect(pub.verify(Buffer.alloc(0), priv.sign(Buffer.alloc(0)))).toBe(true);
  });

  it('throw BAD_SIGNATURE only for malformed encodings', () => {
    const der = priv.sign(msg);
    const raw = priv.sign(msg, { format: 'raw' });
    expect(codeOf(() => pub.verify(msg, raw.subarray(0, 63), { format: 'raw' }))).toBe('BAD_SIGNATURE');
    expect(codeOf(() => pub.verify(msg, der.subarray(0, der.length - 1)))).toBe('BAD_SIGNATURE');
    expect(codeOf(() => pub.verify(msg, Buffer.concat([der, Buffer.from([0])])))).toBe('BAD_SIGNATURE');
    expect(codeOf(() => pub.verify(msg, raw))).toBe('BAD_SIGNATURE'); // raw bytes read as DER
    expect(codeOf(() => pub.verify(msg, Buffer.from('3008020200010201010000', 'hex')))).toBe('BAD_SIGNATURE'); // non-minimal INTEGER
    expect(codeOf(() => pub.verify(msg, Buffer.from('300602010102', 'hex')))).toBe('BAD_SIGNATURE'); // truncated
    expect(codeOf(() => pub.verify(msg, Buffer.from('30060201ff020101', 'hex')))).toBe('BAD_SIGNATURE'); // negative r
    const wide = Buffer.concat([Buffer.from('302602210100', 'hex'), Buffer.alloc(32, 1), Buffer.from('020101', 'hex')]);
    expect(codeOf(() => pub.verify(msg, wide))).toBe('BAD_SIGNATURE'); // r wider than 256 bits
  });

  it('reject bad options and inputs as BAD_INPUT', () => {
    expect(codeOf(() => priv.sign(msg, { userId: 'x'.repeat(8192) }))).toBe('BAD_INPUT');
    expect(codeOf(() => priv.sign(msg, { format: 'pem' as never }))).toBe('BAD_INPUT');
    expect(codeOf(() => priv.sign('text' as unknown as Buffer))).toBe('BAD_INPUT');
    expect(codeOf(() => pub.verify(msg, 'sig' as unknown as Buffer))).toBe('BAD_INPUT');
  });
});
