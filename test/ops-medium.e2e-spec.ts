import { AppError, Repositories, ReturnCode } from '@app/common';
import { AlertSeverity, ReportCategory, ResourceClass, WorkOrderStatus } from '@app/ops-contract';
import { EntityManager } from 'typeorm';
import { Principal, Role } from '@app/accounts';
import { AlertEngineService } from '../apps/ops-node/src/alerting/alert-engine.service';
import { AlertingController } from '../apps/ops-node/src/alerting/alerting.controller';
import { MonitoringController } from '../apps/ops-node/src/monitoring/monitoring.controller';
import { AlertRepository } from '../apps/ops-node/src/alerting/alert.repository';
import { AlertStatsRepository } from '../apps/ops-node/src/alerting/alert-stats.repository';
import { TopologyRepository } from '../apps/ops-node/src/alerting/topology.repository';
import { RuleInput } from '../apps/ops-node/src/alerting/alert-rule.repository';
import { EvalSample } from '../apps/ops-node/src/alerting/rule-engine';
import { DeviceSimulator } from '../apps/ops-node/src/inventory/discovery/device-simulator';
import { InventoryRepository } from '../apps/ops-node/src/inventory/inventory.repository';
import { IngestService } from '../apps/ops-node/src/monitoring/performance/ingest.service';
import { PerformanceQueryService } from '../apps/ops-node/src/monitoring/performance/performance-query.service';
import { RollupRepository } from '../apps/ops-node/src/monitoring/performance/rollup.repository';
import { RollupService } from '../apps/ops-node/src/monitoring/performance/rollup.service';
import { SamplerService } from '../apps/ops-node/src/monitoring/sampler.service';
import { NodeInfoService } from '../apps/ops-node/src/node-info/node-info.service';
import { OnCallRepository } from '../apps/ops-node/src/notifications/on-call.repository';
import { COMMIT_LAG_MS, ReportItemsCollector } from '../apps/ops-node/src/reporting/report-items.collector';
import { SystemLogRepository } from '../apps/ops-node/src/system-log/system-log.repository';
import { CreateWorkOrderDto, WorkOrderActionDto } from '../apps/ops-node/src/work-orders/work-order.dto';
import { WorkOrderRepository } from '../apps/ops-node/src/work-orders/work-order.repository';
import { WorkOrderService } from '../apps/ops-node/src/work-orders/work-order.service';
import { OpsMedium } from './support/ops-medium';

jest.setTimeout(240_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A repository of the test's own table: the kit binds any class that takes the unit's EntityManager. */
class ProbeRepository {
  constructor(private readonly db: EntityManager) {}

  async bump(id: number): Promise<void> {
    await this.db.query('UPDATE uow_probe SET n = n + 1 WHERE id = ?', [id]);
  }

  async n(id: number): Promise<number> {
    const [r] = (await this.db.query('SELECT n FROM uow_probe WHERE id = ?', [id])) as { n: number }[];
    return Number(r.n);
  }
}

/** The unit's own EntityManager, taken the way a repository takes it. */
class UnitManager {
  constructor(readonly em: EntityManager) {}
}

/** Resolves once `count` parties have arrived. */
function barrier(count: number): { arrive: () => Promise<void> } {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((r) => (open = r));
  return {
    arrive: () => {
      if (++arrived === count) open();
      return all;
    },
  };
}

const refusal = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );

/**
 * Middle level of the ops node: the production module graph in this process against the private
 * MariaDB (test/support/ops-medium.ts) — the one transaction API itself, and the alert and work-order
 * transitions through their use-cases and repositories, with no HTTP and no child process.
 */
describe('ops node in-process on MariaDB (medium tests)', () => {
  let m: OpsMedium;

  beforeAll(async () => {
    m = await OpsMedium.create({ DEVICE_SIM_FAULT_RATE: '0' }); // no random device faults: the reachability test injects its own
    await m.query('CREATE TABLE uow_probe (id INT PRIMARY KEY, n INT NOT NULL)');
    await m.query('INSERT INTO uow_probe (id, n) VALUES (1,0),(2,0),(3,0),(4,0),(5,0),(6,0)');
  });

  afterAll(async () => {
    await m?.close();
  });

  describe('the unit of work (libs/common UnitOfWorkKit)', () => {
    const probe = () => m.uow.autocommit.get(ProbeRepository);

    it('makes each repository once per unit from its class; the injected repositories are the autocommit ones', async () => {
      const seen: Repositories[] = [];
      await m.uow.run(async (tx) => {
        expect(tx.get(ProbeRepository)).toBe(tx.get(ProbeRepository));
        seen.push(tx);
      });
      await m.uow.run(async (tx) => {
        expect(tx.get(ProbeRepository)).not.toBe(seen[0].get(ProbeRepository));
      });
      expect(m.uow.autocommit).toBe(m.uow.autocommit);
      expect(m.get(AlertRepository)).toBe(m.uow.autocommit.get(AlertRepository));
      expect(m.get(WorkOrderRepository)).toBe(m.uow.autocommit.get(WorkOrderRepository));
    });

    it('commits when the work resolves and rolls everything back when it throws, without re-running a plain failure', async () => {
      let runs = 0;
      const err = await refusal(
        m.uow.run(async (tx) => {
          runs++;
          await tx.get(ProbeRepository).bump(4);
          await tx.get(ProbeRepository).bump(5);
          throw new AppError(ReturnCode.BAD_PARAMETER, 'no');
        }),
      );
      expect(err).toBeInstanceOf(AppError);
      expect(runs).toBe(1);
      expect([await probe().n(4), await probe().n(5)]).toEqual([0, 0]);
      await m.uow.run(async (tx) => {
        await tx.get(ProbeRepository).bump(4);
        await tx.get(ProbeRepository).bump(5);
      });
      expect([await probe().n(4), await probe().n(5)]).toEqual([1, 1]);
    });

    it('re-runs the deadlock victim of two units locking two rows in opposite order, so both take effect', async () => {
      const before = [await probe().n(1), await probe().n(2)];
      const meet = barrier(2);
      let runs = 0;
      const unit = (first: number, second: number) =>
        m.uow.run(async (tx) => {
          const attempt = ++runs;
          const p = tx.get(ProbeRepository);
          await p.bump(first);
          if (attempt <= 2) await meet.arrive(); // the first run of each holds its first row when the other asks for it
          await p.bump(second);
        });
      await Promise.all([unit(1, 2), unit(2, 1)]);
      expect(runs).toBe(3); // InnoDB chose one victim (1213); the kit ran it again after the other committed
      expect([await probe().n(1), await probe().n(2)]).toEqual([before[0] + 2, before[1] + 2]);
    });

    it('with retries: 0 the deadlock victim fails with 1213 and only the other unit takes effect', async () => {
      const before = [await probe().n(1), await probe().n(2)];
      const meet = barrier(2);
      const unit = (first: number, second: number) =>
        m.uow.run(
          async (tx) => {
            const p = tx.get(ProbeRepository);
            await p.bump(first);
            await meet.arrive();
            await p.bump(second);
          },
          { retries: 0 },
        );
      const results = await Promise.allSettled([unit(1, 2), unit(2, 1)]);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect(
        (failed[0].reason as { errno?: number; driverError?: { errno?: number } }).driverError?.errno ?? (failed[0].reason as { errno?: number }).errno,
      ).toBe(1213);
      expect([await probe().n(1), await probe().n(2)]).toEqual([before[0] + 1, before[1] + 1]);
    });

    it('reads at READ COMMITTED by default and at REPEATABLE READ when asked', async () => {
      await m.query('UPDATE uow_probe SET n = 10 WHERE id = 3');
      const committed = await m.uow.run(async (tx) => {
        const first = await tx.get(ProbeRepository).n(3);
        await m.query('UPDATE uow_probe SET n = 11 WHERE id = 3'); // another connection commits meanwhile
        return [first, await tx.get(ProbeRepository).n(3)];
      });
      expect(committed).toEqual([10, 11]);
      const repeatable = await m.uow.run(
        async (tx) => {
          const first = await tx.get(ProbeRepository).n(3);
          await m.query('UPDATE uow_probe SET n = 12 WHERE id = 3');
          return [first, await tx.get(ProbeRepository).n(3)];
        },
        { isolation: 'REPEATABLE READ' },
      );
      expect(repeatable).toEqual([11, 11]);
      expect(await probe().n(3)).toBe(12);
    });

    it('REPEATABLE READ keeps two replicas seeding the on-call table together from both seeding it (READ COMMITTED does not)', async () => {
      const people = [
        { name: '甲值班', role: 'A' as const, mobile: '13800000001' },
        { name: '乙值班', role: 'B' as const, mobile: '13800000002' },
      ];
      /** Two units at once, each held after its `SELECT … FOR UPDATE` until the other has run it too (first run only). */
      const seedTogether = async (isolation: 'READ COMMITTED' | 'REPEATABLE READ') => {
        await m.query('DELETE FROM on_call_person');
        const meet = barrier(2);
        let runs = 0;
        const seed = () =>
          m.uow.run(
            async (tx) => {
              const first = ++runs <= 2;
              const em = tx.get(UnitManager).em;
              const held = {
                query: async (sql: string, params?: unknown[]) => {
                  const rows: unknown = await em.query(sql, params);
                  if (first && sql.includes('FOR UPDATE')) await meet.arrive();
                  return rows;
                },
              } as unknown as EntityManager;
              return new OnCallRepository(held).seedIfEmpty(people, m.clock.now());
            },
            { isolation },
          );
        const seeded = await Promise.all([seed(), seed()]);
        const [{ n }] = await m.query<{ n: string }>('SELECT COUNT(*) AS n FROM on_call_person');
        return { seeded: seeded.sort(), rows: Number(n), runs };
      };
      // the gap lock of the empty table makes the second insert a deadlock; the kit re-runs the victim, which finds the table seeded
      expect(await seedTogether('REPEATABLE READ')).toEqual({ seeded: [0, 2], rows: 2, runs: 3 });
      expect(await seedTogether('READ COMMITTED')).toEqual({ seeded: [2, 2], rows: 4, runs: 2 });
      await m.query('DELETE FROM on_call_person');
    });

    it('leaves the autocommit statements outside any unit: a failed unit does not take them back', async () => {
      await refusal(
        m.uow.run(async (tx) => {
          await probe().bump(6); // autocommit, on another pooled connection
          await tx.get(ProbeRepository).bump(6);
          throw new Error('boom');
        }),
      );
      expect(await probe().n(6)).toBe(1);
    });
  });

  describe('alerts (AlertEngineService + AlertRepository)', () => {
    const rule = (r: Partial<RuleInput> & Pick<RuleInput, 'name' | 'metric'>): RuleInput => ({
      kind: 'METRIC',
      resourceClass: null,
      resourceId: null,
      comparator: '>=',
      threshold: 0,
      recoveryThreshold: null,
      forSeconds: 0,
      severity: AlertSeverity.MAJOR,
      repeatIntervalSeconds: 0,
      marksDown: false,
      enabled: true,
      ...r,
    });
    const sample = (resourceId: string, metric: string, value: number, sampledAt = m.clock.now(), subResourceId = ''): EvalSample => ({
      resourceId,
      subResourceId,
      metric,
      value,
      unit: '',
      sampledAt,
    });
    const ingest = (samples: EvalSample[]) => m.get(IngestService).ingest(samples);
    const engine = () => m.get(AlertEngineService);
    const events = async (alertId: string) =>
      ((await m.get(SystemLogRepository).search({ alertId, category: 'ALERT', limit: 50 })) as { event: string; actor: string | null }[]).reverse();

    beforeAll(async () => {
      await m.get(InventoryRepository).upsertResources(
        ['MED-SW-01', 'MED-LB-01', 'MED-FW-01'].map((id, i) => ({
          resourceId: id,
          resourceIp: `10.77.0.${i + 1}`,
          resourceClass: ResourceClass.NETWORK_DEVICE,
          name: id,
          model: 'medium',
          brand: 'medium',
        })),
        'DISCOVERED',
        m.clock.now(),
      );
    });

    it('firing → acknowledged → resolved → closed, each change stored with the system-log entry of its unit and the actor', async () => {
      await engine().createRule(
        rule({ name: '温度过高', metric: 'med.temperature', resourceId: 'MED-SW-01', threshold: 70, recoveryThreshold: 60 }),
        'opsadmin',
      );
      const fired = await ingest([sample('MED-SW-01', 'med.temperature', 75)]);
      expect(fired.fired).toHaveLength(1);
      const id = fired.fired[0];
      expect((await ingest([sample('MED-SW-01', 'med.temperature', 65)])).resolved).toEqual([]); // inside the hysteresis band
      const acked = await engine().acknowledge(id, 'opsadmin', '已安排现场检查');
      expect(acked).toEqual(expect.objectContaining({ alertId: id, status: 'ACKNOWLEDGED' }));
      m.clock.advance(MIN);
      expect((await ingest([sample('MED-SW-01', 'med.temperature', 50)])).resolved).toEqual([id]);
      expect(await engine().close(id, 'opsadmin')).toEqual(expect.objectContaining({ status: 'CLOSED' }));

      const [row] = await m.query<{ status: string; open_key: string | null; resolved_at: Date | null; acknowledged_by: string; closed_by: string }>(
        'SELECT status, open_key, resolved_at, acknowledged_by, closed_by FROM ops_alert WHERE alert_id = ?',
        [id],
      );
      expect(row).toEqual(expect.objectContaining({ status: 'CLOSED', open_key: null, acknowledged_by: 'opsadmin', closed_by: 'opsadmin' }));
      expect(row.resolved_at).not.toBeNull();
      expect((await events(id)).map((e) => [e.event, e.actor])).toEqual([
        ['ALERT_FIRING', null],
        ['ALERT_ACKNOWLEDGED', 'opsadmin'],
        ['ALERT_RESOLVED', null],
        ['ALERT_CLOSED', 'opsadmin'],
      ]);
    });

    it('refuses a move the state machine does not allow (2006) and changes nothing; an unknown alert is 404', async () => {
      await engine().createRule(rule({ name: '会话数过高', metric: 'med.sessions', resourceId: 'MED-FW-01', threshold: 100 }), 'opsadmin');
      const [id] = (await ingest([sample('MED-FW-01', 'med.sessions', 150)])).fired;
      const early = await refusal(engine().close(id, 'opsadmin')); // a firing alert is acknowledged before it is closed
      expect(early).toBeInstanceOf(AppError);
      expect((early as AppError).code).toBe(ReturnCode.CONFLICT);
      await engine().acknowledge(id, 'opsadmin');
      await engine().close(id, 'opsadmin');
      expect(((await refusal(engine().acknowledge(id, 'opsadmin'))) as AppError).code).toBe(ReturnCode.CONFLICT);
      expect((await m.get(AlertRepository).get(id))?.status).toBe('CLOSED');
      expect((await events(id)).map((e) => e.event)).toEqual(['ALERT_FIRING', 'ALERT_ACKNOWLEDGED', 'ALERT_CLOSED']); // the refused units left no entry
      expect(((await refusal(engine().close('ALM-none', 'opsadmin'))) as AppError).code).toBe(ReturnCode.NOT_FOUND);
    });

    it('two acknowledgements at once: one wins, the other is refused (2006), and the log has one entry', async () => {
      await engine().createRule(rule({ name: '内存过高', metric: 'med.memory', resourceId: 'MED-SW-01', threshold: 90 }), 'opsadmin');
      const [id] = (await ingest([sample('MED-SW-01', 'med.memory', 95)])).fired;
      const both = await Promise.allSettled([engine().acknowledge(id, 'opsA'), engine().acknowledge(id, 'opsB')]);
      expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = both.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect((lost?.reason as AppError).code).toBe(ReturnCode.CONFLICT);
      expect((await events(id)).filter((e) => e.event === 'ALERT_ACKNOWLEDGED')).toHaveLength(1);
    });

    it('a threshold held shorter than the hold duration raises nothing; held long enough it fires once', async () => {
      await engine().createRule(
        rule({ name: '连接数过高', metric: 'med.connections', resourceId: 'MED-LB-01', comparator: '>', threshold: 5000, forSeconds: 60 }),
        'opsadmin',
      );
      const t0 = m.clock.now().getTime() - 10 * MIN;
      const at = (s: number) => new Date(t0 + s * 1000);
      const r1 = await ingest([6000, 6100, 6200, 4000].map((v, i) => sample('MED-LB-01', 'med.connections', v, at(i * 15))));
      expect(r1.fired).toEqual([]);
      const r2 = await ingest([6000, 6000, 6000, 6000, 6000, 6000].map((v, i) => sample('MED-LB-01', 'med.connections', v, at(100 + i * 15))));
      expect(r2.fired).toHaveLength(1);
      const log = (await m.get(SystemLogRepository).search({ resourceId: 'MED-LB-01', category: 'ALERT', limit: 50 })) as { event: string }[];
      expect(log.map((l) => l.event).reverse()).toEqual(['ALERT_PENDING', 'ALERT_PENDING_CANCELLED', 'ALERT_PENDING', 'ALERT_FIRING']);
      const [series] = await m.query<{ phase: string; alert_id: string }>('SELECT phase, alert_id FROM alert_series_state WHERE resource_id = ?', [
        'MED-LB-01',
      ]);
      expect(series).toEqual({ phase: 'FIRING', alert_id: r2.fired[0] });
    });

    it('alert statistics by severity, class, resource and over time add up to the alerts raised', async () => {
      const from = new Date(m.clock.now().getTime() - 60 * MIN);
      const to = new Date(m.clock.now().getTime() + 60 * MIN);
      const [{ n }] = await m.query<{ n: string }>('SELECT COUNT(*) AS n FROM ops_alert WHERE raised_at >= ? AND raised_at < ?', [from, to]);
      expect(Number(n)).toBe(4);
      const s = (await m.get(AlertStatsRepository).stats(from, to, 'hour', 10)) as unknown as {
        total: number;
        bySeverity: { value: number }[];
        byResourceClass: { value: number }[];
        overTime: { total: number }[];
      };
      expect(s.total).toBe(4);
      expect(s.bySeverity.reduce((k, x) => k + x.value, 0)).toBe(4);
      expect(s.byResourceClass.reduce((k, x) => k + x.value, 0)).toBe(4);
      expect(s.overTime.reduce((k, x) => k + x.total, 0)).toBe(4);
    });
  });

  describe('performance rollups (RollupService + PerformanceQueryService)', () => {
    const rawAgg = async (from: Date, to: Date) => {
      const [r] = await m.query<{ n: number; s: number; a: number; mn: number; mx: number }>(
        "SELECT COUNT(*) AS n, SUM(value) AS s, AVG(value) AS a, MIN(value) AS mn, MAX(value) AS mx FROM perf_sample WHERE resource_id = 'MED-CORE-01' AND metric = 'cpu.usage' AND sampled_at >= ? AND sampled_at < ?",
        [from, to],
      );
      return { n: Number(r.n), s: Number(r.s), a: Number(r.a), mn: Number(r.mn), mx: Number(r.mx) };
    };

    it('week, month and quarter averages equal the averages of the raw samples they cover', async () => {
      // 100 days of 10-minute samples, written straight into the raw table (a backfill), then rolled up from raw
      const now = m.clock.now().getTime();
      const from = now - 100 * DAY;
      const rows: unknown[][] = [];
      for (let t = from, i = 0; t < now - HOUR; t += 10 * MIN, i++)
        rows.push(['MED-CORE-01', '', 'cpu.usage', Math.round((30 + 25 * Math.sin(i / 37) + (i % 7) * 1.37) * 100) / 100, '%', new Date(t)]);
      for (let i = 0; i < rows.length; i += 2000) {
        const chunk = rows.slice(i, i + 2000);
        await m.query(
          `INSERT INTO perf_sample (resource_id, sub_resource_id, metric, value, unit, sampled_at) VALUES ${chunk.map(() => '(?,?,?,?,?,?)').join(',')}`,
          chunk.flat(),
        );
      }
      // what POST /performance/rollups/run with a range does: mark the range dirty, then run the job
      const clockNow = m.clock.now();
      expect(await m.get(RollupRepository).markDirtyRange(new Date(from - DAY), clockNow, clockNow)).toBeGreaterThan(10_000);
      expect((await m.get(RollupService).run()).buckets).toBeGreaterThan(10_000);

      const f = { resourceId: 'MED-CORE-01', metric: 'cpu.usage' };
      const query = m.get(PerformanceQueryService);
      for (const period of ['week', 'month', 'quarter'] as const) {
        const s = await query.summary(f, period, new Date(from), new Date(now));
        expect(s.periods.length).toBeGreaterThan(0);
        let total = 0;
        for (const p of s.periods) {
          const raw = await rawAgg(p.start, p.end);
          expect(p.count).toBe(raw.n);
          if (raw.n) {
            // the API rounds to 6 decimals (a half-unit, 5e-7, off at most): equal to 5 decimals
            expect(p.avg).toBeCloseTo(raw.a, 5);
            expect(p.min).toBe(raw.mn);
            expect(p.max).toBe(raw.mx);
          }
          total += p.count;
        }
        expect(total).toBe(rows.length);
      }
      // a chart of the whole range comes at day resolution, of one day at 5 minutes
      const year = await query.series(f, new Date(from), new Date(now), 'auto');
      expect(year.resolution).toBe('1d');
      expect(year.points.length).toBeGreaterThanOrEqual(100);
      const dayFrom = new Date(Math.floor((now - 2 * DAY) / (5 * MIN)) * 5 * MIN);
      const dayTo = new Date(dayFrom.getTime() + DAY);
      const day = await query.series(f, dayFrom, dayTo, 'auto');
      expect(day.resolution).toBe('5m');
      expect(day.points).toHaveLength(144); // one point per 10-minute sample, in 5-minute buckets
      expect(day.points.reduce((n, p) => n + Number((p as { count?: number }).count), 0)).toBe((await rawAgg(dayFrom, dayTo)).n);
    });

    it('a FULL PERFORMANCE report carries the latest sample of each series by sampled_at, not the last one received', async () => {
      const at = (minAgo: number) => new Date(Date.now() - minAgo * MIN);
      const insert = (sub: string, value: number, sampledAt: Date) =>
        m.query("INSERT INTO perf_sample (resource_id, sub_resource_id, metric, value, unit, sampled_at) VALUES ('MED-CORE-01', ?, 'full.probe', ?, '%', ?)", [
          sub,
          value,
          sampledAt,
        ]);
      await insert('', 41, at(2));
      await insert('', 7, at(5)); // backfilled: received last, sampled earlier
      await insert('P1', 13, at(3));
      await insert('P1', 14, at(3)); // same sampled_at: the last received wins
      await new Promise((r) => setTimeout(r, 10)); // inserted_at (a real clock) strictly before the report's upper bound
      const { items } = await m.get(ReportItemsCollector).collect(ReportCategory.PERFORMANCE, true, null, new Date(Date.now() + COMMIT_LAG_MS + 1000));
      const mine = items.filter((i) => i.metric === 'full.probe').map((i) => [i.subResourceId ?? '', i.value]);
      expect(mine.sort()).toEqual([
        ['', 41],
        ['P1', 14],
      ]);
    });
  });

  describe('work orders (WorkOrderService + WorkOrderRepository)', () => {
    const create = (): CreateWorkOrderDto =>
      Object.assign(new CreateWorkOrderDto(), {
        subject: '核心交换机端口异常',
        content: '10GE1/0/9 端口频繁中断，请协同排查',
        businessType: '网络',
        receiverUnit: '石龙区大数据中心',
        originContact: '张工',
        originPhone: '0375-1234567',
        opsLevel: 2,
      });
    const act = (orderId: string, a: Partial<WorkOrderActionDto> & Pick<WorkOrderActionDto, 'action'>) =>
      m.get(WorkOrderService).act(orderId, Object.assign(new WorkOrderActionDto(), a), 'ops-medium');

    beforeAll(async () => {
      await m.get(NodeInfoService).seed();
    });

    it('walks 受理 → 处理 → 反馈 → 办结 → 评价, each move re-checked by the UPDATE and moving updated_at', async () => {
      const o = await m.get(WorkOrderService).create(create(), 'ops-medium');
      expect(o.status).toBe(WorkOrderStatus.PENDING);
      const steps: [Partial<WorkOrderActionDto> & Pick<WorkOrderActionDto, 'action'>, WorkOrderStatus][] = [
        [{ action: 'accept', receiverContact: '李工', receiverPhone: '0375-7654321' }, WorkOrderStatus.ACCEPTED],
        [{ action: 'start' }, WorkOrderStatus.PROCESSING],
        [{ action: 'feedback', feedback: '已更换光模块' }, WorkOrderStatus.FEEDBACK],
        [{ action: 'conclude', feedback: '端口恢复稳定' }, WorkOrderStatus.CONCLUDED],
        [{ action: 'evaluate', starRating: 5, evaluation: '响应及时' }, WorkOrderStatus.EVALUATED],
      ];
      let updatedAt = o.updated_at;
      for (const [a, to] of steps) {
        m.clock.advance(1000);
        const after = await act(o.order_id, a);
        expect(after.status).toBe(to);
        expect(after.updated_at.getTime()).toBeGreaterThan(updatedAt.getTime());
        updatedAt = after.updated_at;
      }
      const [row] = await m.query<Record<string, unknown>>('SELECT * FROM work_order WHERE order_id = ?', [o.order_id]);
      expect(row).toEqual(
        expect.objectContaining({
          receiver_contact: '李工',
          receiver_feedback: '端口恢复稳定',
          star_rating: 5,
          ops_evaluation: '响应及时',
          status: 'EVALUATED',
        }),
      );
      expect(row.concluded_at).not.toBeNull();
    });

    it('refuses a move out of order (2003) or without what it needs (feedback, star rating), and leaves the order as it was', async () => {
      const o = await m.get(WorkOrderService).create(create(), 'ops-medium');
      expect(((await refusal(act(o.order_id, { action: 'conclude' }))) as AppError).code).toBe(ReturnCode.ILLEGAL_TRANSITION);
      await act(o.order_id, { action: 'accept' });
      expect(((await refusal(act(o.order_id, { action: 'feedback' }))) as AppError).code).toBe(ReturnCode.MISSING_PARAMETER);
      expect((await m.get(WorkOrderRepository).get(o.order_id))?.status).toBe(WorkOrderStatus.ACCEPTED);
      expect(((await refusal(act('SLQ-WO-none', { action: 'accept' }))) as AppError).code).toBe(ReturnCode.NOT_FOUND);
    });

    it('two operators accepting at once: one moves it, the other is refused by the state machine behind the row lock', async () => {
      const o = await m.get(WorkOrderService).create(create(), 'ops-medium');
      const both = await Promise.allSettled([
        act(o.order_id, { action: 'accept', receiverContact: '甲' }),
        act(o.order_id, { action: 'accept', receiverContact: '乙' }),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const won = both.find((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof act>>> => r.status === 'fulfilled');
      expect((await m.get(WorkOrderRepository).get(o.order_id))?.receiver_contact).toBe(won?.value.receiver_contact);
    });
  });
  describe('device reachability (DeviceSimulator + SamplerService + the default rule 设备不可达)', () => {
    const alertsOf = (resourceId: string) =>
      m.query<{ alert_id: string; rule_name: string; sub_resource_id: string; status: string; suppressed_by: string | null }>(
        'SELECT alert_id, rule_name, sub_resource_id, status, suppressed_by FROM ops_alert WHERE resource_id = ? ORDER BY raised_at, alert_id',
        [resourceId],
      );

    beforeAll(async () => {
      // the inventory discovery writes: the simulated fleet and its ports
      const devices = m.get(DeviceSimulator);
      await m.get(InventoryRepository).upsertResources(devices.resources(), 'DISCOVERED', m.clock.now());
      await m.get(InventoryRepository).upsertSubResources(devices.subResources(), m.clock.now());
      await m.get(TopologyRepository).setParent('NET-ACC-01', 'NET-CORE-01', m.clock.now());
    });

    it('a device made unreachable raises 设备不可达 from the sampling round, suppresses what sits behind it, and recovers', async () => {
      const sampler = m.get(SamplerService);
      m.clock.advance(MIN);
      await sampler.round(); // every device answers: device.up 1, nothing raised for them
      expect(await alertsOf('NET-CORE-01')).toEqual([]);
      const [up] = await m.query<{ n: number; v: number }>(
        "SELECT COUNT(*) AS n, MIN(value) AS v FROM perf_sample WHERE resource_id = 'NET-CORE-01' AND metric = 'device.up'",
      );
      expect([Number(up.n), Number(up.v)]).toEqual([1, 1]);

      const devices = m.get(DeviceSimulator);
      devices.injectFault({ resourceId: 'NET-CORE-01', subResourceId: '', kind: 'unreachable' }, 1);
      devices.injectFault({ resourceId: 'NET-ACC-01', subResourceId: 'NET-ACC-01:GE1/0/7', kind: 'port-down' }, 1);
      m.clock.advance(MIN);
      const r = await sampler.round();
      const [core] = await alertsOf('NET-CORE-01');
      expect(core).toEqual(expect.objectContaining({ rule_name: '设备不可达', sub_resource_id: '', status: 'FIRING', suppressed_by: null }));
      expect(r.raised).toContain(core.alert_id);
      // an unreachable device answers no poll: no CPU or port figures that round
      const [others] = await m.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM perf_sample WHERE resource_id = 'NET-CORE-01' AND metric <> 'device.up' AND sampled_at = ?",
        [m.clock.now()],
      );
      expect(Number(others.n)).toBe(0);
      // the access switch behind the core switch: its port alert is raised but its notice suppressed by the parent
      const behind = await alertsOf('NET-ACC-01');
      expect(behind).toEqual([
        expect.objectContaining({ rule_name: '端口中断', sub_resource_id: 'NET-ACC-01:GE1/0/7', status: 'FIRING', suppressed_by: 'NET-CORE-01' }),
      ]);

      m.clock.advance(MIN);
      const back = await sampler.round(); // reachable again
      expect(back.raised).toEqual([]);
      expect((await alertsOf('NET-CORE-01'))[0].status).toBe('RESOLVED');
    });
  });
  describe('validation of samples, intervals, rules and topology (controllers and services in-process)', () => {
    const admin = { accountId: 1, username: 'opsadmin', displayName: '运维管理员', role: Role.OPS_ADMIN, windowNo: null, sessionId: 'medium' } as Principal;
    const codeOf = async (p: Promise<unknown>) => {
      const e = await refusal(p);
      expect(e).toBeInstanceOf(AppError);
      return { code: (e as AppError).code, message: (e as AppError).message };
    };
    const stored = async (resourceId: string) =>
      Number((await m.query<{ n: number }>('SELECT COUNT(*) AS n FROM perf_sample WHERE resource_id = ?', [resourceId]))[0].n);

    beforeAll(async () => {
      await m.get(InventoryRepository).upsertResources(
        ['VAL-SW-01', 'VAL-SW-02', 'VAL-SW-03'].map((id, i) => ({
          resourceId: id,
          resourceIp: `10.78.0.${i + 1}`,
          resourceClass: ResourceClass.NETWORK_DEVICE,
          name: id,
          model: 'medium',
          brand: 'medium',
        })),
        'DISCOVERED',
        m.clock.now(),
      );
    });

    it('refuses impossible values (CPU −50 %, a percentage above 100, negative traffic) with 1003 and stores nothing of the batch', async () => {
      const ingest = m.get(IngestService);
      const at = m.clock.now();
      const ok = { resourceId: 'VAL-SW-01', subResourceId: '', metric: 'cpu.usage', value: 40, unit: '%', sampledAt: at };
      for (const bad of [
        { ...ok, value: -50 },
        { ...ok, metric: 'mem.usage', value: 130 },
        { ...ok, metric: 'if.in.bps', value: -1, unit: 'bps' },
      ]) {
        const r = await codeOf(ingest.ingest([ok, bad]));
        expect(r.code).toBe(ReturnCode.BAD_PARAMETER);
        expect(r.message).toMatch(/数值不可能/);
      }
      expect(await stored('VAL-SW-01')).toBe(0);
      expect((await ingest.ingest([ok])).stored).toBe(1);
    });

    it('refuses pushed samples of a resource not in the inventory with 2001 naming it', async () => {
      const push = (resourceId: string) =>
        m.get(MonitoringController).push({
          samples: [
            { resourceId, metric: 'cpu.usage', value: 10, unit: '%' },
            { resourceId: 'VAL-SW-02', metric: 'cpu.usage', value: 10, unit: '%' },
          ],
        });
      const r = await codeOf(push('NO-SUCH-01'));
      expect(r).toEqual({ code: ReturnCode.NOT_FOUND, message: expect.stringContaining('资源 NO-SUCH-01 不存在') });
      expect(await stored('VAL-SW-02')).toBe(0);
      expect((await push('VAL-SW-03')).stored).toBe(2);
    });

    it('refuses sampling intervals and alert rules for an unknown resource (2001) or a metric nobody collects (1003)', async () => {
      const sampler = m.get(SamplerService);
      expect(await codeOf(sampler.setInterval({ resourceId: 'NO-SUCH-01', metric: 'cpu.usage', intervalSeconds: 30 }))).toEqual(
        expect.objectContaining({ code: ReturnCode.NOT_FOUND }),
      );
      expect(await codeOf(sampler.setInterval({ resourceId: 'VAL-SW-01', metric: 'no.such.metric', intervalSeconds: 30 }))).toEqual({
        code: ReturnCode.BAD_PARAMETER,
        message: expect.stringContaining('指标 no.such.metric 不存在'),
      });
      await sampler.setInterval({ resourceId: 'VAL-SW-01', metric: 'cpu.usage', intervalSeconds: 30 }); // collected by the node
      // an external collector's metric is known once one of its samples arrived
      const custom = { resourceId: '', metric: 'val.custom', intervalSeconds: 30 };
      expect((await codeOf(sampler.setInterval(custom))).code).toBe(ReturnCode.BAD_PARAMETER);
      await m.get(IngestService).ingest([{ resourceId: 'VAL-SW-01', subResourceId: '', metric: 'val.custom', value: 1, unit: '', sampledAt: m.clock.now() }]);
      await sampler.setInterval(custom);

      const rules = m.get(AlertingController);
      const dto = { name: '校验', metric: 'cpu.usage', comparator: '>=' as const, threshold: 90, severity: AlertSeverity.MAJOR };
      expect((await codeOf(rules.createRule({ ...dto, resourceId: 'NO-SUCH-01' }, admin))).code).toBe(ReturnCode.NOT_FOUND);
      expect((await codeOf(rules.createRule({ ...dto, metric: 'no.such.metric' }, admin))).code).toBe(ReturnCode.BAD_PARAMETER);
      const made = await rules.createRule({ ...dto, resourceId: 'VAL-SW-01' }, admin);
      expect((await codeOf(rules.updateRule(made.id, { metric: 'no.such.metric' }, admin))).code).toBe(ReturnCode.BAD_PARAMETER);
      await rules.deleteRule(made.id, admin);
    });

    it('refuses topology parents that are unknown (2001) or make a cycle (1003); the links stay as they were', async () => {
      const t = m.get(AlertingController);
      await t.setParent('VAL-SW-02', { parentResourceId: 'VAL-SW-01' }, admin);
      await t.setParent('VAL-SW-03', { parentResourceId: 'VAL-SW-02' }, admin);
      expect((await codeOf(t.setParent('VAL-SW-01', { parentResourceId: 'VAL-SW-03' }, admin))).message).toBe(
        '参数类型或取值错误：上下游关系不能成环：VAL-SW-01 → VAL-SW-03 → VAL-SW-02 → VAL-SW-01',
      );
      expect((await codeOf(t.setParent('VAL-SW-01', { parentResourceId: 'VAL-SW-01' }, admin))).code).toBe(ReturnCode.BAD_PARAMETER);
      expect((await codeOf(t.setParent('VAL-SW-01', { parentResourceId: 'NO-SUCH-01' }, admin))).code).toBe(ReturnCode.NOT_FOUND);
      expect((await codeOf(t.setParent('NO-SUCH-01', { parentResourceId: 'VAL-SW-01' }, admin))).code).toBe(ReturnCode.NOT_FOUND);
      const links = await m.get(TopologyRepository).parents();
      expect([links.get('VAL-SW-01'), links.get('VAL-SW-02'), links.get('VAL-SW-03')]).toEqual([undefined, 'VAL-SW-01', 'VAL-SW-02']);
    });
  });
});
