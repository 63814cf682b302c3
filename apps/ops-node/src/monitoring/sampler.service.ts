import { AppError, Clock, ReturnCode, ScheduledTick, scheduleEvery } from '@app/common';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EvalSample } from '../alerting';
import { AppProbeService } from './app-monitoring/app-probe.service';
import { OpsNodeConfig } from '../config/ops-node.config';
import { DeviceSimulator, MetricSample } from '../inventory';
import { DB_RESOURCE_ID, HOST_RESOURCE_ID } from '../inventory';
import { DatabaseServerRepository, HostProbe, InventoryRepository } from '../inventory';
import { SampleRepository } from './sample.repository';
import { IngestService } from './performance/ingest.service';
import { RetentionService } from './performance/retention.service';
import { RollupRepository } from './performance/rollup.repository';
import { SamplingIntervalRepository } from './performance/sampling-interval.repository';
import { DueTracker, IntervalSetting, IntervalTable } from './performance/sampling-intervals';

const COLLECTORS = ['devices', 'host', 'database', 'self'] as const;
type Collector = (typeof COLLECTORS)[number];
const INTERVAL_RELOAD_MS = 30_000;

/**
 * Performance sampling (性能采集) on the operators' intervals: a scheduler ticks every
 * SAMPLER_TICK_MS, and each collector (simulated devices, the host, the database, the node's own
 * jobs) runs when one of its series is due; only the due series are kept. Interval changes made
 * through the API apply from the next tick, no restart.
 */
@Injectable()
export class SamplerService implements OnApplicationShutdown {
  private readonly logger = new Logger('Sampler');
  private lastQuestions?: { n: number; at: number };
  private table: IntervalTable;
  private tableAt = 0;
  private readonly due = new DueTracker();
  private readonly keysOf = new Map<Collector, { resourceId: string; metric: string }[]>();
  private task?: ScheduledTick;
  private ticking?: Promise<void>;
  totals = { rounds: 0, ticks: 0, samples: 0, alertsRaised: 0, errors: 0 };

  constructor(
    private readonly server: DatabaseServerRepository,
    private readonly config: OpsNodeConfig,
    private readonly devices: DeviceSimulator,
    private readonly host: HostProbe,
    private readonly ingest: IngestService,
    private readonly intervals: SamplingIntervalRepository,
    private readonly apps: AppProbeService,
    private readonly retention: RetentionService,
    private readonly rollups: RollupRepository,
    private readonly inventory: InventoryRepository,
    private readonly samples: SampleRepository,
    private readonly clock: Clock,
  ) {
    this.table = new IntervalTable(config.defaultSampleIntervalSeconds, []);
  }

  /** Starts the scheduler (unless scheduled collection is off). */
  start(): void {
    if (this.config.defaultSampleIntervalSeconds <= 0 || this.task) return;
    this.task = scheduleEvery(this.config.SAMPLER_TICK_MS, 'sampler', () => this.tick());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
    await this.ticking;
  }

  async reloadIntervals(): Promise<IntervalTable> {
    this.table = new IntervalTable(this.config.defaultSampleIntervalSeconds || this.config.SAMPLE_INTERVAL_SECONDS, await this.intervals.list());
    this.tableAt = Date.now();
    return this.table;
  }

  async setInterval(s: IntervalSetting): Promise<void> {
    await this.assertKnownSeries(s.resourceId, s.metric);
    await this.intervals.upsert(s, this.clock.now());
    await this.reloadIntervals();
  }

  async clearInterval(resourceId: string, metric: string): Promise<boolean> {
    const ok = await this.intervals.delete(resourceId, metric);
    await this.reloadIntervals();
    return ok;
  }

  /**
   * Refuses an interval (or anything keyed by resource and metric) for a resource not in the inventory
   * (2001) or a metric nobody collects (1003): the metrics of the node's own collectors and the
   * application probes, or a metric already sampled (an external collector's, pushed at least once).
   */
  async assertKnownSeries(resourceId: string, metric: string): Promise<void> {
    if (resourceId && !(await this.inventory.existingIds([resourceId])).has(resourceId))
      throw AppError.notFound(`资源 ${resourceId} 不存在（不在资源信息中）`, { field: 'resourceId' });
    if (metric && !this.collectedMetrics().has(metric) && !(await this.samples.hasMetric(metric)))
      throw new AppError(ReturnCode.BAD_PARAMETER, `指标 ${metric} 不存在：本节点不采集该指标，也没有收到过它的样本`, { field: 'metric' });
  }

  /** The metrics the node's own collectors and probes produce. */
  collectedMetrics(): Set<string> {
    return new Set([...this.devices.metricNames(), ...HOST_METRICS, ...DB_METRICS, ...SELF_METRICS, ...APP_PROBE_METRICS]);
  }

  intervalOf(resourceId: string, metric: string): number {
    return this.table.intervalOf(resourceId, metric);
  }

  /** One scheduler tick: the collectors with something due. Ticks never overlap. */
  tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    // cleared in .finally (always after the assignment below), even when a tick has nothing to await
    const p = (async () => {
      try {
        if (Date.now() - this.tableAt > INTERVAL_RELOAD_MS) await this.reloadIntervals();
        const now = this.clock.now();
        const nowMs = now.getTime();
        const tickMs = this.config.SAMPLER_TICK_MS;
        const batch: EvalSample[] = [];
        for (const c of COLLECTORS) {
          if (!this.due.anyDue(this.table, this.keysOf.get(c), nowMs, tickMs)) continue;
          const got = await this.collect(c, now);
          this.keysOf.set(c, uniquePairs(got));
          const dueNow = new Set(
            uniquePairs(got)
              .filter((k) => this.due.isDue(this.table, k.resourceId, k.metric, nowMs, tickMs))
              .map((k) => `${k.resourceId}|${k.metric}`),
          );
          for (const k of dueNow) this.due.mark(k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1), nowMs);
          batch.push(...got.filter((s) => dueNow.has(`${s.resourceId}|${s.metric}`)));
        }
        this.totals.ticks++;
        if (batch.length) await this.store(batch);
      } catch (err) {
        this.totals.errors++;
        this.logger.error({ msg: 'sampling tick failed', err: (err as Error).message });
      }
    })().finally(() => {
      if (this.ticking === p) this.ticking = undefined;
    });
    this.ticking = p;
    return p;
  }

  /** Collects everything now, whatever the intervals (operators' "采集一次", tests), business systems included. */
  async round(): Promise<{ samples: number; raised: string[] }> {
    const now = this.clock.now();
    const batch: EvalSample[] = [];
    for (const c of COLLECTORS) batch.push(...(await this.collect(c, now)));
    const raised = await this.store(batch);
    const probes = await this.apps.probeAll();
    this.totals.rounds++;
    return { samples: batch.length + probes.samples, raised: [...raised, ...probes.raised] };
  }

  private async store(batch: EvalSample[]): Promise<string[]> {
    const r = await this.ingest.ingest(batch);
    this.totals.samples += r.stored;
    this.totals.alertsRaised += r.fired.length;
    return r.fired;
  }

  private async collect(c: Collector, now: Date): Promise<EvalSample[]> {
    const at = (list: MetricSample[]) => list.map((s) => ({ ...s, sampledAt: now }));
    switch (c) {
      case 'devices':
        return at(this.devices.sample(now));
      case 'host':
        return at(this.host.sample().map((h) => ({ resourceId: HOST_RESOURCE_ID, subResourceId: `${HOST_RESOURCE_ID}:host`, ...h })));
      case 'database':
        return at(await this.databaseSamples());
      case 'self':
        return at(await this.selfSamples(now));
    }
  }

  private async databaseSamples(): Promise<MetricSample[]> {
    const v = await this.server.connectionAndQueryCounters();
    const out: MetricSample[] = [
      { resourceId: DB_RESOURCE_ID, subResourceId: '', metric: 'db.threads_connected', value: v.Threads_connected ?? 0, unit: '个' },
    ];
    const at = Date.now();
    if (this.lastQuestions && at > this.lastQuestions.at)
      out.push({
        resourceId: DB_RESOURCE_ID,
        subResourceId: '',
        metric: 'db.qps',
        value: Math.round(((v.Questions - this.lastQuestions.n) * 1000) / (at - this.lastQuestions.at)),
        unit: '次/秒',
      });
    this.lastQuestions = { n: v.Questions ?? 0, at };
    return out;
  }

  /** The node watching itself: is retention keeping up, how far behind are the rollups. Rules alert on these like on any metric. */
  private async selfSamples(now: Date): Promise<MetricSample[]> {
    const retention = await this.retention.status();
    const horizon = await this.rollups.horizon(now);
    return [
      { resourceId: HOST_RESOURCE_ID, subResourceId: '', metric: 'job.retention.ok', value: retention.healthy ? 1 : 0, unit: '' },
      {
        resourceId: HOST_RESOURCE_ID,
        subResourceId: '',
        metric: 'job.rollup.lag_seconds',
        value: Math.max(0, Math.round((now.getTime() - horizon.getTime()) / 1000)),
        unit: 's',
      },
    ];
  }
}

const HOST_METRICS = ['cpu.usage', 'mem.usage', 'load1', 'disk.usage', 'net.rx.bps', 'net.tx.bps'];
const DB_METRICS = ['db.threads_connected', 'db.qps'];
const SELF_METRICS = ['job.retention.ok', 'job.rollup.lag_seconds'];
const APP_PROBE_METRICS = ['http.up', 'http.state', 'http.status', 'http.latency'];

function uniquePairs(samples: EvalSample[]): { resourceId: string; metric: string }[] {
  const seen = new Map<string, { resourceId: string; metric: string }>();
  for (const s of samples) seen.set(`${s.resourceId}|${s.metric}`, { resourceId: s.resourceId, metric: s.metric });
  return [...seen.values()];
}
