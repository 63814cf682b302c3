import { FRONT_DB_DDL_V1 } from '@app/front-db';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection, createPool, Pool } from 'mysql2/promise';
import { ClerkClient } from '../support/clerk-client';
import { DEFAULT_ID_NO } from '../support/identity-numbers';
import { CpuMeter } from './cpu-meter';
import { fmtMs, percentiles, Percentiles } from './percentiles';

/**
 * npm run bench (driven by scripts/bench.mjs, which starts MariaDB and both apps):
 *  (a) raw ceiling: durable transactions inserting one acceptance row + one shadow row, concurrency 16
 *  (b) dispatch: submitted → in the front DB → department notified (outbox NOTIFIED)
 *  (c) full lifecycle: dispatch + 受理 + 办结 callbacks taken by the platform
 *  (d) scan recovery: every notification lost in both directions; time until the scans finish the job
 */
const env = process.env;
const DB = { host: env.DB_HOST ?? '127.0.0.1', port: Number(env.DB_PORT ?? 3309), user: env.DB_USER ?? 'sim', password: env.DB_PASSWORD ?? 'sim' };
const PREFIX = env.DB_NAME_PREFIX ?? 'bench_';
const PLATFORM = env.PLATFORM_URL ?? 'http://127.0.0.1:7100';
const DEPT_SIM = env.DEPT_SIM_URL ?? 'http://127.0.0.1:7200';
const CONCURRENCY = 16;
const log = (l: string) => process.stdout.write(`[bench] ${l}\n`);

interface Phase {
  count: number;
  seconds: number;
  perSecond: number;
  latencyMs?: Percentiles;
  /** CPU ms per application (per transaction for the raw ceiling) of each process */
  cpuMsPerUnit?: Record<string, number>;
  /** CLOCK_MONOTONIC µs at the start and end of the timed span, to cut app CPU profiles (APP_NODE_ARGS=--cpu-prof) to it */
  monotonicUs?: [number, number];
  /** share of each process's CPU spent in the kernel */
  sysShare?: Record<string, number>;
  /** MariaDB work per application (all schemas): statements, handler rows written, index lookups, rows read through indexes and by scans, bytes received, commits, fsyncs */
  dbPerUnit?: Record<string, number>;
  topStatements?: Digest[];
}

const DB_COUNTERS: Record<string, string[]> = {
  statements: ['Questions'],
  rowsWritten: ['Handler_write', 'Handler_update', 'Handler_delete'],
  indexLookups: ['Handler_read_key'],
  indexRowsRead: ['Handler_read_first', 'Handler_read_next', 'Handler_read_prev'],
  scanRowsRead: ['Handler_read_rnd', 'Handler_read_rnd_next'],
  bytesIn: ['Bytes_received'],
  commits: ['Com_commit'],
  fsyncs: ['Innodb_data_fsyncs'],
};

async function dbStatus(pool: Pool): Promise<Record<string, number>> {
  const [rows] = await pool.query('SHOW GLOBAL STATUS');
  const all = new Map((rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, Number(r.Value)]));
  return Object.fromEntries(Object.entries(DB_COUNTERS).map(([k, names]) => [k, names.reduce((a, n) => a + (all.get(n) ?? 0), 0)]));
}

interface Digest {
  statement: string;
  calls: number;
  /** MariaDB's own time for these statements (includes waits: locks, fsync), ms per application */
  msPerUnit: number;
  rowsExaminedPerCall: number;
  sortRowsPerCall: number;
  noIndexUsed: number;
}

/** With BENCH_DB_DIGESTS=1 (performance schema on): the statements that took MariaDB the most time. */
async function topDigests(pool: Pool, units: number): Promise<Digest[]> {
  const [rows] = await pool.query(
    `SELECT DIGEST_TEXT AS t, COUNT_STAR AS c, SUM_TIMER_WAIT / 1e9 AS ms, SUM_ROWS_EXAMINED AS ex, SUM_SORT_ROWS AS so, SUM_NO_INDEX_USED AS ni
     FROM performance_schema.events_statements_summary_by_digest WHERE DIGEST_TEXT NOT LIKE '%performance_schema%' ORDER BY SUM_TIMER_WAIT DESC LIMIT 8`,
  );
  return (rows as { t: string | null; c: number; ms: number; ex: number; so: number; ni: number }[]).map((r) => ({
    statement: (r.t ?? '').replace(/\s+/g, ' ').slice(0, 110),
    calls: Number(r.c),
    msPerUnit: Math.round((Number(r.ms) / units) * 1000) / 1000,
    rowsExaminedPerCall: Math.round((Number(r.ex) / Math.max(1, Number(r.c))) * 10) / 10,
    sortRowsPerCall: Math.round((Number(r.so) / Math.max(1, Number(r.c))) * 10) / 10,
    noIndexUsed: Number(r.ni),
  }));
}

async function digestsOn(pool: Pool): Promise<boolean> {
  const [rows] = await pool.query('SELECT @@performance_schema AS on_');
  return Number((rows as { on_: number }[])[0].on_) === 1;
}

/** CPU of every process and MariaDB's counters over one phase. */
async function startProbe(pool: Pool): Promise<(units: number) => Promise<Pick<Phase, 'cpuMsPerUnit' | 'sysShare' | 'dbPerUnit' | 'topStatements'>>> {
  const digests = await digestsOn(pool);
  if (digests) await pool.query('TRUNCATE TABLE performance_schema.events_statements_summary_by_digest');
  const cpu0 = meter.snapshot();
  const db0 = await dbStatus(pool);
  return async (units) => {
    const cpu1 = meter.snapshot();
    const db1 = await dbStatus(pool);
    return {
      ...(digests ? { topStatements: await topDigests(pool, units) } : {}),
      cpuMsPerUnit: CpuMeter.perUnit(cpu0, cpu1, units),
      sysShare: CpuMeter.sysShare(cpu0, cpu1),
      // the probe's own two SHOW STATUS count as statements; negligible against hundreds of applications
      dbPerUnit: Object.fromEntries(Object.keys(db1).map((k) => [k, Math.round(((db1[k] - db0[k]) / units) * 100) / 100])),
    };
  };
}

const monoUs = (): number => Number(process.hrtime.bigint() / 1000n);

const meter = CpuMeter.fromEnv(env.BENCH_PIDS);
const cpuLine = (p: Phase) =>
  [
    p.cpuMsPerUnit
      ? `    CPU ms per unit: ${Object.entries(p.cpuMsPerUnit)
          .map(([k, v]) => `${k} ${v}${p.sysShare ? ` (${Math.round((p.sysShare[k] ?? 0) * 100)}% kernel)` : ''}`)
          .join(', ')}`
      : '',
    p.dbPerUnit
      ? `    MariaDB per unit: ${Object.entries(p.dbPerUnit)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`
      : '',
    ...(p.topStatements ?? []).map(
      (d) =>
        `      ${String(d.msPerUnit).padStart(6)} ms/unit ${String(d.calls).padStart(6)} calls  examined ${d.rowsExaminedPerCall}/call  sorted ${d.sortRowsPerCall}/call${d.noIndexUsed ? `  no index ${d.noIndexUsed}` : ''}  ${d.statement}`,
    ),
  ]
    .filter(Boolean)
    .join('\n');

async function rawCeiling(seconds: number): Promise<Phase> {
  const admin = await createConnection(DB);
  await admin.query(`DROP DATABASE IF EXISTS \`${PREFIX}raw\``);
  await admin.query(`CREATE DATABASE \`${PREFIX}raw\` CHARACTER SET utf8mb4`);
  await admin.end();
  const pool: Pool = createPool({ ...DB, database: `${PREFIX}raw`, connectionLimit: CONCURRENCY, timezone: '+08:00' });
  for (const stmt of FRONT_DB_DDL_V1.filter((s) => /CREATE TABLE (ex_acceptance|ex_shadow) /.test(s))) await pool.query(stmt);
  const form = JSON.stringify({ 申请事由: '基准测试', 字段: 'x'.repeat(200) });
  let n = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      const conn = await pool.getConnection();
      try {
        for (let i = 0; Date.now() < deadline; i++) {
          const applyNo = `RAW-20261122-${String(w).padStart(2, '0')}${String(i).padStart(8, '0')}`;
          await conn.beginTransaction();
          await conn.query(
            `INSERT INTO ex_acceptance (apply_no, version, item_code, item_name, dept_code, applicant_type, applicant_name, applicant_id_no, applicant_phone, form_data, accepted_by, accepted_at, correlation_id) VALUES (?,1,'AMR-001','企业设立登记','AMR','PERSON','张三',?,'13800000000',?, 'window01', NOW(3), 'bench')`,
            [applyNo, DEFAULT_ID_NO, form],
          );
          await conn.query(
            `INSERT INTO ex_shadow (apply_no, version, stage, event, fetched_at, operator, party, correlation_id) VALUES (?,1,'ACCEPTANCE','WRITTEN',NOW(3),'window01','PLATFORM','bench')`,
            [applyNo],
          );
          await conn.commit();
          n++;
        }
      } finally {
        conn.release();
      }
    }),
  );
  const secs = (Date.now() - started) / 1000;
  await pool.end();
  return { count: n, seconds: secs, perSecond: n / secs };
}

async function profile(patch: Record<string, number>): Promise<void> {
  const depts = (await (await fetch(`${DEPT_SIM}/sim/departments`)).json()) as { code: string }[];
  for (const d of depts) {
    const res = await fetch(`${DEPT_SIM}/sim/departments/${d.code}/profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${env.SIM_CONTROL_TOKEN ?? ''}` },
      body: JSON.stringify(patch),
    });
    if (res.status !== 200) throw new Error(`profile update failed: ${res.status} ${await res.text()}`);
  }
}

/** Registers and digitises n applications as drafts (not timed), spread over every item. */
async function prepare(clerk: ClerkClient, n: number): Promise<string[]> {
  const items = await clerk.request<{ code: string; materials: { code: string; required: boolean }[] }[]>('GET', '/api/v1/items');
  const out: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let k = next++; k < n; k = next++) {
        const item = items[k % items.length];
        const applyNo = await clerk.register(item.code, `基准${k}`);
        for (const m of item.materials.filter((x) => x.required)) await clerk.upload(applyNo, m.code, `${m.code}:${applyNo}`);
        out.push(applyNo);
      }
    }),
  );
  return out;
}

async function submitAll(clerk: ClerkClient, applyNos: string[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let k = next++; k < applyNos.length; k = next++) await clerk.submit(applyNos[k]);
    }),
  );
}

/** Polls a count through the primary/unique key (a full scan per poll would load MariaDB during the phase being measured). */
async function waitRows(platform: Pool, sql: string, params: unknown[], expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [rows] = await platform.query(sql, params);
    const n = Number((rows as { n: number }[])[0].n);
    if (n >= expected) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${n}/${expected} after ${timeoutMs} ms`);
    // the figures come from the rows' own timestamps, so polling rarely costs no precision, only MariaDB work inside the timed phase
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Throughput over the span from the first submission to the last completion, latency per application. */
async function measure(platform: Pool, applyNos: string[], endSql: string): Promise<Phase> {
  const [rows] = await platform.query(
    `SELECT o.apply_no, TIMESTAMPDIFF(MICROSECOND, o.created_at, e.t) / 1000 AS ms, o.created_at AS s, e.t AS e FROM dispatch_outbox o JOIN (${endSql}) e ON e.apply_no = o.apply_no WHERE o.version = 1 AND o.apply_no IN (?)`,
    [applyNos],
  );
  const list = rows as { ms: number; s: Date; e: Date }[];
  const first = Math.min(...list.map((r) => r.s.getTime()));
  const last = Math.max(...list.map((r) => r.e.getTime()));
  const seconds = (last - first) / 1000;
  return { count: list.length, seconds, perSecond: list.length / seconds, latencyMs: percentiles(list.map((r) => Number(r.ms))) };
}

/** `username:password` of an installation account (scripts/bench.mjs passes them). */
function credentials(spec: string | undefined): [string, string] {
  if (!spec) throw new Error('BENCH_CLERK / BENCH_APPROVER (username:password) are not set: run the bench through npm run bench');
  const i = spec.indexOf(':');
  return [spec.slice(0, i), spec.slice(i + 1)];
}

async function main(): Promise<void> {
  const n = Number(env.BENCH_APPLICATIONS ?? 2000);
  const rawSeconds = Number(env.BENCH_RAW_SECONDS ?? 10);
  const clerk = await ClerkClient.login(PLATFORM, ...credentials(env.BENCH_CLERK));
  const platform = createPool({ ...DB, database: `${PREFIX}ow_platform`, connectionLimit: 4, timezone: '+08:00' });

  log(`(a) raw ceiling: ${CONCURRENCY} connections inserting acceptance + shadow rows in durable transactions for ${rawSeconds} s…`);
  let probe = await startProbe(platform);
  const raw = await rawCeiling(rawSeconds);
  Object.assign(raw, await probe(raw.count));
  log(`    ${raw.perSecond.toFixed(0)} tx/s`);
  log(cpuLine(raw));

  const approver = await ClerkClient.login(PLATFORM, ...credentials(env.BENCH_APPROVER));
  const depts = ((await (await fetch(`${DEPT_SIM}/sim/departments`)).json()) as { code: string }[]).map((d) => d.code);

  // Both apps were just started: their first dispatches, notifications and callbacks run in V8's
  // interpreter and open clients and pools. One untimed round through the whole lifecycle first,
  // so the phases below measure the steady state.
  const warm = Number(env.BENCH_WARMUP ?? 200);
  if (warm > 0) {
    log(`warm-up (not timed): ${warm} applications through dispatch, 受理 and 办结…`);
    await profile({ acceptDelayMs: 0, concludeDelayMs: 0, supplementRate: 0, rejectRate: 0, callbackLossRate: 0, inboundDropRate: 0 });
    const setW = await prepare(clerk, warm);
    await submitAll(clerk, setW);
    await waitRows(
      platform,
      `SELECT COUNT(*) AS n FROM application FORCE INDEX (PRIMARY) WHERE state = 'CONCLUDED' AND apply_no IN (?)`,
      [setW],
      warm,
      300_000,
    );
  }
  await profile({ acceptDelayMs: 3_600_000, concludeDelayMs: 0, supplementRate: 0, rejectRate: 0, callbackLossRate: 0, inboundDropRate: 0 });

  log(`(b) dispatch pipeline: ${n} accepted applications held back (暂停分发), then released at once…`);
  const setB = await prepare(clerk, n);
  for (const d of depts) await approver.request('PUT', `/api/v1/ops/dispatch-holds/${d}`, { minutes: 30, reason: '基准测试积压' });
  await submitAll(clerk, setB);
  probe = await startProbe(platform);
  const monoB = monoUs();
  const released = Date.now();
  for (const d of depts) await approver.request('DELETE', `/api/v1/ops/dispatch-holds/${d}`, undefined, [204]);
  await waitRows(
    platform,
    `SELECT COUNT(*) AS n FROM dispatch_outbox FORCE INDEX (uk_outbox_version) WHERE state = 'NOTIFIED' AND apply_no IN (?)`,
    [setB],
    n,
    300_000,
  );
  const [drained] = await platform.query('SELECT notified_at AS t FROM dispatch_outbox WHERE apply_no IN (?) ORDER BY notified_at', [setB]);
  const times = (drained as { t: Date }[]).map((r) => r.t.getTime() - released);
  const dispatch: Phase = {
    count: n,
    seconds: times[times.length - 1] / 1000,
    perSecond: n / (times[times.length - 1] / 1000),
    latencyMs: percentiles(times),
    monotonicUs: [monoB, monoUs()],
    ...(await probe(n)),
  };
  log(`    ${dispatch.perSecond.toFixed(1)} applications/s, p50 ${fmtMs(dispatch.latencyMs!.p50)}, p99 ${fmtMs(dispatch.latencyMs!.p99)} after release`);
  log(cpuLine(dispatch));

  log(`(b') dispatch as a stream: ${n} applications submitted by ${CONCURRENCY} clerks, each dispatched as it arrives…`);
  const setB2 = await prepare(clerk, n);
  probe = await startProbe(platform);
  await submitAll(clerk, setB2);
  await waitRows(
    platform,
    `SELECT COUNT(*) AS n FROM dispatch_outbox FORCE INDEX (uk_outbox_version) WHERE state = 'NOTIFIED' AND apply_no IN (?)`,
    [setB2],
    n,
    300_000,
  );
  const stream = await measure(platform, setB2, 'SELECT apply_no, notified_at AS t FROM dispatch_outbox WHERE version = 1');
  Object.assign(stream, await probe(n));
  log(`    ${stream.perSecond.toFixed(1)} applications/s, p50 ${fmtMs(stream.latencyMs!.p50)}, p99 ${fmtMs(stream.latencyMs!.p99)} (submit → notified)`);
  log(cpuLine(stream));

  log(`(c) full lifecycle: ${n} accepted applications held back, released at once, through 受理 and 办结 with no processing delay…`);
  await profile({ acceptDelayMs: 0, concludeDelayMs: 0 });
  // (b)'s applications stay parked (their processing is due in an hour) and cost nothing here
  const setC = await prepare(clerk, n);
  for (const d of depts) await approver.request('PUT', `/api/v1/ops/dispatch-holds/${d}`, { minutes: 30, reason: '基准测试积压' });
  await submitAll(clerk, setC);
  probe = await startProbe(platform);
  const monoC = monoUs();
  const releasedC = Date.now();
  for (const d of depts) await approver.request('DELETE', `/api/v1/ops/dispatch-holds/${d}`, undefined, [204]);
  await waitRows(platform, `SELECT COUNT(*) AS n FROM application FORCE INDEX (PRIMARY) WHERE state = 'CONCLUDED' AND apply_no IN (?)`, [setC], n, 600_000);
  const [concluded] = await platform.query(`SELECT taken_at AS t FROM callback_inbox WHERE stage = 'CONCLUDE' AND apply_no IN (?) ORDER BY taken_at`, [setC]);
  const ctimes = (concluded as { t: Date }[]).map((r) => r.t.getTime() - releasedC);
  const lifecycle: Phase = {
    count: n,
    seconds: ctimes[ctimes.length - 1] / 1000,
    perSecond: n / (ctimes[ctimes.length - 1] / 1000),
    latencyMs: percentiles(ctimes),
    monotonicUs: [monoC, monoUs()],
    ...(await probe(n)),
  };
  log(`    ${lifecycle.perSecond.toFixed(1)} applications/s, p50 ${fmtMs(lifecycle.latencyMs!.p50)}, p99 ${fmtMs(lifecycle.latencyMs!.p99)} after release`);
  log(cpuLine(lifecycle));

  const m = Math.min(100, n);
  log(`(d) scan recovery: ${m} applications, every notification lost in both directions (scan ${env.SCAN_CRON}, lag ${env.SCAN_LAG_MS} ms)…`);
  await profile({ callbackLossRate: 1, inboundDropRate: 1 });
  const setD = await prepare(clerk, m);
  const t0 = Date.now();
  await submitAll(clerk, setD);
  await waitRows(platform, `SELECT COUNT(*) AS n FROM application FORCE INDEX (PRIMARY) WHERE state = 'CONCLUDED' AND apply_no IN (?)`, [setD], m, 600_000);
  const recovery = await measure(platform, setD, `SELECT apply_no, taken_at AS t FROM callback_inbox WHERE stage = 'CONCLUDE'`);
  const [viaScan] = await platform.query(`SELECT COUNT(*) AS n FROM callback_inbox WHERE via = 'SCAN' AND apply_no IN (?)`, [setD]);
  log(
    `    all ${m} concluded ${fmtMs(Date.now() - t0)} after the first submission; ${Number((viaScan as { n: number }[])[0].n)} callbacks taken by the platform scan; per-application p50 ${fmtMs(recovery.latencyMs!.p50)}`,
  );
  await platform.end();

  const result = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    rawCeiling: raw,
    dispatch,
    dispatchStream: stream,
    lifecycle,
    scanRecovery: { ...recovery, scanCron: env.SCAN_CRON, scanLagMs: Number(env.SCAN_LAG_MS) },
    ratios: { dispatchOverRaw: dispatch.perSecond / raw.perSecond, lifecycleOverRaw: lifecycle.perSecond / raw.perSecond },
    targets: { dispatchOverRaw: 0.6, lifecycleOverRaw: 0.15 },
  };
  const verdict = (v: number, t: number) => `${v.toFixed(3)} (target ≥ ${t}: ${v >= t ? 'met' : 'NOT met'})`;
  process.stdout.write(
    [
      '',
      '============================ exchange benchmark ============================',
      `  (a) raw ceiling            ${raw.perSecond.toFixed(0)} tx/s (acceptance + shadow row, ${CONCURRENCY} connections, durable commits)`,
      `  (b) dispatch pipeline      ${dispatch.perSecond.toFixed(1)} apps/s   p50 ${fmtMs(dispatch.latencyMs!.p50)}  p99 ${fmtMs(dispatch.latencyMs!.p99)}   (backlog of ${n} released at once)`,
      `  (b') dispatch stream       ${stream.perSecond.toFixed(1)} apps/s   p50 ${fmtMs(stream.latencyMs!.p50)}  p99 ${fmtMs(stream.latencyMs!.p99)}   (submit → notified, ${CONCURRENCY} clerks)`,
      `  (c) full lifecycle         ${lifecycle.perSecond.toFixed(1)} apps/s   p50 ${fmtMs(lifecycle.latencyMs!.p50)}  p99 ${fmtMs(lifecycle.latencyMs!.p99)}   (release → 办结 taken)`,
      `  CPU ms per application     ${['dispatch', 'stream', 'lifecycle']
        .map(
          (k, i) =>
            `${k}: ${Object.entries([dispatch, stream, lifecycle][i].cpuMsPerUnit ?? {})
              .map(([p, v]) => `${p} ${v}`)
              .join(' ')}`,
        )
        .join(' | ')}`,
      `  (d) scan recovery          ${m} apps, all notifications lost: p50 ${fmtMs(recovery.latencyMs!.p50)}  max ${fmtMs(recovery.latencyMs!.max)}`,
      `  (b)/(a)                    ${verdict(result.ratios.dispatchOverRaw, 0.6)}`,
      `  (c)/(a)                    ${verdict(result.ratios.lifecycleOverRaw, 0.15)}`,
      '=============================================================================',
      '',
    ].join('\n'),
  );
  if (env.BENCH_RESULT_FILE) {
    mkdirSync(dirname(env.BENCH_RESULT_FILE), { recursive: true });
    writeFileSync(env.BENCH_RESULT_FILE, JSON.stringify(result, null, 2));
    log(`results written to ${env.BENCH_RESULT_FILE}`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`[bench] failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
