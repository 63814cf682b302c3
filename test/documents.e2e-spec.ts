import { ACCOUNTS } from './support/accounts';
import { ClerkClient, tinyPdf } from './support/clerk-client';
import { ExchangeEnv } from './support/exchange-env';

/**
 * The files behind the workbench's preview and print buttons, and 收件: who may open an
 * applicant's documents, what the answers carry, and when a tick can no longer change.
 */
describe('one-window documents: material and result files, 收件', () => {
  let env: ExchangeEnv;
  let clerk: ClerkClient;
  let otherWindow: ClerkClient;
  let approver: ClerkClient;

  beforeAll(async () => {
    env = await ExchangeEnv.create();
    await env.startPlatform();
    await env.startDeptSim();
    clerk = await ClerkClient.login(env.platformUrl, ACCOUNTS.clerk.username, ACCOUNTS.clerk.password);
    otherWindow = await ClerkClient.login(env.platformUrl, ACCOUNTS.clerk2.username, ACCOUNTS.clerk2.password);
    approver = await ClerkClient.login(env.platformUrl, ACCOUNTS.approver.username, ACCOUNTS.approver.password);
  });

  afterAll(async () => {
    await env?.close();
  });

  const raw = (c: ClerkClient, path: string) => fetch(`${env.platformUrl}${path}`, { headers: { authorization: `Bearer ${c.token}` } });

  it('serves an uploaded material byte for byte to its window and the approver only', async () => {
    const applyNo = await clerk.register('AMR-001');
    const content = tinyPdf('the articles of association');
    const stored = await clerk.uploadFile(applyNo, 'ARTICLES', content, '公司章程（修订）.pdf', 'application/pdf');
    const path = `/api/v1/applications/${applyNo}/versions/1/materials/ARTICLES/file`;

    const own = await raw(clerk, path);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('公司章程（修订）.pdf')}`);
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('cache-control')).toContain('no-store');
    expect(own.headers.get('x-content-sm3')).toBe(stored.sm3);
    expect(Buffer.from(await own.arrayBuffer()).equals(content)).toBe(true);

    expect((await raw(approver, path)).status).toBe(200);
    // another window reads the application masked, and may not open the applicant's documents
    const other = await raw(otherWindow, path);
    expect([other.status, ((await other.json()) as { code: string }).code]).toEqual([403, '6009']);

    // a material not uploaded, a version that does not exist, an unknown application, a bad path
    const missing = await raw(clerk, `/api/v1/applications/${applyNo}/versions/1/materials/ID_CARD/file`);
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([404, '2001']);
    expect((await raw(clerk, `/api/v1/applications/${applyNo}/versions/2/materials/ARTICLES/file`)).status).toBe(404);
    const unknown = await raw(clerk, '/api/v1/applications/410404-20200101-999999/versions/1/materials/ARTICLES/file');
    expect(((await unknown.json()) as { code: string }).code).toBe('2001');
    const bad = await raw(clerk, `/api/v1/applications/${applyNo}/versions/0/materials/ARTICLES/file`);
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, '1003']);
  });

  it('records 收件 per material of the draft, with the session account, and refuses it after submit', async () => {
    const applyNo = await clerk.register('AMR-001');
    const tick = (c: ClerkClient, code: string, body: unknown, expect = [200]) =>
      c.request<{ originalSeen: boolean; paperCopies: number; checkedBy: string; version: number }>(
        'PUT',
        `/api/v1/applications/${applyNo}/materials/${code}/check`,
        body,
        expect,
      );
    const first = await tick(clerk, 'ID_CARD', { originalSeen: true, paperCopies: 1 });
    expect(first).toMatchObject({ originalSeen: true, paperCopies: 1, checkedBy: ACCOUNTS.clerk.username, version: 1 });
    // ticking again overwrites (the clerk unticks a mistaken tick)
    await tick(clerk, 'ID_CARD', { originalSeen: false, paperCopies: 2 });
    // the body names no actor: an extra field is refused, as are out-of-range copies and unknown materials
    expect((await tick(clerk, 'ID_CARD', { originalSeen: true, paperCopies: 1, checkedBy: 'someone' }, [400])) as unknown).toMatchObject({ code: '1003' });
    expect((await tick(clerk, 'ID_CARD', { originalSeen: true, paperCopies: 100 }, [400])) as unknown).toMatchObject({ code: '1003' });
    expect((await tick(clerk, 'NO_SUCH_THING', { originalSeen: true, paperCopies: 0 }, [400])) as unknown).toMatchObject({ code: '1003' });
    expect((await tick(otherWindow, 'ID_CARD', { originalSeen: true, paperCopies: 0 }, [403])) as unknown).toMatchObject({ code: '6009' });

    const checks = await clerk.request<{ materialCode: string; originalSeen: boolean; paperCopies: number; checkedBy: string }[]>(
      'GET',
      `/api/v1/applications/${applyNo}/material-checks`,
    );
    expect(checks).toEqual([expect.objectContaining({ materialCode: 'ID_CARD', originalSeen: false, paperCopies: 2, checkedBy: ACCOUNTS.clerk.username })]);

    const item = await clerk.item('AMR-001');
    for (const m of item.materials.filter((x) => x.required)) await clerk.upload(applyNo, m.code, `${m.code} of ${applyNo}`);
    await clerk.submit(applyNo);
    expect((await tick(clerk, 'ID_CARD', { originalSeen: true, paperCopies: 1 }, [409])) as unknown).toMatchObject({ code: '2006' });
  });

  it('serves the department result file of a concluded application', async () => {
    const applyNo = await clerk.apply('AMR-001');
    const done = await clerk.waitForState(applyNo, 'CONCLUDED', 60_000);
    const files = (done as unknown as { resultFiles: { version: number; stage: string; fileName: string; sm3: string }[] }).resultFiles;
    const result = files.find((f) => f.stage === 'CONCLUDE');
    expect(result).toBeDefined();
    const path = `/api/v1/applications/${applyNo}/result-files/${result!.version}/CONCLUDE/file?name=${encodeURIComponent(result!.fileName)}`;
    const res = await raw(clerk, path);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-sm3')).toBe(result!.sm3);
    expect(await res.text()).toContain(`申报号 ${applyNo}`);
    expect((await raw(otherWindow, path)).status).toBe(403);
    const wrongName = await raw(clerk, `/api/v1/applications/${applyNo}/result-files/${result!.version}/CONCLUDE/file?name=nope.txt`);
    expect([wrongName.status, ((await wrongName.json()) as { code: string }).code]).toEqual([404, '2001']);
    const traversal = await raw(clerk, `/api/v1/applications/${applyNo}/result-files/1/CONCLUDE/file?name=${encodeURIComponent('../x')}`);
    expect(traversal.status).toBe(400);
  });
});
