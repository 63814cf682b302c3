import { Clock } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OpsNodeConfig } from '../config/ops-node.config';
import { DeviceSimulator, MetricSample } from '../inventory/discovery/device-simulator';
import { businessSystemId, DB_RESOURCE_ID, HOST_RESOURCE_ID } from '../inventory/discovery/discovery.service';
import { HostProbe } from '../inventory/discovery/host-probe';
import { InventoryRepository } from '../inventory/inventory.repository';
import { evaluate } from './alert-evaluator';
import { AlertRepository } from './alert.repository';
import { SampleRepository } from './sample.repository';

/**
 * One sampling round: devices (simulated), the host (OS), the database (status counters) and the
 * business systems (HTTP probe); stored, then checked against the operators' thresholds.
 */
@Injectable()
export class SamplerService {
  private readonly logger = new Logger('Sampler');
  private lastQuestions?: { n: number; at: number };
  totals = { rounds: 0, samples: 0, alertsRaised: 0 };

  constructor(
    private readonly ds: DataSource,
    private readonly config: OpsNodeConfig,
    private readonly devices: DeviceSimulator,
    private readonly host: HostProbe,
    private readonly samples: SampleRepository,
    private readonly alerts: AlertRepository,
    private readonly inventory: InventoryRepository,
    private readonly clock: Clock,
  ) {}

  async round(): Promise<{ samples: number; raised: string[] }> {
    const now = this.clock.now();
    const batch: MetricSample[] = [...this.devices.sample(now)];
    for (const h of this.host.sample()) batch.push({ resourceId: HOST_RESOURCE_ID, subResourceId: `${HOST_RESOURCE_ID}:host`, ...h });
    batch.push(...(await this.databaseSamples()));
    batch.push(...(await this.probeBusinessSystems()));
    await this.samples.insert(batch, now);
    const decisions = evaluate(batch, await this.alerts.listThresholds(true), await this.inventory.resourceClassOf(), await this.alerts.openAlerts());
    const raised = await this.alerts.apply(decisions, now);
    this.totals.rounds++;
    this.totals.samples += batch.length;
    this.totals.alertsRaised += raised.length;
    if (raised.length) this.logger.warn({ msg: '告警 raised', alerts: raised });
    return { samples: batch.length, raised };
  }

  private async databaseSamples(): Promise<MetricSample[]> {
    const rows = (await this.ds.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_connected','Questions')")) as { Variable_name: string; Value: string }[];
    const v = Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
    const out: MetricSample[] = [{ resourceId: DB_RESOURCE_ID, subResourceId: '', metric: 'db.threads_connected', value: v.Threads_connected ?? 0, unit: '个' }];
    const at = Date.now();
    if (this.lastQuestions && at > this.lastQuestions.at) out.push({ resourceId: DB_RESOURCE_ID, subResourceId: '', metric: 'db.qps', value: Math.round(((v.Questions - this.lastQuestions.n) * 1000) / (at - this.lastQuestions.at)), unit: '次/秒' });
    this.lastQuestions = { n: v.Questions ?? 0, at };
    return out;
  }

  private async probeBusinessSystems(): Promise<MetricSample[]> {
    const systems = this.config.businessSystems();
    return (
      await Promise.all(
        systems.map(async (s, i) => {
          const id = businessSystemId(i);
          const started = performance.now();
          const up = await fetch(`${s.url.replace(/\/$/, '')}/health/live`, { signal: AbortSignal.timeout(3000) }).then(
            (r) => r.status < 500,
            () => false,
          );
          const ms = Math.round((performance.now() - started) * 10) / 10;
          return [
            { resourceId: id, subResourceId: '', metric: 'http.up', value: up ? 1 : 0, unit: '' },
            ...(up ? [{ resourceId: id, subResourceId: '', metric: 'http.latency', value: ms, unit: 'ms' }] : []),
          ];
        }),
      )
    ).flat();
  }
}
