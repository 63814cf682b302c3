import { SystemClock, validateConfig } from '@app/common';
import { ensureDatabase } from '@app/front-db';
import { AlertSeverity, ResourceClass } from '@app/ops-contract';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertEngineService } from '../../apps/ops-node/src/alerting/alert-engine.service';
import { AlertEvents } from '../../apps/ops-node/src/alerting/alert-events';
import { AlertRuleRepository } from '../../apps/ops-node/src/alerting/alert-rule.repository';
import { EvalSample } from '../../apps/ops-node/src/alerting/rule-engine';
import { SilenceRepository } from '../../apps/ops-node/src/alerting/silence.repository';
import { TopologyRepository } from '../../apps/ops-node/src/alerting/topology.repository';
import { OpsNodeConfig } from '../../apps/ops-node/src/config/ops-node.config';
import { OPS_NODE_MIGRATIONS } from '../../apps/ops-node/src/database/migrations';
import { UnitOfWork } from '../../apps/ops-node/src/database/unit-of-work';
import { InventoryRepository } from '../../apps/ops-node/src/inventory/inventory.repository';
import { AlertRepository } from '../../apps/ops-node/src/alerting/alert.repository';
import { IngestService } from '../../apps/ops-node/src/monitoring/performance/ingest.service';
import { JobRunRepository } from '../../apps/ops-node/src/monitoring/performance/job-run.repository';
import { RollupRepository } from '../../apps/ops-node/src/monitoring/performance/rollup.repository';
import { RollupService } from '../../apps/ops-node/src/monitoring/performance/rollup.service';
import { percentiles } from './percentiles';

export interface IngestBenchOptions {
  db?: { host: string; port: number; user: string; password: string };
  /** schema to create (if missing), migrate and fill; the caller drops it */
  database: string;
  seconds?: number;
  devices?: number;
  portsPerDevice?: number;
  batchSize?: number;
  concurrency?: number;
  rollupEveryMs?: number;
}

export interface IngestBenchResult {
  samplesPerSec: number;
  alertEvalP50Ms: number;
  alertEvalP99Ms: number;
  alertEvalMaxMs: number;
  alertsMeasured: number;
  storeBatchP50Ms: number;
  storeBatchP99Ms: number;
  samples: number;
  seconds: number;
  series: number;
  batchSize: number;
  concurrency: number;
  rollupRuns: number;
  rollupBuckets: number;
  rollupRunP50Ms: number;
  rollupRunMaxMs: number;
}

/**
 * Sustained metric ingestion of the ops node's real pipeline (IngestService: perf_sample insert +
 * dirty-bucket mark in one transaction, then the alert rules), with the rollup job running every
 * second over the open buckets too (more work than production, which rolls up closed buckets only).
 * Alert evaluation latency: a trigger series inside the load toggles a zero-hold CRITICAL rule on
 * every batch; the time from its batch being committed to the alert (or recovery) being committed.
 */
export async function runIngestBench(log: (line: string) => void, opts: IngestBenchOptions): Promise<IngestBenchResult> {
  const db = opts.db ?? {
    host: process.env.DB_HOST ?? '127.0.0.1',
    port: Number(process.env.DB_PORT ?? 3309),
    user: process.env.DB_USER ?? 'sim',
    password: process.env.DB_PASSWORD ?? 'sim',
  };
  const seconds = opts.seconds ?? 20;
  const devices = opts.devices ?? 100;
  const ports = opts.portsPerDevice ?? 10;
  const batchSize = opts.batchSize ?? 1000;
  const concurrency = opts.concurrency ?? 2;
  await ensureDatabase({ ...db, database: opts.database });
  // one "alert raised" log line per transition would swamp the figures
  Logger.overrideLogger(['error']);
  const ds = new DataSource({
    type: 'mysql',
    host: db.host,
    port: db.port,
    username: db.user,
    password: db.password,
    database: opts.database,
    timezone: '+08:00',
    charset: 'utf8mb4_unicode_ci',
    poolSize: 8,
    entities: [],
    migrations: OPS_NODE_MIGRATIONS,
    migrationsTableName: 'ops_migrations',
    synchronize: false,
    logging: false,
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const config = validateConfig(OpsNodeConfig, { ALERT_GROUP_BY: 'resource' });
    const clock = new SystemClock();
    const uow = new UnitOfWork(ds);
    const inventory = uow.autocommit.get(InventoryRepository);
    const now = new Date();
    const ids = Array.from({ length: devices }, (_, i) => `BENCH-NET-${String(i + 1).padStart(4, '0')}`);
    await inventory.upsertResources(
      [...ids, 'BENCH-TRIGGER'].map((id, i) => ({
        resourceId: id,
        resourceIp: `10.99.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        resourceClass: ResourceClass.NETWORK_DEVICE,
        name: id,
        model: 'bench',
        brand: 'bench',
      })),
      'DISCOVERED',
      now,
    );
    const rules = uow.autocommit.get(AlertRuleRepository);
    await rules.create(
      {
        name: '基准触发',
        kind: 'STATE',
        metric: 'bench.trigger',
        resourceClass: null,
        resourceId: 'BENCH-TRIGGER',
        comparator: '>=',
        threshold: 1,
        recoveryThreshold: null,
        forSeconds: 0,
        severity: AlertSeverity.CRITICAL,
        repeatIntervalSeconds: 0,
        marksDown: false,
        enabled: true,
      },
      now,
    );
    const alerts = uow.autocommit.get(AlertRepository);
    const engine = new AlertEngineService(
      uow,
      rules,
      alerts,
      uow.autocommit.get(SilenceRepository),
      uow.autocommit.get(TopologyRepository),
      new AlertEvents(),
      inventory,
      config,
      clock,
    );
    const ingest = new IngestService(uow, engine, config, clock);
    const rollup = new RollupService(uow, uow.autocommit.get(RollupRepository), uow.autocommit.get(JobRunRepository), config, clock);

    // the series: per device cpu and memory, per port status and both directions of traffic
    const series: { resourceId: string; subResourceId: string; metric: string; unit: string }[] = [];
    for (const id of ids) {
      series.push({ resourceId: id, subResourceId: '', metric: 'cpu.usage', unit: '%' }, { resourceId: id, subResourceId: '', metric: 'mem.usage', unit: '%' });
      for (let p = 1; p <= ports; p++)
        for (const m of ['if.status', 'if.in.bps', 'if.out.bps'])
          series.push({ resourceId: id, subResourceId: `${id}:GE1/0/${p}`, metric: m, unit: m === 'if.status' ? '' : 'bps' });
    }
    log(`ingest: ${series.length} series, batches of ${batchSize}, ${concurrency} writers, rollup every ${opts.rollupEveryMs ?? 1000} ms, ${seconds} s`);

    let cursor = 0;
    let trigger = 0;
    const nextBatch = (): EvalSample[] => {
      const at = new Date();
      const out: EvalSample[] = [];
      for (let i = 0; i < batchSize - 1; i++) {
        const s = series[cursor++ % series.length];
        const v = s.metric === 'if.status' ? 1 : s.metric.endsWith('bps') ? Math.round(Math.random() * 1e9) : Math.round(Math.random() * 8000) / 100; // never crosses the default rules
        out.push({ ...s, value: v, sampledAt: at });
      }
      out.push({ resourceId: 'BENCH-TRIGGER', subResourceId: '', metric: 'bench.trigger', value: trigger++ % 2, unit: '', sampledAt: at });
      return out;
    };

    const storeMs: number[] = [];
    const evalMs: number[] = [];
    const rollupMs: number[] = [];
    let samples = 0;
    let rollupBuckets = 0;
    const started = Date.now();
    const deadline = started + seconds * 1000;
    const writers = Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const r = await ingest.ingest(nextBatch());
        samples += r.stored;
        storeMs.push(r.storeMs);
        if (r.fired.length || r.resolved.length) evalMs.push(r.evalMs);
      }
    });
    const roller = (async () => {
      while (Date.now() < deadline) {
        const t = performance.now();
        rollupBuckets += (await rollup.run({ includeOpen: true })).buckets;
        rollupMs.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, opts.rollupEveryMs ?? 1000));
      }
    })();
    await Promise.all([...writers, roller]);
    const elapsed = (Date.now() - started) / 1000;

    const ev = percentiles(evalMs);
    const st = percentiles(storeMs);
    const ro = percentiles(rollupMs);
    const result: IngestBenchResult = {
      samplesPerSec: Math.round(samples / elapsed),
      alertEvalP50Ms: round(ev.p50),
      alertEvalP99Ms: round(ev.p99),
      alertEvalMaxMs: round(ev.max),
      alertsMeasured: ev.n,
      storeBatchP50Ms: round(st.p50),
      storeBatchP99Ms: round(st.p99),
      samples,
      seconds: round(elapsed),
      series: series.length,
      batchSize,
      concurrency,
      rollupRuns: ro.n,
      rollupBuckets,
      rollupRunP50Ms: round(ro.p50),
      rollupRunMaxMs: round(ro.max),
    };
    log(
      `ingest: ${result.samplesPerSec} samples/s stored (${samples} in ${result.seconds} s; batch store p50 ${result.storeBatchP50Ms} ms, p99 ${result.storeBatchP99Ms} ms)`,
    );
    log(
      `ingest: alert evaluation, batch stored → alert committed: p50 ${result.alertEvalP50Ms} ms, p99 ${result.alertEvalP99Ms} ms, max ${result.alertEvalMaxMs} ms over ${ev.n} transitions`,
    );
    log(`ingest: rollups alongside: ${ro.n} runs, ${rollupBuckets} bucket computations, run p50 ${result.rollupRunP50Ms} ms, max ${result.rollupRunMaxMs} ms`);
    return result;
  } finally {
    Logger.overrideLogger(['log', 'error', 'warn']);
    await ds.destroy();
  }
}

const round = (v: number) => Math.round(v * 10) / 10;
