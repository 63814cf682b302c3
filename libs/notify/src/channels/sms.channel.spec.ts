import { EventEmitter } from 'node:events';
import type { CmppClient, CmppReport, SubmitOutcome, SubmitRequest } from '@app/cmpp';
import { SmsChannel } from './sms.channel';

/**
 * A stand-in for the CMPP client that replays what the socket can deliver in one read: the
 * SUBMIT_RESP (the 'submitted' event) and the segment's status report, both before the submit's
 * promise continuation runs.
 */
class OneReadClient extends EventEmitter {
  constructor(private readonly stat: string) {
    super();
  }

  submit(req: SubmitRequest): Promise<SubmitOutcome> {
    const msgId = '1234567890123456789';
    this.emit('submitted', { key: req.key, msgId, seq: 1, total: 1 });
    const report: Partial<CmppReport> = { msgId, stat: this.stat, delivered: this.stat === 'DELIVRD', to: req.to[0], key: req.key, seq: 1 };
    this.emit('report', report);
    return Promise.resolve({ segments: [{ msgId, seq: 1 }] } as unknown as SubmitOutcome);
  }
}

const notice = { alertId: 'A-1', seq: 1, kind: 'alert' as const, severity: 'critical' as never, subject: '端口中断', body: '端口中断' };
const recipient = { id: 'p1', name: '张值班', phone: '13800000001' };

describe('SmsChannel', () => {
  it.each([
    ['DELIVRD', 'delivered', undefined],
    ['UNDELIV', 'failed', 'UNDELIV'],
  ])('returns a status report (%s) that overtook the submit answer with the attempt, detail included', async (stat, status, error) => {
    const channel = new SmsChannel({ client: new OneReadClient(stat) as unknown as CmppClient });
    const updates: unknown[] = [];
    channel.onStatusUpdate((u) => updates.push(u));
    const attempt = await channel.send(notice, recipient);
    expect(attempt).toMatchObject({ channel: 'sms', recipient: recipient.phone, status, detail: stat, providerId: '1234567890123456789' });
    expect(attempt.error).toBe(error);
    // the update was emitted before the attempt existed anywhere: the attempt itself must carry it
    expect(updates).toHaveLength(1);
    await channel.close();
  });
});
