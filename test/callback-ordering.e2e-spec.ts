import { CALLBACK_SOAP, CallbackStage, ConcludeOutcome, ItemResult, SoapNotificationClient, Stage } from '@app/exchange-contract';
import { CallbackRecord } from '@app/front-db';
import { createHash } from 'node:crypto';
import { ClerkClient } from './support/clerk-client';
import { waitFor } from './support/env';
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
    const cb: CallbackRecord = {
      applyNo,
      version,
      stage,
      outcome,
      opinion: `手工${stage}`,
      detail: stage === Stage.SUPPLEMENT ? { materials: [{ code: 'APPLY_FORM', reason: '不清晰' }] } : {},
      handledBy: 'AMR-手工',
      handledAt: new Date(),
      correlationId: 'test-dept',
    };
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
    const again = await notify([
      { applyNo, version: 1, stage: Stage.ACCEPT },
      { applyNo, version: 1, stage: Stage.ACCEPT },
    ]);
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

  it("answers 2001 for a 申报号 the platform never registered, whether or not the record is in the front DB, and 2004 for another department's application", async () => {
    const unknown = '410404-20000101-999998';
    expect((await notify([{ applyNo: unknown, version: 1, stage: Stage.ACCEPT }])).map((r) => r.code)).toEqual(['2001']);
    await write(unknown, 1, Stage.ACCEPT);
    const r = await notify([{ applyNo: unknown, version: 1, stage: Stage.ACCEPT }]);
    expect(r.map((x) => [x.code, x.message])).toEqual([['2001', '申报号或记录不存在：unknown application']]);
    // taken once, so no scan meets it again
    expect((await (await env.front('AMR')).listShadow(unknown)).find((s) => s.event === 'TAKEN')?.outcome).toBe('REJECTED');
    expect((await notify([{ applyNo: unknown, version: 1, stage: Stage.ACCEPT }])).map((x) => x.code)).toEqual(['0001']);

    const housing = await clerk.apply('HOUSING-001');
    await clerk.waitForState(housing, 'DISPATCHED');
    await write(housing, 1, Stage.ACCEPT); // into AMR's front DB: AMR claims HOUSING's application
    expect((await notify([{ applyNo: housing, version: 1, stage: Stage.ACCEPT }])).map((x) => x.code)).toEqual(['2004']);
    expect((await clerk.get(housing)).state).toBe('DISPATCHED');
  });

  it('keeps a late callback of a superseded version in the timeline as stale', async () => {
    const applyNo = await dispatched('AMR-003');
    await write(applyNo, 1, Stage.SUPPLEMENT);
    await notify([{ applyNo, version: 1, stage: Stage.SUPPLEMENT }]);
    await clerk.request('POST', `/api/v1/applications/${applyNo}/versions`, {});
    await clerk.upload(applyNo, 'APPLY_FORM', 'the form again, legible'); // the material the SUPPLEMENT flagged
    await clerk.submit(applyNo);
    await clerk.waitForState(applyNo, 'DISPATCHED');
    await write(applyNo, 1, Stage.ACCEPT); // the department's stale view of version 1
    expect((await notify([{ applyNo, version: 1, stage: Stage.ACCEPT }])).map((r) => r.code)).toEqual(['0002']);
    const app = await clerk.get(applyNo);
    expect(app.state).toBe('DISPATCHED');
    expect(app.callbacks.find((c) => c.version === 1 && c.stage === 'ACCEPT')?.outcome).toBe('STALE');
  });
});

/** Raw rows as a careless department writes them: outcome and detail exactly as given, files with the digest given. */
async function writeRaw(
  env: ExchangeEnv,
  applyNo: string,
  stage: CallbackStage,
  row: { outcome?: string | null; detailJson?: string; files?: { fileName: string; content: Buffer; sm3?: string }[] },
): Promise<void> {
  const front = await env.front('AMR');
  await front.inTx(async (q) => {
    await q.query(
      `INSERT INTO ex_callback (apply_no, version, stage, outcome, opinion, detail, handled_by, handled_at, correlation_id) VALUES (?, 1, ?, ?, '手工', ?, 'AMR-手工', NOW(3), 'test-dept')`,
      [applyNo, stage, row.outcome ?? null, row.detailJson ?? '{}'],
    );
    const [{ id }] = (await q.query('SELECT id FROM ex_callback WHERE apply_no = ? AND version = 1 AND stage = ?', [applyNo, stage])) as { id: number }[];
    for (const f of row.files ?? []) {
      await q.query('INSERT INTO ex_callback_file (callback_id, file_name, mime_type, size_bytes, sm3, content) VALUES (?, ?, ?, ?, ?, ?)', [
        id,
        f.fileName,
        'application/pdf',
        f.content.length,
        f.sm3 ?? createHash('sm3').update(f.content).digest('hex'),
        f.content,
      ]);
    }
    await front.insertShadows(q, [{ applyNo, version: 1, stage, event: 'WRITTEN', operator: 'AMR-手工', party: 'AMR', correlationId: 'test-dept' }]);
  });
}

describe('callback records that break the contract (notified)', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;
  let soap: SoapNotificationClient;

  beforeAll(async () => {
    env = await ExchangeEnv.create({ platformEnv: { DISPATCH_MAX_NOTIFY_ATTEMPTS: '1', SCAN_CRON: '0 0 0 1 1 *' } });
    await env.startPlatform();
    clerk = await env.clerk();
    soap = await SoapNotificationClient.create(CALLBACK_SOAP, `${env.platformUrl}/ws/exchange/callback`, env.dept('AMR').deptCredential, 5000);
  });

  afterAll(async () => {
    soap?.close();
    await env?.close();
  });

  const notify = async (applyNo: string, stage: CallbackStage): Promise<ItemResult> =>
    (await soap.send('AMR', [{ applyNo, version: 1, stage }], 'test-dept')).results[0];

  async function accepted(): Promise<string> {
    const applyNo = await clerk.apply('AMR-001');
    await clerk.waitForState(applyNo, 'DISPATCHED');
    await writeRaw(env, applyNo, Stage.ACCEPT, { detailJson: '{"deptCaseNo":"AMR-1"}' });
    expect((await notify(applyNo, Stage.ACCEPT)).code).toBe('0000');
    return applyNo;
  }

  async function takenRow(applyNo: string, stage: Stage) {
    return (await (await env.front('AMR')).listShadow(applyNo)).find((s) => s.stage === stage && s.event === 'TAKEN');
  }

  it.each([[null], ['rejected'], ['MAYBE'], ['APPROVED ']])(
    'refuses a 办结 whose outcome is %p: REJECTED shadow row with the reason, nothing applied',
    async (outcome) => {
      const applyNo = await accepted();
      await writeRaw(env, applyNo, Stage.CONCLUDE, {
        outcome,
        detailJson: '{"certificateNo":"X1"}',
        files: [{ fileName: '结果.pdf', content: Buffer.from('%PDF-1.4 result') }],
      });
      const r = await notify(applyNo, Stage.CONCLUDE);
      expect(r.code).toBe('2008');
      expect(r.message).toContain('outcome');
      const app = await clerk.get(applyNo);
      expect([app.state, app.result]).toEqual(['ACCEPTED', null]);
      const taken = await takenRow(applyNo, Stage.CONCLUDE);
      expect(taken?.outcome).toBe('REJECTED');
      expect(taken?.note).toContain('outcome');
      expect(await env.platformQuery('SELECT 1 FROM callback_inbox WHERE apply_no = ? AND stage = ?', [applyNo, 'CONCLUDE'])).toEqual([]);
      expect(await env.platformQuery('SELECT 1 FROM result_file WHERE apply_no = ?', [applyNo])).toEqual([]);
      // refused once: the same notification again is a duplicate
      expect((await notify(applyNo, Stage.CONCLUDE)).code).toBe('0001');
    },
  );

  it('refuses a 办结 whose result file does not match its SM3 digest, naming the file; a matching file is applied', async () => {
    const bad = await accepted();
    await writeRaw(env, bad, Stage.CONCLUDE, {
      outcome: 'APPROVED',
      files: [{ fileName: '准予许可决定书.pdf', content: Buffer.from('%PDF-1.4 tampered'), sm3: createHash('sm3').update('%PDF-1.4 original').digest('hex') }],
    });
    const r = await notify(bad, Stage.CONCLUDE);
    expect(r.code).toBe('2009');
    expect(r.message).toContain('准予许可决定书.pdf');
    expect((await clerk.get(bad)).state).toBe('ACCEPTED');
    expect((await takenRow(bad, Stage.CONCLUDE))?.note).toContain('准予许可决定书.pdf');
    expect(await env.platformQuery('SELECT 1 FROM result_file WHERE apply_no = ?', [bad])).toEqual([]);

    const good = await accepted();
    await writeRaw(env, good, Stage.CONCLUDE, { outcome: 'APPROVED', files: [{ fileName: '准予许可决定书.pdf', content: Buffer.from('%PDF-1.4 original') }] });
    expect((await notify(good, Stage.CONCLUDE)).code).toBe('0000');
    const app = await clerk.get(good);
    expect([app.state, app.result]).toEqual(['CONCLUDED', 'APPROVED']);
    expect(await env.platformQuery('SELECT file_name AS f FROM result_file WHERE apply_no = ?', [good])).toEqual([{ f: '准予许可决定书.pdf' }]);
  });

  it.each([
    ['a JSON string', '"受理通过"'],
    ['a JSON array', '[1,2]'],
    ['JSON null', 'null'],
    ['a number', '42'],
  ])('refuses a detail that is %s with 2008, nothing applied', async (_what, detailJson) => {
    const applyNo = await clerk.apply('AMR-001');
    await clerk.waitForState(applyNo, 'DISPATCHED');
    await writeRaw(env, applyNo, Stage.ACCEPT, { detailJson });
    const r = await notify(applyNo, Stage.ACCEPT);
    expect(r.code).toBe('2008');
    expect(r.message).toContain('detail');
    expect((await clerk.get(applyNo)).state).toBe('DISPATCHED');
    expect((await takenRow(applyNo, Stage.ACCEPT))?.outcome).toBe('REJECTED');
  });
});

describe('callback records that break the contract (found by the scan)', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;

  beforeAll(async () => {
    env = await ExchangeEnv.create({ platformEnv: { DISPATCH_MAX_NOTIFY_ATTEMPTS: '1' } });
    await env.startPlatform();
    clerk = await env.clerk();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('takes a detail stored as a JSON string once as REJECTED and moves on to the next records', async () => {
    const bad = await clerk.apply('AMR-001');
    const good = await clerk.apply('AMR-002');
    await clerk.waitForState(bad, 'DISPATCHED');
    await clerk.waitForState(good, 'DISPATCHED');
    await writeRaw(env, bad, Stage.ACCEPT, { detailJson: '"{\\"deptCaseNo\\":\\"AMR-9\\"}"' });
    await writeRaw(env, good, Stage.ACCEPT, { detailJson: '{"deptCaseNo":"AMR-10"}' });
    await clerk.waitForState(good, 'ACCEPTED');
    const front = await env.front('AMR');
    const taken = await waitFor('the bad record to be taken', async () =>
      (await front.listShadow(bad)).find((s) => s.stage === Stage.ACCEPT && s.event === 'TAKEN'),
    );
    expect(taken.outcome).toBe('REJECTED');
    expect(taken.note).toContain('detail 须为 JSON 对象，实际为 字符串');
    expect(taken.operator).toBe('platform/scan');
    expect((await clerk.get(bad)).state).toBe('DISPATCHED');
    // nothing is left for the scan: a few more ticks see no untaken callback and log no failure
    await new Promise((r) => setTimeout(r, 2500));
    expect(await front.listUntaken('callback', 0, 10, [bad, good])).toEqual([]);
    expect(env.platform!.logs.filter((l) => l.includes('callback cannot be taken') || l.includes('"level":"error"'))).toEqual([]);
  });
});
