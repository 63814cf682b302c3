import { CmppEncodeError } from '../protocol/errors';
import { segmentText } from './segmenter';
import { decodeText } from './text-codec';
import { parseUdh } from './udh';

const reassemble = (text: string) => {
  const m = segmentText(text, 7);
  return m.segments.map((s) => (s.tpUdhi ? decodeText(parseUdh(s.content)!.body, m.msgFmt) : decodeText(s.content, m.msgFmt))).join('');
};

describe('segmentText', () => {
  it('sends 70 Chinese characters as one UCS-2 SUBMIT without a header', () => {
    const m = segmentText('警'.repeat(70), 1);
    expect(m.msgFmt).toBe(8);
    expect(m.segments).toHaveLength(1);
    expect(m.segments[0]).toMatchObject({ pkTotal: 1, pkNumber: 1, tpUdhi: 0 });
    expect(m.segments[0].content.length).toBe(140);
  });

  it('splits 71 Chinese characters into 67 + 4', () => {
    const m = segmentText('警'.repeat(71), 1);
    expect(m.segments.map((s) => (s.content.length - 6) / 2)).toEqual([67, 4]);
    expect(m.segments.map((s) => s.content.subarray(0, 6).toString('hex'))).toEqual(['050003010201', '050003010202']);
  });

  it('sends plain ASCII as Msg_Fmt 0, 140 characters per SUBMIT, 134 per segment', () => {
    expect(segmentText('a'.repeat(140), 1).segments).toHaveLength(1);
    const m = segmentText('a'.repeat(141), 1);
    expect(m.msgFmt).toBe(0);
    expect(m.segments.map((s) => s.content.length - 6)).toEqual([134, 7]);
  });

  it('never cuts a surrogate pair between two segments', () => {
    const text = `${'警'.repeat(66)}😀${'尾'.repeat(10)}`;
    const m = segmentText(text, 1);
    expect((m.segments[0].content.length - 6) / 2).toBe(66);
    expect(reassemble(text)).toBe(text);
  });

  it('round-trips mixed text', () => {
    const text = `【运维告警】机房A 温度 41.5℃ 超过阈值 40℃，请值班人员立即处理。告警编号 ALM-20251122-0007，设备 UPS-03。`.repeat(2);
    expect(reassemble(text)).toBe(text);
  });

  it('refuses an empty text and a text needing more segments than allowed', () => {
    expect(() => segmentText('', 1)).toThrow(CmppEncodeError);
    expect(() => segmentText('警'.repeat(67 * 3 + 1), 1, 3)).toThrow(/4 segments/);
  });
});
