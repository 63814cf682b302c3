import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { OpsEnv } from './support/ops-env';

jest.setTimeout(180_000);

interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Outside-attacker findings against the ops node's REST API, each with its regression test. */
describe('ops node hardening (real app, real MariaDB)', () => {
  let env: OpsEnv;
  let business: Server; // the registered business system the probes may call
  let elsewhere: Server; // a service on a port nobody registered: must never be called
  const elsewhereHits: string[] = [];

  const listen = async (s: Server) => {
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return (s.address() as AddressInfo).port;
  };
  let businessPort = 0;
  let elsewherePort = 0;

  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${env.opsUrl}/ops/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(await env.authFor(`${env.opsUrl}/ops/api/`)) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const refused = async (method: string, path: string, body: unknown, status: number, code: string): Promise<ErrorBody> => {
    const r = await api(method, path, body);
    expect({ status: r.status, code: (r.body as ErrorBody).code }).toEqual({ status, code });
    return r.body as ErrorBody;
  };

  beforeAll(async () => {
    elsewhere = createServer((req: IncomingMessage, res) => {
      elsewhereHits.push(req.url ?? '');
      res.end('secret');
    });
    elsewherePort = await listen(elsewhere);
    business = createServer((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: `http://127.0.0.1:${elsewherePort}/internal` });
        res.end();
        return;
      }
      res.end('ok');
    });
    businessPort = await listen(business);
    env = await OpsEnv.create();
    await env.startOps({ BUSINESS_SYSTEMS: `测试业务系统=http://127.0.0.1:${businessPort}` });
    await api('POST', '/resources/discover');
  });

  afterAll(async () => {
    await env?.close();
    business?.close();
    elsewhere?.close();
  });

  describe('SSRF through the application probes', () => {
    const bizResource = (url: string) => ({
      resourceId: 'BIZ-EVIL',
      resourceIp: '127.0.0.1',
      resourceClass: 'BUSINESS_SYSTEM',
      name: '外部系统',
      model: 'x',
      brand: 'y',
      url,
    });

    it('refuses to register a business system on a host or port outside the allow list', async () => {
      for (const url of [
        `http://127.0.0.1:${elsewherePort}`,
        `http://10.0.0.5:${businessPort}`,
        `ftp://127.0.0.1:${businessPort}`,
        `http://user:pw@127.0.0.1:${businessPort}`,
      ]) {
        const body = await refused('POST', '/resources', bizResource(url), 400, '1003');
        expect(body.message).toMatch(/^参数类型或取值错误：资源URL不允许探测：/);
        expect(body.details).toEqual({ field: 'url' });
      }
      expect((await api('GET', '/resources/BIZ-EVIL')).status).toBe(404);
      // an allowed one is registered (and removed again, so the probes below see only the discovered one)
      expect((await api('POST', '/resources', bizResource(`http://localhost:${businessPort}`))).status).toBe(201);
      expect((await api('DELETE', '/resources/BIZ-EVIL')).status).toBe(200);
    });

    it('never calls a URL outside the allow list, even when it is in the inventory already', async () => {
      // a row from before the policy (or written around the API)
      await env.query(
        'ops_node',
        "INSERT INTO resource (resource_id, resource_ip, resource_class, name, model, brand, url, source, removed, created_at, updated_at) VALUES ('BIZ-OLD', '127.0.0.1', 'BUSINESS_SYSTEM', '旧系统', 'x', 'y', ?, 'MANUAL', 0, NOW(3), NOW(3))",
        [`http://127.0.0.1:${elsewherePort}`],
      );
      const body = await refused('POST', '/app-monitoring/BIZ-OLD/probe', undefined, 400, '1003');
      expect(body.message).toContain(`端口 ${elsewherePort} 不在允许探测的端口清单中`);
      const overview = (await api('GET', '/app-monitoring')).body as { resourceId: string; probeRefused: string | null }[];
      expect(overview.find((o) => o.resourceId === 'BIZ-OLD')?.probeRefused).toContain(`端口 ${elsewherePort}`);
      expect(overview.find((o) => o.resourceId === 'BIZ-01')?.probeRefused).toBeNull();
      expect(elsewhereHits).toEqual([]);
      await env.query('ops_node', "DELETE FROM resource WHERE resource_id = 'BIZ-OLD'");
    });

    it('does not follow a redirect to elsewhere: the 302 is the answer', async () => {
      expect((await api('PUT', '/app-monitoring/BIZ-01', { path: '/moved' })).status).toBe(200);
      const r = await api('POST', '/app-monitoring/BIZ-01/probe');
      expect(r.status).toBe(200);
      expect(r.body).toEqual(expect.objectContaining({ httpStatus: 302 }));
      expect(elsewhereHits).toEqual([]);
      expect((await api('PUT', '/app-monitoring/BIZ-01', { path: '/health/live' })).status).toBe(200);
    });
  });

  describe('JSON bodies sized per route', () => {
    const raw = async (path: string, body: string) => {
      const res = await fetch(`${env.opsUrl}/ops/api${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await env.authFor(`${env.opsUrl}/ops/api/`)) },
        body,
      });
      return { status: res.status, code: ((await res.json()) as { code?: string }).code };
    };

    it('REST routes take 256 KiB, nested at most 32 levels; the bulk sample push takes its 10 000 samples', async () => {
      expect(await raw('/resources', JSON.stringify({ resourceId: 'NET-BIG', description: 'x'.repeat(300 * 1024) }))).toEqual({ status: 413, code: '1005' });
      expect(await raw('/resources', `{"a":${'['.repeat(40)}${']'.repeat(40)}}`)).toEqual({ status: 400, code: '1004' });
      const t0 = Date.now() - 3_600_000;
      const samples = Array.from({ length: 10_000 }, (_, i) => ({
        resourceId: 'NET-CORE-01',
        subResourceId: `NET-CORE-01:GE1/0/${i % 48}`,
        metric: 'if.in.octets',
        value: i * 1.5,
        unit: 'bps',
        sampledAt: new Date(t0 + i * 100).toISOString(),
      }));
      const body = JSON.stringify({ samples });
      expect(body.length).toBeGreaterThan(1024 * 1024); // over the old 1 MiB limit, under the route's 4 MiB
      const r = await fetch(`${env.opsUrl}/ops/api/samples`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await env.authFor(`${env.opsUrl}/ops/api/`)) },
        body,
      });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { stored: number }).stored).toBe(10_000);
    });
  });
});
