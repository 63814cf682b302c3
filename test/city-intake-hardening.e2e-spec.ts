import { ReportCategory, ReportMode, wireTimestamp } from '@app/ops-contract';
import { CityEnv, keys, NODE_CODE, sample, sealReport } from './support/city-env';

jest.setTimeout(180_000);

type Row = Record<string, unknown>;

interface CategoryHealth {
  category: string;
  failing: boolean;
  lastRefusalCode: string | null;
  lastReportAt: string | null;
}

/** Outside-attacker findings against the city's report intake, each with its regression test. */
describe('city intake hardening (real app, real MariaDB)', () => {
  let env: CityEnv;

  beforeAll(async () => {
    env = await CityEnv.create();
    await env.start();
  });

  afterAll(async () => env?.close());

  const health = async (category: ReportCategory): Promise<CategoryHealth> => {
    const h = await env.get<{ nodes: { nodeCode: string; lastRefusalCode: string | null; categories: CategoryHealth[] }[] }>('/city/api/reporting-health');
    return h.nodes.find((n) => n.nodeCode === NODE_CODE)!.categories.find((c) => c.category === category)!;
  };

  describe('an unknown top-level field of a report', () => {
    it('is refused with 3011 naming the field, and nothing is stored', async () => {
      const plaintext = (extra: Record<string, unknown>) =>
        Buffer.from(
          JSON.stringify({
            nodeCode: NODE_CODE,
            category: 'ALERT',
            mode: 'INCREMENTAL',
            generatedAt: wireTimestamp(new Date()),
            items: [sample.alert('A-EXTRA')],
            ...extra,
          }),
          'utf8',
        );
      for (const extra of [{ remark: '附加字段' }, { itemz: [] }, { operator: { name: 'x' } }]) {
        const r = await env.submit(sealReport({ category: ReportCategory.ALERT, items: [], plaintext: plaintext(extra) }));
        const field = Object.keys(extra)[0];
        expect({ status: r.status, code: r.body.code }).toEqual({ status: 422, code: '3011' });
        expect(r.body.details).toEqual({ violations: [{ path: field, problem: 'unknown', detail: `未定义的字段 ${field}` }] });
      }
      const [sql] = [await env.sql()];
      const [rows] = await sql.query(`SELECT COUNT(*) AS n FROM ${env.db('city_supervisor')}.city_report`);
      expect(Number((rows as { n: number }[])[0].n)).toBe(0);
      expect((await env.get<Row[]>(`/city/api/alerts?nodeCode=${NODE_CODE}`)).map((a) => a.alertId)).not.toContain('A-EXTRA');
      // the same report without the field is stored
      expect((await env.submit(sealReport({ category: ReportCategory.ALERT, items: [], plaintext: plaintext({}) }))).body.code).toBe('0000');
    });
  });

  describe('reporting health belongs to messages whose signature verified', () => {
    it('unsigned, forged, stale or malformed requests claiming the node do not mark it failing', async () => {
      expect((await env.submit(sealReport({ category: ReportCategory.RESOURCE, items: [sample.resource('R-OK')] }))).body.code).toBe('0000');
      expect(await health(ReportCategory.RESOURCE)).toMatchObject({ failing: false, lastRefusalCode: null });
      const nodeHealth = async () =>
        (
          await env.get<{ nodes: { nodeCode: string; lastRefusalCode: string | null; lastRefusalAt: string | null }[] }>('/city/api/reporting-health')
        ).nodes.find((n) => n.nodeCode === NODE_CODE)!;
      const before = await nodeHealth();

      const good = () => sealReport({ category: ReportCategory.RESOURCE, items: [sample.resource('R-OK')] });
      const { signature: _s, ...unsigned } = good();
      const attacks: [unknown, string][] = [
        [unsigned, '1002'],
        [{ ...good(), signature: 'AAAA' }, '3005'],
        [sealReport({ category: ReportCategory.RESOURCE, items: [sample.resource('R-X')], signer: keys.stranger }), '3005'],
        [{ ...good(), mode: ReportMode.FULL }, '3005'], // a signed field changed
        [sealReport({ category: ReportCategory.RESOURCE, items: [sample.resource('R-X')], now: new Date(Date.now() - 3_600_000) }), '3003'],
        [{ ...good(), nonce: 'zz' }, '3002'],
        [{ ...good(), payloadDigest: 42 }, '3001'],
      ];
      for (const [body, code] of attacks) expect((await env.submit(body)).body.code).toBe(code);

      // all recorded, with the node they claimed, none verified; the node's health is untouched
      const refusals = await env.get<Row[]>(`/city/api/refusals?nodeCode=${NODE_CODE}`);
      expect(refusals.slice(0, attacks.length).map((r) => [r.code, r.senderVerified])).toEqual(attacks.map(([, c]) => [c, false]).reverse());
      expect(await health(ReportCategory.RESOURCE)).toMatchObject({ failing: false, lastRefusalCode: null });
      expect(await nodeHealth()).toEqual(before); // still the ALERT refusals of the test above, the node's own
    });

    it("a refusal after the signature verified is the node's own and marks it failing", async () => {
      const m = sealReport({ category: ReportCategory.RESOURCE, items: [sample.resource('R-BAD', { resourceIp: '999.1.1.1' })] });
      expect((await env.submit(m)).body.code).toBe('3011');
      expect(await health(ReportCategory.RESOURCE)).toMatchObject({ failing: true, lastRefusalCode: '3011' });
      const [last] = await env.get<Row[]>(`/city/api/refusals?nodeCode=${NODE_CODE}&limit=1`);
      expect(last).toMatchObject({ code: '3011', senderVerified: true });
      // the next good report clears it
      expect((await env.submit(sealReport({ category: ReportCategory.RESOURCE, items: [sample.resource('R-OK')] }))).body.code).toBe('0000');
      expect(await health(ReportCategory.RESOURCE)).toMatchObject({ failing: false });
    });
  });

  describe('body limits and nesting: the liveness probe keeps answering', () => {
    const MiB = 1024 * 1024;

    /** Sends one hostile body and probes /health/live every 25 ms until it is answered. */
    async function underAttack(
      path: string,
      body: string | Buffer,
    ): Promise<{ status: number; code: string | undefined; probes: number; slowestProbeMs: number; ms: number }> {
      const t0 = Date.now();
      let done = false;
      // REST routes as the city monitor (the body limit applies before the session check anyway)
      const auth = path.startsWith('/city/api/ops/') ? {} : await env.auth();
      const reply = fetch(`${env.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body })
        .then(async (r) => ({ status: r.status, code: ((await r.json().catch(() => ({}))) as { code?: string }).code }))
        .finally(() => (done = true));
      const latencies: number[] = [];
      while (!done) {
        const p0 = Date.now();
        const live = await fetch(`${env.url}/health/live`, { signal: AbortSignal.timeout(30_000) });
        expect(live.status).toBe(200);
        latencies.push(Date.now() - p0);
        await new Promise((r) => setTimeout(r, 25));
      }
      return { ...(await reply), probes: latencies.length, slowestProbeMs: Math.max(0, ...latencies), ms: Date.now() - t0 };
    }

    const nested = (bytes: number) => '['.repeat(bytes / 2) + ']'.repeat(bytes / 2);
    const work = (extra: Record<string, unknown>) =>
      JSON.stringify({
        nodeCode: NODE_CODE,
        subject: '链路中断',
        content: '请核查',
        businessType: '网络故障',
        opsLevel: 2,
        originContact: '张伟',
        originPhone: '0371-12345678',
        ...extra,
      });

    it('a 13 MiB body to a REST route is refused with 1005 at the REST limit (256 KiB)', async () => {
      const r = await underAttack('/city/api/work-orders', work({ content: 'x'.repeat(13 * MiB) }));
      expect([r.status, r.code]).toEqual([413, '1005']);
      expect(r.slowestProbeMs).toBeLessThan(500);
      // the most a REST route parses: ~200 KB of 20 000 small objects, refused by the validation (unknown field)
      const wide = await underAttack('/city/api/work-orders', work({ attachments: Array.from({ length: 20_000 }, (_, i) => ({ i })) }));
      expect([wide.status, wide.code]).toEqual([400, '1003']);
      expect(wide.slowestProbeMs).toBeLessThan(500);
    });

    it('1 MiB of [[[[ to the report intake is refused with 1004 before any JSON.parse', async () => {
      const r = await underAttack('/city/api/ops/secure-messages', nested(MiB));
      expect([r.status, r.code]).toEqual([400, '1004']);
      expect(r.slowestProbeMs).toBeLessThan(500);
      const rest = await underAttack('/city/api/work-orders', nested(200 * 1024));
      expect([rest.status, rest.code]).toEqual([400, '1004']);
    });

    it('a 13 MiB report (within the intake limit) is handled without stalling: refused at its signature', async () => {
      const m = sealReport({ category: ReportCategory.RESOURCE, items: [sample.resource('R-BIG')] });
      const r = await underAttack('/city/api/ops/secure-messages', JSON.stringify({ ...m, payload: 'A'.repeat(13 * MiB), signature: 'AAAA' }));
      expect([r.status, r.code]).toEqual([401, '3005']);
      expect(r.slowestProbeMs).toBeLessThan(500);
      // 13 MiB of numbers (millions of values to build) or of members: refused from the raw bytes, never parsed
      const unsigned = JSON.stringify({ ...m, signature: 'AAAA' }).slice(0, -1);
      const numbers = await underAttack('/city/api/ops/secure-messages', `${unsigned},"extra":[${'1,'.repeat(6.5 * MiB)}1]}`);
      expect([numbers.status, numbers.code]).toEqual([400, '1004']);
      expect(numbers.slowestProbeMs).toBeLessThan(500);
      const members = await underAttack('/city/api/ops/secure-messages', `${unsigned},${Array.from({ length: 700_000 }, (_, i) => `"k${i}":1`).join(',')}}`);
      expect([members.status, members.code]).toEqual([400, '1004']);
      expect(members.slowestProbeMs).toBeLessThan(500);
      const over = await underAttack('/city/api/ops/secure-messages', JSON.stringify({ ...m, payload: 'A'.repeat(17 * MiB) }));
      expect([over.status, over.code]).toEqual([413, '1005']);
    });
  });
});
