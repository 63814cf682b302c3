import { CALLBACK_SOAP, CallbackStage, ConcludeOutcome, ItemResult, SoapNotificationClient, Stage } from '@app/exchange-contract';
import { CallbackRecord } from '@app/front-db';
import { ClerkClient } from './support/clerk-client';
import { ExchangeEnv } from './support/exchange-env';

/**
 * The test plays the department by hand: it writes callback rows into the front DB and
 * sends the notifications itself, in the orders a flaky network produces.
 */
describe('duplicate, out-of-order and illegal callbacks', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;
  let soap: SoapNotificationClient;

  beforeAll(async () => {
    // no department simulator: the dispatch notification fails and nobody takes the acceptance
    env = await ExchangeEnv.create({ platformEnv: { DISPATCH_MAX_NOTIFY_ATTEMPTS: '1', SCAN_CRON: '0 0 0 1 1 *' } });
    await env.startPlatform();
    clerk = await env.clerk();
    soap = await SoapNotificationClient.create(CALLBACK_SOAP, `${env.platformUrl}/ws/exchange/callback`, env.dept('AMR').deptCredential, 5000);
  });

  afterAll(async () => {
    soap?.close();
    await env?.close();
  });

  async function dispatched(itemCode: string): Promise<string> {
    const applyNo = await clerk.apply(itemCode);
    await clerk.waitForState(applyNo, 'DISPATCHED');
    return applyNo;
  }

  async function write(applyNo: string, version: number, stage: CallbackStage, outcome: ConcludeOutcome | null = null): Promise<void> {
    const front = await env.front('AMR');
    const cb: CallbackRecord = { applyNo, version, stage, outcome, opinion: `手工${stage}`, detail: stage === Stage.SUPPLEMENT ? { materials: [{ code: 'APPLY_FORM', reason: '不清晰' }] } : {}, handledBy: 'AMR-手工', handledAt: new Date(), correlationId: 'test-dept' };
    await front.inTx((q) => front.writeCallback(q, cb, [], 'AMR'));
  }

  async function notify(items: { applyNo: string; version: number; stage: CallbackStage }[]): Promise<ItemResult[]> {
    return (await soap.send('AMR', items, 'test-dept')).results;
  }

  it('holds 办结 that arrives before 受理, then applies both in order', async () => {
    const applyNo = await dispatched('AMR-001');
    await write(applyNo, 1, Stage.CONCLUDE, ConcludeOutcome.APPROVED);
    const early = await notify([{ applyNo, version: 1, stage: Stage.CONCLUDE }]);
    expect(early.map((r) => r.code)).toEqual(['0003']);
    expect((await clerk.get(applyNo)).state).toBe('DISPATCHED');

    await write(applyNo, 1, Stage.ACCEPT);
    const late = await notify([{ applyNo, version: 1, stage: Stage.ACCEPT }]);
    expect(late.map((r) => r.code)).toEqual(['0000']);
    const app = await clerk.get(applyNo);
    expect(app.state).toBe('CONCLUDED');
    expect(app.callbacks.map((c) => c.stage)).toEqual(['ACCEPT', 'CONCLUDE']);
  });

  it('takes the earlier stage first when only the later notification arrives', async () => {
    const applyNo = await dispatched('AMR-002');
    await write(applyNo, 1, Stage.ACCEPT);
    await write(applyNo, 1, Stage.CONCLUDE, ConcludeOutcome.REJECTED);
    const r = await notify([{ applyNo, version: 1, stage: Stage.CONCLUDE }]);
    expect(r.map((x) => x.code)).toEqual(['0000']);
    const app = await clerk.get(applyNo);
    expect(app.state).toBe('CONCLUDED');
    expect(app.result).toBe('REJECTED');
  });

  it('applies a duplicate notification once', async () => {
    const applyNo = await dispatched('AMR-003');
    await write(applyNo, 1, Stage.ACCEPT);
    const first = await notify([{ applyNo, version: 1, stage: Stage.ACCEPT }]);
    const again = await notify([{ applyNo, version: 1, stage: Stage.ACCEPT }, { applyNo, version: 1, stage: Stage.ACCEPT }]);
    expect(first.map((r) => r.code)).toEqual(['0000']);
    expect(again.map((r) => r.code)).toEqual(['0001', '0001']);
    const inbox = await env.platformQuery<{ n: number }>('SELECT COUNT(*) AS n FROM callback_inbox WHERE apply_no = ?', [applyNo]);
    expect(Number(inbox[0].n)).toBe(1);
    const shadows = (await (await env.front('AMR')).listShadow(applyNo)).filter((s) => s.stage === Stage.ACCEPT && s.event === 'TAKEN');
    expect(shadows.length).toBe(1);
  });

  it('rejects and records an illegal transition without changing state', async () => {
    const applyNo = await dispatched('AMR-001');
    await write(applyNo, 1, Stage.ACCEPT);
    await notify([{ applyNo, version: 1, stage: Stage.ACCEPT }]);
    await write(applyNo, 1, Stage.SUPPLEMENT);
    const r = await notify([{ applyNo, version: 1, stage: Stage.SUPPLEMENT }]);
    expect(r.map((x) => x.code)).toEqual(['2003']);
    expect((await clerk.get(applyNo)).state).toBe('ACCEPTED');
    const taken = (await (await env.front('AMR')).listShadow(applyNo)).find((s) => s.stage === Stage.SUPPLEMENT && s.event === 'TAKEN');
    expect(taken?.outcome).toBe('REJECTED');
    expect(env.platform!.logs.some((l) => l.includes('illegal transition rejected') && l.includes(applyNo))).toBe(true);
  });

  it('answers 2002 for a record that is not in the front DB and 2003 for a version never dispatched', async () => {
    const applyNo = await dispatched('AMR-002');
    expect((await notify([{ applyNo, version: 1, stage: Stage.ACCEPT }])).map((r) => r.code)).toEqual(['2002']);
    await write(applyNo, 2, Stage.ACCEPT);
    expect((await notify([{ applyNo, version: 2, stage: Stage.ACCEPT }])).map((r) => r.code)).toEqual(['2003']);
    expect((await clerk.get(applyNo)).state).toBe('DISPATCHED');
  });

  it('keeps a late callback of a superseded version in the timeline as stale', async () => {
    const applyNo = await dispatched('AMR-003');
    await write(applyNo, 1, Stage.SUPPLEMENT);
    await notify([{ applyNo, version: 1, stage: Stage.SUPPLEMENT }]);
    await clerk.request('POST', `/api/v1/applications/${applyNo}/versions`, {});
    await clerk.submit(applyNo);
    await clerk.waitForState(applyNo, 'DISPATCHED');
    await write(applyNo, 1, Stage.ACCEPT); // the department's stale view of version 1
    expect((await notify([{ applyNo, version: 1, stage: Stage.ACCEPT }])).map((r) => r.code)).toEqual(['0002']);
    const app = await clerk.get(applyNo);
    expect(app.state).toBe('DISPATCHED');
    expect(app.callbacks.find((c) => c.version === 1 && c.stage === 'ACCEPT')?.outcome).toBe('STALE');
  });
});
