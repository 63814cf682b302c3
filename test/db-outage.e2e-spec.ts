import { ClerkClient } from './support/clerk-client';
import { testDb, waitFor } from './support/env';
import { CLERK, ExchangeEnv } from './support/exchange-env';
import { AMR_001_FORM } from './support/form-data';
import { DEFAULT_ID_NO } from './support/identity-numbers';
import { TcpProxy } from './support/tcp-proxy';

/**
 * MariaDB goes away under a running platform (a TCP proxy between the platform and the database,
 * cut and restored by the test): the clerk API answers 5006 with HTTP 503 and Retry-After instead
 * of 5000, and works again once the database is back.
 */
describe('the database down under the clerk API', () => {
  let env: ExchangeEnv;
  let proxy: TcpProxy;
  let clerk: ClerkClient;

  beforeAll(async () => {
    env = await ExchangeEnv.create({ platformEnv: { DISPATCH_MAX_NOTIFY_ATTEMPTS: '1' } });
    proxy = await TcpProxy.start({ host: testDb().host, port: testDb().port });
    // platform DB and (by default) every front DB through the proxy
    await env.startPlatform({ DB_PORT: String(proxy.port) });
    clerk = await env.clerk();
  });

  afterAll(async () => {
    await proxy?.restore();
    await env?.close();
    await proxy?.close();
  });

  async function call(
    method: string,
    path: string,
    body?: unknown,
    auth = true,
  ): Promise<{ status: number; retryAfter: string | null; body: { code?: string; message?: string; errorId?: string } }> {
    const res = await fetch(`${env.platformUrl}${path}`, {
      method,
      headers: { ...(auth ? { authorization: `Bearer ${clerk.token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { code?: string } };
  }

  it('answers 5006 / 503 / Retry-After while MariaDB cannot be reached, and recovers when it is back', async () => {
    const applyNo = await clerk.register('AMR-001');
    expect((await call('GET', `/api/v1/applications/${applyNo}`)).status).toBe(200);

    // a session of the system administrator taken before the cut (its check needs the database too)
    expect((await env.health()).status).toBe(200);
    await proxy.cut();
    const register = {
      itemCode: 'AMR-001',
      applicantType: 'PERSON',
      applicantName: '断库',
      applicantIdNo: DEFAULT_ID_NO,
      applicantPhone: '13800000000',
      formData: AMR_001_FORM,
      deliveryMethod: 'PICKUP',
    };
    const answers = [
      await call('GET', '/api/v1/applications'),
      await call('GET', `/api/v1/applications/${applyNo}`),
      await call('POST', '/api/v1/applications', register),
      await call('POST', `/api/v1/applications/${applyNo}/submit`),
      await call('GET', '/api/v1/ops/dispatch-holds'),
      await call('POST', '/api/v1/auth/login', { username: CLERK.username, password: CLERK.password }, false),
    ];
    for (const a of answers) {
      expect([a.status, a.body.code, a.body.message, a.retryAfter]).toEqual([503, '5006', '服务暂时不可用，请稍后重试', '5']);
      expect(a.body.errorId).toBeUndefined();
    }
    const health = await env.health();
    expect([health.status, ((await health.json()) as { code?: string }).code]).toEqual([503, '5006']);
    // the catalog is cached in memory, but the clerk's session is checked in the database: 5006 too
    expect((await call('GET', '/api/v1/items/AMR-001')).body.code).toBe('5006');
    expect(env.platform!.logs.some((l) => l.includes('unhandled error'))).toBe(false);

    await proxy.restore();
    await waitFor('the clerk API to answer again', async () => (await call('GET', `/api/v1/applications/${applyNo}`)).status === 200, 20_000);
    expect((await call('POST', '/api/v1/applications', register)).status).toBe(201);
  });
});
