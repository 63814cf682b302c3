import { Reassembler } from './reassembler';

describe('Reassembler', () => {
  let now = 0;
  const r = () => new Reassembler<string>(1000, () => now);
  const seg = (seq: number, text: string, over: Partial<{ key: string; ref: number; total: number }> = {}) => ({
    key: 'a>b',
    ref: 9,
    total: 3,
    seq,
    text,
    meta: `id${seq}`,
    ...over,
  });

  beforeEach(() => (now = 0));

  it('completes a message whose segments arrive out of order', () => {
    const re = r();
    expect(re.add(seg(3, 'C'))).toEqual({ status: 'partial', have: 1, total: 3 });
    expect(re.add(seg(1, 'A')).status).toBe('partial');
    const done = re.add(seg(2, 'B'));
    expect(done).toEqual({
      status: 'complete',
      message: {
        key: 'a>b',
        ref: 9,
        text: 'ABC',
        parts: [
          { seq: 1, meta: 'id1' },
          { seq: 2, meta: 'id2' },
          { seq: 3, meta: 'id3' },
        ],
      },
    });
    expect(re.size).toBe(0);
  });

  it('ignores a duplicated segment', () => {
    const re = r();
    re.add(seg(1, 'A'));
    expect(re.add(seg(1, 'A')).status).toBe('duplicate');
    re.add(seg(2, 'B'));
    expect(re.add(seg(3, 'C')).status).toBe('complete');
  });

  it('keeps messages with the same reference apart when the conversation differs', () => {
    const re = r();
    re.add(seg(1, 'A'));
    re.add(seg(1, 'x', { key: 'a>c' }));
    re.add(seg(2, 'B'));
    const done = re.add(seg(3, 'C'));
    expect(done.status === 'complete' && done.message.text).toBe('ABC');
    expect(re.size).toBe(1);
  });

  it('expires a partial message after the timeout', () => {
    const re = r();
    re.add(seg(1, 'A'));
    now = 999;
    expect(re.sweep()).toEqual([]);
    now = 1000;
    expect(re.sweep()).toEqual([{ key: 'a>b', ref: 9, have: 1, total: 3 }]);
    expect(re.size).toBe(0);
  });

  it('passes a single-segment message straight through', () => {
    expect(r().add({ key: 'k', ref: 0, total: 1, seq: 1, text: 'hi', meta: 'm' })).toMatchObject({ status: 'complete', message: { text: 'hi' } });
  });
});
