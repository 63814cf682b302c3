import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { waitFor } from './support/env';
import { OpsEnv } from './support/ops-env';
import { ApiAlert, MonitoringClient, series } from './support/ops-monitoring';

jest.setTimeout(240_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * The ops node as a process: what needs the real app (HTTP, the session's account, a crash and
 * restart, the notifier's and sampler's timers, the probes' HTTP). The repository and use-case
 * behaviour underneath (rollup sums, hold durations, alert transitions, statistics) is in the
 * medium suite, test/ops-medium.e2e-spec.ts.
 */
describe('ops node monitoring: rollups, alerts, system log, application probes (real MariaDB)', () => {
  let env: OpsEnv;
  let api: MonitoringClient;
  let app: Server;
  let appDelayMs = 0;
  let appStatus = 200;

  const startOps = () =>
    env.startOps({
      ROLLUP_INTERVAL_MS: '0', // the tests drive the rollup job themselves
      RETENTION_INTERVAL_SECONDS: '0',
      ALERT_GROUP_WINDOW_SECONDS: '2',
      ALERT_NOTIFY_TICK_MS: '200',
      BUSINESS_SYSTEMS: `测试业务系统=http://127.0.0.1:${(app.address() as AddressInfo).port}`,
    });

  beforeAll(async () => {
    app = createServer((req, res) =>
      setTimeout(() => {
        res.statusCode = appStatus;
        res.end('ok');
      }, appDelayMs),
    );
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    env = await OpsEnv.create();
    api = new MonitoringClient(env);
    await startOps();
  });

  afterAll(async () => {
    await env?.close();
    app?.close();
  });

  const rawAgg = async (where: string, params: unknown[]) => {
    const [r] = await env.query<{ n: number; s: number; a: number; mn: number; mx: number }>(
      'ops_node',
      `SELECT COUNT(*) AS n, SUM(value) AS s, AVG(value) AS a, MIN(value) AS mn, MAX(value) AS mx FROM perf_sample WHERE ${where}`,
      params,
    );
    return { n: Number(r.n), s: Number(r.s), a: Number(r.a), mn: Number(r.mn), mx: Number(r.mx) };
  };

  it('a restart in the middle of an hour, a late sample and a forced recompute never double-count', async () => {
    const hour = Math.floor((Date.now() - 2 * DAY) / HOUR) * HOUR; // a whole hour two days ago
    const first = series('FW-01', 'sessions', hour, hour + 30 * MIN, 30_000, (i) => 1000 + i, '个');
    await api.push(first);
    await api.send('POST', '/performance/rollups/run', {});
    const rollup1h = async () =>
      (
        await env.query<{ n: string; s: number }>(
          'ops_node',
          "SELECT sample_count AS n, sum_value AS s FROM perf_rollup WHERE resolution = '1h' AND resource_id = 'FW-01' AND metric = 'sessions' AND bucket_start = ?",
          [new Date(hour)],
        )
      )[0];
    expect(Number((await rollup1h()).n)).toBe(60);

    await env.ops!.kill(); // no graceful shutdown
    await startOps();
    await api.push(series('FW-01', 'sessions', hour + 30 * MIN, hour + HOUR, 30_000, (i) => 2000 + i, '个'));
    await api.push([{ resourceId: 'FW-01', metric: 'sessions', value: 5, unit: '个', sampledAt: new Date(hour + 12 * MIN + 1234).toISOString() }]); // late
    await api.send('POST', '/performance/rollups/run', {});
    await api.send('POST', '/performance/rollups/run', {});
    await api.send('POST', '/performance/rollups/run', { from: new Date(hour).toISOString(), to: new Date(hour + HOUR).toISOString() });

    const raw = await rawAgg("resource_id = 'FW-01' AND metric = 'sessions' AND sampled_at >= ? AND sampled_at < ?", [new Date(hour), new Date(hour + HOUR)]);
    expect(raw.n).toBe(121);
    const r = await rollup1h();
    expect(Number(r.n)).toBe(121);
    expect(Number(r.s)).toBeCloseTo(raw.s, 6);
    const [d] = await env.query<{ n: string }>(
      'ops_node',
      "SELECT SUM(sample_count) AS n FROM perf_rollup WHERE resolution = '5m' AND resource_id = 'FW-01' AND metric = 'sessions' AND bucket_start >= ? AND bucket_start < ?",
      [new Date(hour), new Date(hour + HOUR)],
    );
    expect(Number(d.n)).toBe(121);
    const chart = await api.get<{ points: { count: number; avg: number }[] }>(
      `/performance/series?metric=sessions&resourceId=FW-01&resolution=1h&from=${new Date(hour).toISOString()}&to=${new Date(hour + HOUR).toISOString()}`,
    );
    expect(chart.points).toEqual([expect.objectContaining({ count: 121 })]);
    expect(chart.points[0].avg).toBeCloseTo(raw.a, 5); // the API rounds to 6 decimals: a half-unit off at most
  });

  it('alert lifecycle: firing, acknowledged, resolved, closed — each change in the system log, notices on firing and recovery', async () => {
    await api.createRule({
      name: '温度过高',
      metric: 'temperature',
      resourceId: 'NET-ACC-01',
      comparator: '>=',
      threshold: 70,
      recoveryThreshold: 60,
      forSeconds: 0,
      severity: 'MAJOR',
    });
    const fired = await api.push([{ resourceId: 'NET-ACC-01', metric: 'temperature', value: 75, unit: '℃' }]);
    expect(fired.fired).toHaveLength(1);
    const id = fired.fired[0];
    await api.push([{ resourceId: 'NET-ACC-01', metric: 'temperature', value: 65, unit: '℃' }]); // inside the hysteresis band: still firing
    expect((await api.alerts('resourceId=NET-ACC-01'))[0]).toEqual(expect.objectContaining({ alertId: id, status: 'FIRING' }));
    await api.send('POST', `/alerts/${id}/ack`, { comment: '已安排现场检查' });
    const resolved = await api.push([{ resourceId: 'NET-ACC-01', metric: 'temperature', value: 50, unit: '℃' }]);
    expect(resolved.resolved).toEqual([id]);
    await api.send('POST', `/alerts/${id}/close`, {});
    const detail = await api.get<{ status: string; history: { event: string; actor: string | null }[] }>(`/alerts/${id}`);
    expect(detail.status).toBe('CLOSED');
    expect(detail.history.map((h) => h.event)).toEqual(['ALERT_FIRING', 'ALERT_ACKNOWLEDGED', 'ALERT_RESOLVED', 'ALERT_CLOSED']);
    expect(detail.history[1].actor).toBe('opsadmin'); // the session's account
    // firing and recovery within one grouping window may share a notice; each is told exactly once
    const events = await waitFor(
      'the firing and the recovery notice',
      async () => {
        const e = (await api.notices()).flatMap((n) => n.alerts.filter((a) => a.alertId === id).map((a) => a.event));
        return e.length >= 2 ? e : undefined;
      },
      10_000,
    );
    expect(events.sort()).toEqual(['FIRING', 'RESOLVED']);
    // the alert as the city gets it (ALERT report reads ops_alert)
    const [row] = await env.query<{ status: string; resolved_at: Date | null }>('ops_node', 'SELECT status, resolved_at FROM ops_alert WHERE alert_id = ?', [
      id,
    ]);
    expect(row.status).toBe('CLOSED');
    expect(row.resolved_at).not.toBeNull();
  });

  it('groups port alerts raised within the window into one notice', async () => {
    const ports = ['GE1/0/1', 'GE1/0/2', 'GE1/0/3'].map((p) => `NET-ACC-01:${p}`);
    const fired: string[] = [];
    for (const p of ports) fired.push(...(await api.push([{ resourceId: 'NET-ACC-01', subResourceId: p, metric: 'if.status', value: 0 }])).fired);
    expect(fired).toHaveLength(3);
    const notice = await waitFor(
      'one notice with the three port alerts',
      async () => (await api.notices()).find((n) => fired.every((id) => n.alerts.some((a) => a.alertId === id))),
      10_000,
    );
    expect(notice.alerts.filter((a) => fired.includes(a.alertId))).toHaveLength(3);
    expect(notice.groupKey).toBe('resource:NET-ACC-01');
  });

  it('a silence holds notices back until it ends; topology suppresses the ports and the hosts behind a device that is down', async () => {
    const silence = await api.send<{ id: number }>('POST', '/alert-silences', { resourceId: 'FW-01', minutes: 30, reason: '防火墙策略调整' });
    const fw = (
      await api.push([
        { resourceId: 'FW-01', metric: 'cpu.usage', value: 99, sampledAt: new Date(Date.now() - 5 * MIN).toISOString() },
        { resourceId: 'FW-01', metric: 'cpu.usage', value: 99 },
      ])
    ).fired;
    expect(fw).toHaveLength(1);
    expect((await api.alerts('resourceId=FW-01'))[0]).toEqual(expect.objectContaining({ silencedBy: silence.id, notifyCount: 0 }));

    await api.send('PUT', '/topology/parents/MW-NODE-01', { parentResourceId: 'NET-CORE-01' });
    const down = await api.push([{ resourceId: 'NET-CORE-01', metric: 'device.up', value: 0 }]);
    expect(down.fired).toHaveLength(1);
    const echoes = await api.push([
      { resourceId: 'NET-CORE-01', subResourceId: 'NET-CORE-01:10GE1/0/9', metric: 'if.status', value: 0 },
      { resourceId: 'MW-NODE-01', subResourceId: 'MW-NODE-01:host', metric: 'disk.usage', value: 97 },
    ]);
    expect(echoes.fired).toHaveLength(2);
    const suppressed = (await api.alerts()).filter((a: ApiAlert) => echoes.fired.includes(a.alertId));
    expect(suppressed.map((a) => a.suppressedBy)).toEqual(['NET-CORE-01', 'NET-CORE-01']);

    await new Promise((r) => setTimeout(r, 3000)); // past the grouping window
    const notices = await api.notices();
    const notified = new Set(notices.flatMap((n) => n.alerts.map((a) => a.alertId)));
    expect(notified.has(down.fired[0])).toBe(true); // the outage itself is told
    for (const id of [...fw, ...echoes.fired]) expect(notified.has(id)).toBe(false);

    // the silence ends early: the held alert is notified now
    await api.send('DELETE', `/alert-silences/${silence.id}`);
    await waitFor('the held firewall alert to be notified', async () => (await api.notices()).some((n) => n.alerts.some((a) => a.alertId === fw[0])), 10_000);
  });

  it('application monitoring colours a business system green, yellow and red against its own latency threshold', async () => {
    const [sys] = await api.get<{ resourceId: string }[]>('/app-monitoring');
    await api.send('PUT', `/app-monitoring/${sys.resourceId}`, { slowMs: 150, timeoutMs: 1000, intervalSeconds: 5 });
    const probe = () => api.send<{ state: string; latencyMs: number | null }>('POST', `/app-monitoring/${sys.resourceId}/probe`);
    appDelayMs = 0;
    expect((await probe()).state).toBe('UP');
    appDelayMs = 300;
    expect((await probe()).state).toBe('SLOW');
    appDelayMs = 3000;
    expect((await probe()).state).toBe('DOWN'); // timed out
    appDelayMs = 0;
    appStatus = 404; // a fast answer, but not the probe path's: down (it showed 正常 before)
    expect(await probe()).toEqual(expect.objectContaining({ state: 'DOWN', httpStatus: 404 }));
    appStatus = 302; // a redirect is an answer
    expect((await probe()).state).toBe('UP');
    appStatus = 404;
    expect((await probe()).state).toBe('DOWN');
    appStatus = 200;
    const [view] = await api.get<{ colour: string; stateLabel: string; availability24h: number }[]>('/app-monitoring');
    expect(view).toEqual(expect.objectContaining({ colour: 'red', stateLabel: '中断' }));
    const history = await api.get<{ state: string }[]>(`/app-monitoring/${sys.resourceId}/history`);
    expect(history.slice(0, 6).map((h) => h.state)).toEqual(['DOWN', 'UP', 'DOWN', 'DOWN', 'SLOW', 'UP']);
    const states = await api.log(`category=APP_PROBE&resourceId=${sys.resourceId}&event=APP_STATE_CHANGED`);
    expect(states.length).toBeGreaterThanOrEqual(2);
    expect((await api.alerts(`resourceId=${sys.resourceId}`)).some((a) => a.metric === 'http.up')).toBe(true);
  });

  it('retention deletes old data in batches, and its runs are visible through the API', async () => {
    const old = new Date(Date.now() - 20 * DAY);
    await env.query('ops_node', 'INSERT INTO perf_sample (resource_id, sub_resource_id, metric, value, unit, sampled_at) VALUES ?', [
      Array.from({ length: 50 }, (_, i) => ['LB-01', '', 'old.metric', i, '', old]),
    ]);
    const before = await rawAgg('sampled_at < ?', [new Date(Date.now() - 9 * DAY)]);
    expect(before.n).toBeGreaterThanOrEqual(50);
    // notification records older than the system log's keep period: a finished escalation goes, a running one stays
    const ancient = new Date(Date.now() - 400 * DAY);
    await env.query(
      'ops_node',
      'INSERT INTO notify_escalation (alert_id, policy, severity, status, step, due_at, version, state, created_at, updated_at) VALUES ?',
      [
        [
          ['RET-DONE', 'default', 'critical', 'resolved', 2, null, 3, '{}', ancient, ancient],
          ['RET-RUNNING', 'default', 'critical', 'active', 1, new Date(), 2, '{}', ancient, ancient],
        ],
      ],
    );
    await env.query(
      'ops_node',
      'INSERT INTO notify_attempt (alert_id, notice_seq, notice_kind, step, recipient_id, channel, recipient, attempt_no, status, attempted_at, updated_at) VALUES ?',
      [[['RET-DONE', 1, 'FIRING', 0, 'A1', 'mail', 'a1@example.cn', 1, 'delivered', ancient, ancient]]],
    );
    const run = await api.send<{ status: string; rowsAffected: number }>('POST', '/performance/retention/run');
    expect(run.status).toBe('OK');
    expect(run.rowsAffected).toBeGreaterThanOrEqual(before.n);
    expect((await rawAgg('sampled_at < ?', [new Date(Date.now() - 9 * DAY)])).n).toBe(0);
    expect(
      (await env.query<{ alert_id: string }>('ops_node', "SELECT alert_id FROM notify_escalation WHERE alert_id LIKE 'RET-%'")).map((r) => r.alert_id),
    ).toEqual(['RET-RUNNING']);
    expect(await env.query('ops_node', "SELECT id FROM notify_attempt WHERE alert_id = 'RET-DONE'")).toEqual([]);
    const jobs = await api.get<{ retention: { healthy: boolean; lastRun: { status: string } } }>('/performance/jobs');
    expect(jobs.retention).toEqual(expect.objectContaining({ healthy: true, lastRun: expect.objectContaining({ status: 'OK' }) }));
  });

  it('an operator-set sampling interval takes effect without a restart', async () => {
    await env.ops!.stop();
    await env.startOps({ SAMPLE_INTERVAL_SECONDS: '600', SAMPLER_TICK_MS: '200', ROLLUP_INTERVAL_MS: '0', RETENTION_INTERVAL_SECONDS: '0' });
    await api.send('PUT', '/performance/intervals', { resourceId: 'NET-CORE-01', metric: 'mem.usage', intervalSeconds: 1 });
    const since = new Date();
    await new Promise((r) => setTimeout(r, 4500));
    const count = async (metric: string) =>
      Number(
        (
          await env.query<{ n: string }>(
            'ops_node',
            "SELECT COUNT(*) AS n FROM perf_sample WHERE resource_id = 'NET-CORE-01' AND metric = ? AND inserted_at >= ?",
            [metric, since],
          )
        )[0].n,
      );
    expect(await count('mem.usage')).toBeGreaterThanOrEqual(3);
    expect(await count('cpu.usage')).toBeLessThanOrEqual(1); // still on the 600 s default
    const settings = await api.get<{ defaultSeconds: number; settings: { resourceId: string; metric: string; intervalSeconds: number }[] }>(
      '/performance/intervals',
    );
    expect(settings.defaultSeconds).toBe(600);
    expect(settings.settings).toEqual([expect.objectContaining({ resourceId: 'NET-CORE-01', metric: 'mem.usage', intervalSeconds: 1 })]);
  });
});
