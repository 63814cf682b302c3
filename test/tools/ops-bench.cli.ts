import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { CpuMeter } from './cpu-meter';
import { fmtMs, percentiles } from './percentiles';

/**
 * Ops stage of npm run bench (scripts/bench.mjs starts the city and the ops node with schedules off):
 * end-to-end reports/s (queued at the node → decrypted, validated and stored at the city) of FULL
 * resource reports of a 100-resource inventory, with the payload encryption BENCH_LABEL names.
 */
const env = process.env;
const OPS = env.OPS_URL ?? 'http://127.0.0.1:7340';
const DB = { host: env.DB_HOST ?? '127.0.0.1', port: Number(env.DB_PORT ?? 3309), user: env.DB_USER ?? 'sim', password: env.DB_PASSWORD ?? 'sim' };
const PREFIX = env.DB_NAME_PREFIX ?? 'bench_';
const N = Number(env.BENCH_OPS_REPORTS ?? 200);
const LABEL = env.BENCH_LABEL ?? 'SM2';
const log = (l: string) => process.stdout.write(`[bench] ${l}\n`);

/** Reports per second the node needs at its default schedules (every category every interval, worst case). */
const NEEDED_PER_SEC = 6 / 600 + 120 / 3600 + 360 / 3600 + 240 / 3600 + 1 / 3600;

let auth: Record<string, string> = {};

async function login(): Promise<void> {
  const spec = env.BENCH_OPS_ACCOUNT ?? '';
  const i = spec.indexOf(':');
  const res = await fetch(`${OPS}/ops/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: spec.slice(0, i), password: spec.slice(i + 1) }),
  });
  if (!res.ok) throw new Error(`login (BENCH_OPS_ACCOUNT) failed: ${res.status} ${await res.text()}`);
  auth = { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
}

async function post<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${OPS}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

async function main(): Promise<void> {
  await login();
  const resources = (await (await fetch(`${OPS}/ops/api/resources`, { headers: auth })).json()) as unknown[];
  for (let i = resources.length; i < 100; i++) {
    await post('/ops/api/resources', {
      resourceId: `BENCH-SW-${String(i).padStart(3, '0')}`,
      resourceIp: `10.41.${8 + Math.floor(i / 250)}.${(i % 250) + 1}`,
      resourceClass: 'NETWORK_DEVICE',
      name: `楼层接入交换机 ${i}`,
      model: 'S5735-L48T4X',
      brand: '华为',
      assetNo: `ZC-2026-${i}`,
      description: '基准测试用资源',
    });
  }
  const total = ((await (await fetch(`${OPS}/ops/api/resources`, { headers: auth })).json()) as unknown[]).length;
  log(`(ops/${LABEL}) inventory of ${total} resources; ${N} full resource reports, queued at once, sent in order…`);
  const city = await createConnection({ ...DB, database: `${PREFIX}city_supervisor` });
  const node = await createConnection({ ...DB, database: `${PREFIX}ops_node` });
  const meter = CpuMeter.fromEnv(env.BENCH_PIDS);
  const ids: string[] = [];
  const cpu0 = meter.snapshot();
  const t0 = Date.now();
  for (let i = 0; i < N; i++) ids.push(...(await post<{ messages: string[] }>('/ops/api/reporting/RESOURCE/run?mode=FULL')).messages);
  const queuedMs = Date.now() - t0;
  for (;;) {
    const [rows] = await city.query('SELECT COUNT(*) AS n FROM city_report WHERE message_id IN (?)', [ids]);
    const n = Number((rows as { n: number }[])[0].n);
    if (n >= ids.length) break;
    if (Date.now() - t0 > 600_000) throw new Error(`only ${n}/${ids.length} reports stored after 10 min`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (Date.now() - t0) / 1000;
  const cpu = CpuMeter.perUnit(cpu0, meter.snapshot(), ids.length);
  const [lat] = await node.query(
    'SELECT TIMESTAMPDIFF(MICROSECOND, created_at, sent_at) / 1000 AS ms, LENGTH(payload) AS bytes FROM report_outbox WHERE message_id IN (?)',
    [ids],
  );
  const latency = percentiles((lat as { ms: number }[]).map((r) => Number(r.ms)));
  const bytes = Math.round((lat as { bytes: number }[]).reduce((s, r) => s + Number(r.bytes), 0) / ids.length);
  await city.end();
  await node.end();
  const perSecond = ids.length / seconds;
  const result = {
    label: LABEL,
    resources: total,
    reports: ids.length,
    payloadBytes: bytes,
    seconds,
    perSecond,
    queueMs: queuedMs,
    latencyMs: latency,
    cpuMsPerReport: cpu,
    neededPerSecond: NEEDED_PER_SEC,
    headroom: perSecond / NEEDED_PER_SEC,
  };
  process.stdout.write(
    [
      '',
      `===================== ops node → city reporting (${LABEL}) =====================`,
      `  full resource report      ${total} resources, ${(bytes / 1024).toFixed(1)} KiB plaintext JSON`,
      `  end to end                ${perSecond.toFixed(1)} reports/s stored at the city (${ids.length} in ${seconds.toFixed(1)} s, one category in order)`,
      `  queued → acknowledged     p50 ${fmtMs(latency.p50)}  p90 ${fmtMs(latency.p90)}  max ${fmtMs(latency.max)} (includes waiting behind the earlier reports)`,
      `  CPU ms per report         ${Object.entries(cpu)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      `  node needs at most        ${NEEDED_PER_SEC.toFixed(2)} reports/s at the default schedules → headroom ×${result.headroom.toFixed(0)} (${result.headroom >= 10 ? 'reporting is not the bottleneck' : 'TIGHT'})`,
      '==============================================================================',
      '',
    ].join('\n'),
  );
  if (env.BENCH_RESULT_FILE) {
    mkdirSync(dirname(env.BENCH_RESULT_FILE), { recursive: true });
    const prev = existsSync(env.BENCH_RESULT_FILE) ? (JSON.parse(readFileSync(env.BENCH_RESULT_FILE, 'utf8')) as Record<string, unknown>) : {};
    writeFileSync(env.BENCH_RESULT_FILE, JSON.stringify({ ...prev, [LABEL]: result }, null, 2));
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[bench] ops stage failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
