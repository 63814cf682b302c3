import { soapLoggerOf } from './structured-logger';

describe('soapLoggerOf', () => {
  it('writes one object per message with the fixed fields, the meta winning over them', () => {
    const lines: [string, object][] = [];
    const sink = { log: (e: object) => lines.push(['log', e]), warn: (e: object) => lines.push(['warn', e]), error: (e: object) => lines.push(['error', e]) };
    const log = soapLoggerOf(sink, { dept: 'AMR' });
    log.log('accepted', { cid: 'c1' });
    log.warn('slow');
    log.error('fault', { dept: 'PSB' });
    expect(lines).toEqual([
      ['log', { msg: 'accepted', dept: 'AMR', cid: 'c1' }],
      ['warn', { msg: 'slow', dept: 'AMR' }],
      ['error', { msg: 'fault', dept: 'PSB' }],
    ]);
  });
});
