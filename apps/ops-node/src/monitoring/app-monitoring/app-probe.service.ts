import { AppError, Clock, ReturnCode, ScheduledTick, scheduleEvery } from '@app/common';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EvalSample } from '../../alerting';
import { OpsNodeConfig } from '../../config/ops-node.config';
import { IngestService } from '../performance/ingest.service';
import { SystemLogRepository } from '../../system-log';
import { AppProbeRepository, ProbeSettings, ProbeTarget } from './app-probe.repository';
import { assertProbeable, nodeProbePolicy, checkProbeUrl, ProbePolicy, probeUrl } from '../../shared/probe-policy';
import { classifyProbe, expectedStatuses, PROBE_STATE_VIEW, ProbeState } from './probe-state';

const DAY = 86_400_000;
const TICK_MS = 1000;

/**
 * Application monitoring (应用监控): each business system is probed on its own interval over HTTP
 * (status, latency), coloured up / slow / down against its latency threshold, kept as history, and
 * fed to the alert rules as http.up, http.latency, http.status and http.state samples.
 */
@Injectable()
export class AppProbeService implements OnApplicationShutdown {
  private readonly logger = new Logger('AppProbe');
  private readonly lastAt = new Map<string, number>();
  private readonly lastState = new Map<string, ProbeState>();
  private readonly inflight = new Set<string>();
  private task?: ScheduledTick;
  private ticking?: Promise<void>;
  private readonly refusedLogged = new Set<string>();
  /** which URLs a probe may call (SSRF guard): allow-listed schemes, hosts and ports only */
  readonly policy: ProbePolicy;
  /** which answers count as up (APP_PROBE_UP_STATUSES, default 2xx and 3xx) */
  private readonly upStatus: (status: number) => boolean;

  constructor(
    private readonly repo: AppProbeRepository,
    private readonly ingest: IngestService,
    private readonly log: SystemLogRepository,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {
    this.policy = nodeProbePolicy(config);
    this.upStatus = expectedStatuses(config.APP_PROBE_UP_STATUSES);
  }

  /**
   * Refuses a business-system URL (and probe path) the probes may not call: 1003 naming the field,
   * with the reason in Chinese. Used when a probe is asked for and when a probe path is set (inventory
   * applies the same shared check itself when a resource is registered).
   */
  assertProbeable(baseUrl: string, path: string, field: 'url' | 'path'): void {
    assertProbeable(this.policy, baseUrl, path, field);
  }

  get defaults(): Required<ProbeSettings> {
    return {
      intervalSeconds: this.config.APP_PROBE_INTERVAL_SECONDS,
      slowMs: this.config.APP_PROBE_SLOW_MS,
      timeoutMs: this.config.APP_PROBE_TIMEOUT_MS,
      path: this.config.APP_PROBE_PATH,
      enabled: true,
    };
  }

  start(): void {
    if (this.config.defaultSampleIntervalSeconds <= 0 || this.task) return;
    this.task = scheduleEvery(TICK_MS, 'app-probe', () => this.tick());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
    await this.ticking;
  }

  private tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    const p = (async () => {
      try {
        const now = Date.now();
        const due = (await this.repo.targets(this.defaults)).filter(
          (t) => t.enabled && !this.inflight.has(t.resourceId) && now - (this.lastAt.get(t.resourceId) ?? 0) >= t.intervalSeconds * 1000 - TICK_MS / 2,
        );
        // each probe runs on its own; a slow system does not hold back the others' schedule
        for (const t of due.filter((x) => this.allowedOrLogged(x)))
          void this.probe(t).catch((err: Error) => this.logger.error({ msg: 'probe failed', resourceId: t.resourceId, err: err.message }));
      } catch (err) {
        this.logger.error({ msg: 'probe tick failed', err: (err as Error).message });
      }
    })().finally(() => {
      if (this.ticking === p) this.ticking = undefined;
    });
    this.ticking = p;
    return p;
  }

  private refusal(t: ProbeTarget): string | null {
    const check = checkProbeUrl(probeUrl(t.url, t.path), this.policy);
    return check.ok ? null : check.reason;
  }

  /** A target whose URL the policy refuses is never requested; the refusal is logged once per URL. */
  private allowedOrLogged(t: ProbeTarget): boolean {
    const reason = this.refusal(t);
    if (reason === null) return true;
    const key = `${t.resourceId} ${t.url}${t.path}`;
    if (!this.refusedLogged.has(key)) {
      this.refusedLogged.add(key);
      this.logger.warn({ msg: 'probe target refused by the probe policy', resourceId: t.resourceId, url: t.url, path: t.path, reason });
    }
    return false;
  }

  async probeAll(): Promise<{ samples: number; raised: string[] }> {
    const results = await Promise.all((await this.repo.targets(this.defaults)).filter((t) => t.enabled && this.allowedOrLogged(t)).map((t) => this.probe(t)));
    return { samples: results.reduce((n, r) => n + r.samples, 0), raised: results.flatMap((r) => r.raised) };
  }

  async probeOne(resourceId: string) {
    const t = (await this.repo.targets(this.defaults)).find((x) => x.resourceId === resourceId);
    if (!t) throw AppError.notFound(`业务系统 ${resourceId} 不存在或没有登记URL`);
    this.assertProbeable(t.url, t.path, 'url');
    return this.probe(t);
  }

  private async probe(t: ProbeTarget): Promise<{ state: ProbeState; httpStatus: number | null; latencyMs: number | null; samples: number; raised: string[] }> {
    this.inflight.add(t.resourceId);
    try {
      const checkedAt = this.clock.now();
      this.lastAt.set(t.resourceId, Date.now());
      const started = performance.now();
      let httpStatus: number | null = null;
      let error: string | null = null;
      try {
        const target = checkProbeUrl(probeUrl(t.url, t.path), this.policy);
        if (!target.ok) throw new AppError(ReturnCode.BAD_PARAMETER, `资源URL不允许探测：${target.reason}`, { field: 'url' });
        // never follow a redirect: a 3xx is the answer, wherever it points
        const res = await fetch(target.url, { signal: AbortSignal.timeout(t.timeoutMs), redirect: 'manual' });
        httpStatus = res.status;
        await res.body?.cancel();
      } catch (err) {
        error =
          (err as Error).name === 'TimeoutError' ? `超时（${t.timeoutMs} ms）` : ((err as Error & { cause?: Error }).cause?.message ?? (err as Error).message);
      }
      const latencyMs = httpStatus === null ? null : Math.round((performance.now() - started) * 10) / 10;
      const state = classifyProbe({ httpStatus, latencyMs }, t.slowMs, this.upStatus);
      await this.repo.record({ resourceId: t.resourceId, checkedAt, state, httpStatus, latencyMs, error });
      const samples: EvalSample[] = [
        { resourceId: t.resourceId, subResourceId: '', metric: 'http.up', value: state === 'DOWN' ? 0 : 1, unit: '', sampledAt: checkedAt },
        { resourceId: t.resourceId, subResourceId: '', metric: 'http.state', value: PROBE_STATE_VIEW[state].code, unit: '', sampledAt: checkedAt },
        { resourceId: t.resourceId, subResourceId: '', metric: 'http.status', value: httpStatus ?? 0, unit: '', sampledAt: checkedAt },
        ...(latencyMs !== null
          ? [{ resourceId: t.resourceId, subResourceId: '', metric: 'http.latency', value: latencyMs, unit: 'ms', sampledAt: checkedAt }]
          : []),
      ];
      const r = await this.ingest.ingest(samples);
      const before = this.lastState.get(t.resourceId);
      this.lastState.set(t.resourceId, state);
      if (before !== undefined && before !== state) {
        await this.log.write(
          [
            {
              level: state === 'DOWN' ? 'ERROR' : state === 'SLOW' ? 'WARN' : 'INFO',
              category: 'APP_PROBE',
              event: 'APP_STATE_CHANGED',
              resourceId: t.resourceId,
              message: `业务系统「${t.name}」状态由${PROBE_STATE_VIEW[before].label}变为${PROBE_STATE_VIEW[state].label}${error ? `：${error}` : latencyMs !== null ? `（响应 ${latencyMs} ms）` : ''}`,
              detail: { from: before, to: state, httpStatus, latencyMs },
            },
          ],
          checkedAt,
        );
      }
      return { state, httpStatus, latencyMs, samples: samples.length, raised: r.fired };
    } finally {
      this.inflight.delete(t.resourceId);
    }
  }

  async overview() {
    const now = this.clock.now();
    const stats = await this.repo.overview(new Date(now.getTime() - DAY));
    return (await this.repo.targets(this.defaults)).map((t) => {
      const s = stats.get(t.resourceId);
      const state = (s?.last?.state as ProbeState | undefined) ?? null;
      return {
        resourceId: t.resourceId,
        name: t.name,
        url: t.url,
        state,
        stateLabel: state ? PROBE_STATE_VIEW[state].label : '未检测',
        colour: state ? PROBE_STATE_VIEW[state].colour : 'grey',
        httpStatus: s?.last?.http_status ?? null,
        latencyMs: s?.last?.latency_ms ?? null,
        error: s?.last?.error ?? null,
        checkedAt: s?.last?.checked_at ?? null,
        availability24h: s && s.probes ? Math.round((s.available / s.probes) * 10_000) / 100 : null,
        probes24h: s?.probes ?? 0,
        settings: { intervalSeconds: t.intervalSeconds, slowMs: t.slowMs, timeoutMs: t.timeoutMs, path: t.path, enabled: t.enabled, customised: t.customised },
        /** why the probes do not call this system (its URL is outside PROBE_ALLOWED_HOSTS/PORTS), null when they do */
        probeRefused: this.refusal(t),
      };
    });
  }

  async configure(resourceId: string, patch: ProbeSettings) {
    const t = (await this.repo.targets(this.defaults)).find((x) => x.resourceId === resourceId);
    if (!t) throw AppError.notFound(`业务系统 ${resourceId} 不存在或没有登记URL`);
    const next: Required<ProbeSettings> = {
      intervalSeconds: patch.intervalSeconds ?? t.intervalSeconds,
      slowMs: patch.slowMs ?? t.slowMs,
      timeoutMs: patch.timeoutMs ?? t.timeoutMs,
      path: patch.path ?? t.path,
      enabled: patch.enabled ?? t.enabled,
    };
    if (patch.path !== undefined) this.assertProbeable(t.url, next.path, 'path');
    const now = this.clock.now();
    await this.repo.save(resourceId, next, now);
    await this.log.write(
      [
        {
          level: 'INFO',
          category: 'APP_PROBE',
          event: 'APP_PROBE_CONFIGURED',
          resourceId,
          message: `业务系统「${t.name}」监测设置已修改：间隔 ${next.intervalSeconds} 秒，缓慢阈值 ${next.slowMs} ms`,
          detail: { ...next },
        },
      ],
      now,
    );
    return { resourceId, ...next };
  }

  history(resourceId: string, from: Date | undefined, to: Date | undefined, limit: number) {
    return this.repo.history(resourceId, from, to, limit);
  }
}
