import { CmppProtocolError } from './errors';
import { CmppFrameDecoder } from './frame-decoder';
import { encodePdu } from './pdu.codec';

const frames = [
  encodePdu({ command: 'ACTIVE_TEST', seq: 1 }),
  encodePdu({ command: 'SUBMIT_RESP', seq: 2, msgId: 123n, result: 0 }),
  encodePdu({ command: 'ACTIVE_TEST_RESP', seq: 3 }),
];
const stream = Buffer.concat(frames);

describe('CmppFrameDecoder', () => {
  it('returns every frame of a chunk holding several concatenated PDUs', () => {
    expect(new CmppFrameDecoder().push(stream)).toEqual(frames);
  });

  it('reassembles frames fed one byte at a time', () => {
    const d = new CmppFrameDecoder();
    const out: Buffer[] = [];
    for (const byte of stream) out.push(...d.push(Buffer.from([byte])));
    expect(out).toEqual(frames);
    expect(d.buffered).toBe(0);
  });

  it('handles chunk boundaries inside the length field and across frames', () => {
    const d = new CmppFrameDecoder();
    expect(d.push(stream.subarray(0, 2))).toEqual([]);
    expect(d.push(stream.subarray(2, 20))).toEqual([frames[0]]);
    expect(d.push(stream.subarray(20))).toEqual(frames.slice(1));
  });

  it('rejects an absurd Total_Length instead of buffering it', () => {
    expect(() => new CmppFrameDecoder().push(Buffer.from('ffffffff00000004', 'hex'))).toThrow(CmppProtocolError);
    expect(() => new CmppFrameDecoder(4096).push(Buffer.from('0000100100000004', 'hex'))).toThrow(/outside 12\.\.4096/);
  });

  it('rejects a Total_Length shorter than the header', () => {
    expect(() => new CmppFrameDecoder().push(Buffer.from('0000000b00000008000000', 'hex'))).toThrow(CmppProtocolError);
  });
});
