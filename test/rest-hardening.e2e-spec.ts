import { ClerkClient } from './support/clerk-client';
import { ExchangeEnv } from './support/exchange-env';
import { OpsEnv } from './support/ops-env';

jest.setTimeout(240_000);

interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Findings of an outside attacker against the REST APIs of the one-window platform, the ops node and
 * the city, each with its regression test: real compiled apps, real MariaDB.
 */
describe('REST input hardening: one-window, ops node, city', () => {
  let ops: OpsEnv;
  let ex: ExchangeEnv;
  let clerk: ClerkClient;

  beforeAll(async () => {
    ops = await OpsEnv.create();
    await ops.startCity();
    await ops.startOps();
    ex = await ExchangeEnv.create();
    await ex.startPlatform();
    clerk = await ex.clerk();
  });

  afterAll(async () => {
    await ops?.close();
    await ex?.close();
  });

  const call = async (url: string, init: RequestInit = {}, auth = false): Promise<{ status: number; body: ErrorBody; ms: number }> => {
    const t0 = Date.now();
    const headers: Record<string, string> = { ...(init.body !== undefined && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: `Bearer ${clerk.token}` } : {}), ...((init.headers as Record<string, string>) ?? {}) };
    const res = await fetch(url, { ...init, headers });
    const text = await res.text();
    let body: ErrorBody;
    try {
      body = JSON.parse(text) as ErrorBody;
    } catch {
      body = { code: '', message: text };
    }
    return { status: res.status, body, ms: Date.now() - t0 };
  };
  const platform = (path: string, init?: RequestInit) => call(`${ex.platformUrl}${path}`, init, true);
  const node = (path: string, init?: RequestInit) => call(`${ops.opsUrl}${path}`, init);
  const city = (path: string, init?: RequestInit) => call(`${ops.cityUrl}${path}`, init);

  describe('absurd paging values answer 400, never 500', () => {
    const absurd = ['1e308', '-1', '0', '1.5', '99999999999999999999', 'abc', '0x10'];

    it('one-window: page and pageSize of the application list', async () => {
      expect((await platform('/api/v1/applications?page=1&pageSize=5')).status).toBe(200);
      for (const v of absurd) {
        for (const param of ['page', 'pageSize']) {
          const r = await platform(`/api/v1/applications?${param}=${v}`);
          expect({ param, v, status: r.status, code: r.body.code }).toEqual({ param, v, status: 400, code: '1003' });
        }
      }
      const huge = await platform('/api/v1/applications?pageSize=100000');
      expect([huge.status, huge.body.code]).toEqual([400, '1003']);
    });

    it('ops node and city: limits of every list', async () => {
      const lists = [
        (q: string) => node(`/ops/api/alerts?limit=${q}`),
        (q: string) => node(`/ops/api/system-log?limit=${q}`),
        (q: string) => node(`/ops/api/system-log?beforeId=${q}`),
        (q: string) => node(`/ops/api/work-orders?limit=${q}`),
        (q: string) => city(`/city/api/reports?limit=${q}`),
        (q: string) => city(`/city/api/alerts?limit=${q}`),
        (q: string) => city(`/city/api/refusals?limit=${q}`),
        (q: string) => city(`/city/api/reporting-health?staleAfterMinutes=${q}`),
      ];
      for (const list of lists) {
        expect((await list('10')).status).toBe(200);
        for (const v of absurd) {
          const r = await list(v);
          expect({ v, status: r.status, code: r.body.code }).toEqual({ v, status: 400, code: '1003' });
        }
      }
    });

    it('times that are not real instants answer 400 (not an Invalid Date in SQL)', async () => {
      for (const v of ['2026-W01', '20260101', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00.001Z']) {
        for (const r of [await city(`/city/api/alerts?from=${encodeURIComponent(v)}`), await node(`/ops/api/system-log?from=${encodeURIComponent(v)}`), await platform(`/api/v1/applications?from=${encodeURIComponent(v)}`)]) {
          expect({ v, status: r.status, code: r.body.code }).toEqual({ v, status: 400, code: '1003' });
        }
      }
    });
  });
});
