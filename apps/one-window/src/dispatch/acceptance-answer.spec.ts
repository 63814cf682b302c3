import { judgeAcceptanceAnswer, judgeCallFailure } from './acceptance-answer';

describe('how the platform treats NotifyAcceptance answers', () => {
  it.each(['0000', '0001', '0002', '0003', '2003', '2008', '2009'])('item %s settles the row', (code) => {
    expect(judgeAcceptanceAnswer(code)).toBe('settled');
  });

  it.each(['1001', '2002', '5000', '5001', '5002', '5003', '5004', '5005', '5006', undefined])('item %s is retried with backoff', (code) => {
    expect(judgeAcceptanceAnswer(code)).toBe('retry');
  });

  it.each(['1002', '1003', '1004', '1005', '1006', '1007', '1008', '2001', '2004', '2005', '2006', '3005', '9999', ''])(
    'item %s gives the notification up at once',
    (code) => {
      expect(judgeAcceptanceAnswer(code)).toBe('give-up');
    },
  );

  it('retries a call without answer, gives up on a Fault that refuses the message', () => {
    expect(judgeCallFailure({ kind: 'timeout' })).toBe('retry');
    expect(judgeCallFailure({ kind: 'network' })).toBe('retry');
    expect(judgeCallFailure({ kind: 'http' })).toBe('retry');
    expect(judgeCallFailure({ kind: 'fault' })).toBe('retry');
    expect(judgeCallFailure({ kind: 'fault', code: '5001' })).toBe('retry');
    expect(judgeCallFailure({ kind: 'fault', code: '1001' })).toBe('retry');
    expect(judgeCallFailure({ kind: 'fault', code: '1004' })).toBe('give-up');
    expect(judgeCallFailure({ kind: 'fault', code: '2004' })).toBe('give-up');
    expect(judgeCallFailure({ kind: 'fault', code: '1008' })).toBe('give-up');
    // a Fault is never a success, even with a code that would settle an item
    expect(judgeCallFailure({ kind: 'fault', code: '0000' })).toBe('retry');
  });
});
