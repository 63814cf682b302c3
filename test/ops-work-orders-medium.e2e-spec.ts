import { AppError, ReturnCode } from '@app/common';
import { ReportCategory, validateItem, WorkOrderStatus } from '@app/ops-contract';
import { AlertEngineService } from '../apps/ops-node/src/alerting/alert-engine.service';
import { AlertingController } from '../apps/ops-node/src/alerting/alerting.controller';
import { AlertRepository } from '../apps/ops-node/src/alerting/alert.repository';
import { NodeInfoService } from '../apps/ops-node/src/node-info/node-info.service';
import { CreateWorkOrderDto, FromAlertDto, SplitWorkOrderDto, WorkOrderActionDto } from '../apps/ops-node/src/work-orders/work-order.dto';
import { WorkOrderFiguresReader } from '../apps/ops-node/src/work-orders/work-order-figures.reader';
import { WorkOrderHistoryRepository } from '../apps/ops-node/src/work-orders/work-order-history.repository';
import { slaOf } from '../apps/ops-node/src/work-orders/work-order.presenter';
import { WorkOrderRepository, WorkOrderRow } from '../apps/ops-node/src/work-orders/work-order.repository';
import { WorkOrderService } from '../apps/ops-node/src/work-orders/work-order.service';
import { WorkOrderSlaJob } from '../apps/ops-node/src/work-orders/work-order-sla.job';
import { OpsMedium } from './support/ops-medium';

jest.setTimeout(120_000);

const refusal = async (p: Promise<unknown>): Promise<AppError> =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as AppError,
  );

/**
 * The ITSM work orders at the middle level: the production module graph against the private MariaDB,
 * a clock moved by hand, SLA targets of seconds (WORK_ORDER_SLA), the SLA job's tick called directly.
 */
describe('work orders as an ITSM does them (WorkOrderService, WorkOrderSlaJob, MariaDB)', () => {
  let m: OpsMedium;
  const svc = () => m.get(WorkOrderService);
  const create = (opsLevel = 2) =>
    svc().create(
      Object.assign(new CreateWorkOrderDto(), {
        subject: '核心交换机端口中断',
        content: '10GE1/0/9 端口中断，请排查',
        businessType: '故障处理',
        receiverUnit: '石龙区大数据中心',
        originContact: '王运维',
        originPhone: '0375-1234567',
        opsLevel,
      }),
      'ops-admin',
    );
  const act = (o: { order_id: string }, a: Partial<WorkOrderActionDto> & Pick<WorkOrderActionDto, 'action'>, actor = 'ops-a') =>
    svc().act(o.order_id, Object.assign(new WorkOrderActionDto(), a), actor);
  const history = (id: string) => m.get(WorkOrderHistoryRepository).ofOrder(id);
  const get = async (id: string) => (await m.get(WorkOrderRepository).get(id)) as WorkOrderRow;
  const split = (o: { order_id: string }, children: { subject: string; assignee: string; assigneeKind?: 'PERSON' | 'GROUP' }[], actor = 'ops-admin') =>
    svc().split(o.order_id, Object.assign(new SplitWorkOrderDto(), { children }), actor);
  const slaAlerts = (orderId: string) =>
    m.query<{ alert_id: string; metric: string; severity: string; threshold: number; resource_class: string }>(
      'SELECT alert_id, metric, severity, threshold, resource_class FROM ops_alert WHERE resource_id = ? ORDER BY raised_at, threshold',
      [orderId],
    );

  beforeAll(async () => {
    m = await OpsMedium.create({ WORK_ORDER_SLA: '1:10/40,2:10/40,3:10/40,4:20/80', WORK_ORDER_REOPEN_WINDOW_SECONDS: '60' });
    await m.get(NodeInfoService).seed();
  });

  afterAll(async () => {
    await m?.close();
  });

  it('分解: children assigned to different people; the parent resolves only when every child has (2020), then closes with its 评价', async () => {
    const p = await create();
    await act(p, { action: 'accept' }, 'ops-admin');
    expect(
      (
        (await refusal(
          split(p, [
            { subject: '更换光模块', assignee: 'ops-a' },
            { subject: '核查配置', assignee: 'ops-a' },
          ]),
        )) as AppError
      ).code,
    ).toBe(ReturnCode.BAD_PARAMETER);
    expect(await m.get(WorkOrderRepository).children(p.order_id)).toHaveLength(0);
    const made = await split(p, [
      { subject: '更换光模块', assignee: 'ops-a' },
      { subject: '核查链路配置', assignee: '网络组', assigneeKind: 'GROUP' },
    ]);
    const children = [...made.children].sort((a, b) => a.subject.localeCompare(b.subject, 'zh'));
    expect(children.map((c) => c.subject)).toEqual(['更换光模块', '核查链路配置']);
    expect(children.map((c) => [c.parent_id, c.state, c.assignee, c.assignee_kind, c.status])).toEqual([
      [p.order_id, 'ASSIGNED', 'ops-a', 'PERSON', WorkOrderStatus.ACCEPTED],
      [p.order_id, 'ASSIGNED', '网络组', 'GROUP', WorkOrderStatus.ACCEPTED],
    ]);
    await act(p, { action: 'start' }, 'ops-admin');
    const refused = await refusal(act(p, { action: 'resolve', feedback: '已处理' }, 'ops-admin'));
    expect([refused.code, refused.message]).toEqual([ReturnCode.CHILDREN_OPEN, expect.stringContaining(children[0].order_id)]);
    expect((await get(p.order_id)).state).toBe('IN_PROGRESS');
    // reassign the second child to a person, then both children are worked and resolved
    await act(children[1], { action: 'assign', assignee: 'ops-b' }, 'ops-admin');
    for (const [c, who] of [
      [children[0], 'ops-a'],
      [children[1], 'ops-b'],
    ] as const) {
      await act(c, { action: 'start' }, who);
      await act(c, { action: 'feedback', feedback: `${who} 已到场` }, who);
      await act(c, { action: 'resolve', feedback: `${who} 处理完毕` }, who);
    }
    expect((await act(p, { action: 'resolve', feedback: '子工单均已解决' }, 'ops-admin')).state).toBe('RESOLVED');
  });

  it('walks the parent to resolved and closed once its children are done, and the history keeps every step with its actor', async () => {
    const p = await create();
    await act(p, { action: 'accept' }, 'ops-admin');
    const { children } = await split(p, [{ subject: 'A', assignee: 'ops-a' }]);
    await act(children[0], { action: 'start' }, 'ops-a');
    await act(children[0], { action: 'resolve' }, 'ops-a');
    await act(p, { action: 'start' }, 'ops-admin');
    await act(p, { action: 'resolve', feedback: '端口恢复' }, 'ops-admin');
    expect(((await refusal(act(p, { action: 'close' }, 'ops-admin'))) as AppError).code).toBe(ReturnCode.MISSING_PARAMETER);
    const closed = await act(p, { action: 'close', starRating: 4, evaluation: '及时' }, 'ops-admin');
    expect([closed.state, closed.status, closed.star_rating]).toEqual(['CLOSED', WorkOrderStatus.EVALUATED, 4]);
    expect((await history(p.order_id)).map((h) => [h.actor, h.event, h.from_state, h.to_state])).toEqual([
      ['ops-admin', 'CREATE', null, 'NEW'],
      ['ops-admin', 'ACCEPT', 'NEW', 'ASSIGNED'],
      ['ops-admin', 'SPLIT_INTO', 'ASSIGNED', 'ASSIGNED'],
      ['ops-admin', 'START', 'ASSIGNED', 'IN_PROGRESS'],
      ['ops-admin', 'RESOLVE', 'IN_PROGRESS', 'RESOLVED'],
      ['ops-admin', 'CLOSE', 'RESOLVED', 'CLOSED'],
    ]);
    expect((await history(children[0].order_id)).map((h) => h.event)).toEqual(['SPLIT', 'START', 'RESOLVE']);
  });

  it('two operators acting on the same order at once: one wins, the other gets 2021 and nothing of it is stored', async () => {
    const o = await create();
    const v = Number(o.version);
    const both = await Promise.allSettled([
      act(o, { action: 'assign', assignee: 'ops-a', version: v }, 'ops-admin'),
      act(o, { action: 'assign', assignee: 'ops-b', version: v }, 'ops-admin2'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = both.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect((lost?.reason as AppError).code).toBe(ReturnCode.STALE_WRITE);
    const won = both.find((r): r is PromiseFulfilledResult<WorkOrderRow> => r.status === 'fulfilled')!.value;
    expect((await get(o.order_id)).assignee).toBe(won.assignee);
    expect((await history(o.order_id)).filter((h) => h.event === 'ASSIGN')).toHaveLength(1);
    // a stale version given later is refused the same way
    expect((await refusal(act(o, { action: 'note', note: '迟到的记录', version: v }))).code).toBe(ReturnCode.STALE_WRITE);
  });

  it('反馈 and 记录 are added, never overwritten; bad inputs answer their codes and store nothing', async () => {
    const o = await create();
    await act(o, { action: 'accept' });
    await act(o, { action: 'start' });
    await act(o, { action: 'feedback', feedback: '第一次反馈：已到场' });
    const first = (await history(o.order_id)).at(-1)!;
    await act(o, { action: 'note', note: '联系了厂商' });
    const after = await act(o, { action: 'feedback', feedback: '第二次反馈：已更换' });
    expect([after.receiver_feedback, after.status]).toEqual(['第二次反馈：已更换', WorkOrderStatus.FEEDBACK]);
    const lines = await history(o.order_id);
    expect(lines.filter((h) => h.event === 'FEEDBACK').map((h) => h.note)).toEqual(['第一次反馈：已到场', '第二次反馈：已更换']);
    expect(lines.find((h) => h.id === first.id)).toEqual(first);
    const before = [await get(o.order_id), lines.length] as const;
    for (const [a, code] of [
      [{ action: 'assign' }, ReturnCode.MISSING_PARAMETER],
      [{ action: 'pend', reason: '' }, ReturnCode.MISSING_PARAMETER],
      [{ action: 'feedback', feedback: ' ' }, ReturnCode.MISSING_PARAMETER],
      [{ action: 'close', starRating: 5 }, ReturnCode.ILLEGAL_TRANSITION],
      [{ action: 'reopen', reason: 'x' }, ReturnCode.ILLEGAL_TRANSITION],
    ] as [Pick<WorkOrderActionDto, 'action'>, ReturnCode][])
      expect([a.action, (await refusal(act(o, a))).code]).toEqual([a.action, code]);
    expect((await refusal(act({ order_id: 'SLQ-WO-none' }, { action: 'accept' }))).code).toBe(ReturnCode.NOT_FOUND);
    expect([await get(o.order_id), (await history(o.order_id)).length]).toEqual(before);
  });

  it('SLA: a 75 % warning and a 100 % breach each raise one alert through the alert engine, once, also for a job started anew', async () => {
    const job = m.get(WorkOrderSlaJob);
    const o = await create(2); // respond 10 s, resolve 40 s
    m.clock.advance(7_000);
    expect(await job.tick()).toBe(0);
    m.clock.advance(1_000); // 8 s = 80 % of the response target
    expect(await job.tick()).toBe(1);
    expect(await job.tick()).toBe(0);
    m.clock.advance(2_500); // past 100 %
    expect(await job.tick()).toBe(1);
    // a restarted node: a new job, no memory — the marks in the DB keep it from raising again
    const again = new WorkOrderSlaJob(m.get(WorkOrderRepository), m.get(AlertEngineService), m.config, m.clock);
    expect(await again.tick()).toBe(0);
    const alerts = await slaAlerts(o.order_id);
    expect(alerts.map((a) => [a.metric, a.severity, Number(a.threshold), a.resource_class])).toEqual([
      ['workorder.sla.respond', 'WARNING', 75, 'WORK_ORDER'],
      ['workorder.sla.respond', 'MAJOR', 100, 'WORK_ORDER'],
    ]);
    // owed a notice: the notifier groups it and the escalation pages the on-call person like any alert
    const logs = await m.query<{ event: string; group_key: string | null }>(
      'SELECT event, group_key FROM system_log WHERE alert_id IN (?, ?)',
      alerts.map((a) => a.alert_id),
    );
    expect(logs.map((l) => [l.event, l.group_key !== null])).toEqual([
      ['ALERT_FIRING', true],
      ['ALERT_FIRING', true],
    ]);
    expect((await history(o.order_id)).filter((h) => h.actor === 'system').map((h) => h.event)).toEqual(['SLA_WARNING', 'SLA_BREACH']);
    // the alerts of orders are the node's own: not in the ALERT report to the city
    expect(JSON.stringify(await m.get(AlertRepository).items())).not.toContain(o.order_id);
  });

  it('SLA: waiting (挂起等待) pauses the resolve clock; it runs again on resume', async () => {
    const job = m.get(WorkOrderSlaJob);
    const o = await create(3); // respond 10 s, resolve 40 s
    await act(o, { action: 'accept' });
    await act(o, { action: 'start' });
    m.clock.advance(20_000); // 50 %
    await act(o, { action: 'pend', reason: '等待厂商备件' });
    m.clock.advance(600_000);
    await job.tick();
    expect(await slaAlerts(o.order_id)).toEqual([]);
    const waiting = await get(o.order_id);
    expect(slaOf(waiting, m.clock.now()).resolve).toEqual(expect.objectContaining({ elapsedSeconds: 20, paused: true, status: 'OK' }));
    await act(o, { action: 'resume' });
    m.clock.advance(10_500); // 30.5 s run = 76 %
    await job.tick();
    expect((await slaAlerts(o.order_id)).map((a) => a.metric)).toEqual(['workorder.sla.resolve']);
  });

  it('reopens within the configured window after the resolution, and not after it', async () => {
    const o = await create();
    await act(o, { action: 'accept' });
    await act(o, { action: 'start' });
    await act(o, { action: 'resolve', feedback: '已恢复' });
    m.clock.advance(30_000);
    const reopened = await act(o, { action: 'reopen', reason: '端口又中断' });
    expect([reopened.state, reopened.resolved_at, reopened.status]).toEqual(['IN_PROGRESS', null, WorkOrderStatus.FEEDBACK]);
    await act(o, { action: 'resolve' });
    m.clock.advance(61_000);
    const late = await refusal(act(o, { action: 'reopen', reason: '又中断' }));
    expect([late.code, late.message]).toEqual([ReturnCode.ILLEGAL_TRANSITION, expect.stringContaining('不能重新打开')]);
    expect((await get(o.order_id)).state).toBe('RESOLVED');
  });

  it('告警转工单: linked both ways, one order per alert, and the order resolved shows in the alert history', async () => {
    const alertId = `ALM-wo-${Date.now()}`;
    const now = m.clock.now();
    await m.query(
      `INSERT INTO ops_alert (alert_id, threshold_id, rule_name, open_key, fingerprint, resource_id, sub_resource_id, resource_class, metric, severity, status, value, threshold, last_value, message, raised_at, notify_count, updated_at)
       VALUES (?, 1, '端口中断', ?, ?, 'NET-CORE-01', '10GE1/0/3', 'NETWORK_DEVICE', 'if.status', 'CRITICAL', 'ACKNOWLEDGED', 0, 1, 0, '端口中断：NET-CORE-01 10GE1/0/3', ?, 1, ?)`,
      [alertId, alertId, alertId, now, now],
    );
    const o = await svc().createFromAlert(alertId, Object.assign(new FromAlertDto(), { opsLevel: 1 }), 'ops-a');
    expect([o.alert_id, o.order_type, o.origin, o.state]).toEqual([alertId, 'SELF', 'LOCAL', 'NEW']);
    expect((await refusal(svc().createFromAlert(alertId, Object.assign(new FromAlertDto(), { opsLevel: 1 }), 'ops-b'))).code).toBe(ReturnCode.CONFLICT);
    expect((await m.query('SELECT COUNT(*) AS n FROM work_order WHERE alert_id = ?', [alertId]))[0]).toEqual({ n: '1' });
    await act(o, { action: 'accept' });
    await act(o, { action: 'start' });
    await act(o, { action: 'resolve', feedback: '更换光模块后端口恢复' });
    const detail = (await m.get(AlertingController).get(alertId)) as { workOrderId: string; history: { event: string; message: string }[] };
    expect(detail.workOrderId).toBe(o.order_id);
    expect(detail.history.filter((h) => h.event === 'ALERT_WORK_ORDER').map((h) => h.message)).toEqual([
      `ops-a 将告警转为工单 ${o.order_id}`,
      `工单 ${o.order_id} 已解决（ops-a）：更换光模块后端口恢复`,
    ]);
  });

  it('reports the six wire statuses with the optional ITSM fields, as the city validates them', async () => {
    const items = await m.get(WorkOrderRepository).items();
    expect(items.length).toBeGreaterThan(5);
    for (const [i, it] of items.entries()) expect(validateItem(ReportCategory.WORK_ORDER, it, `items[${i}]`)).toEqual([]);
    expect([...new Set(items.map((i) => i.status))]).toEqual(
      expect.arrayContaining([WorkOrderStatus.ACCEPTED, WorkOrderStatus.CONCLUDED, WorkOrderStatus.EVALUATED]),
    );
    expect(items.every((i) => Object.values(WorkOrderStatus).includes(i.status as WorkOrderStatus))).toBe(true);
    expect(items.some((i) => i.parentOrderId && i.itsmState && i.assignee)).toBe(true);
  });

  it('WorkOrderFiguresReader: the figures of the orders created in [from, to)', async () => {
    const from = new Date(m.clock.now().getTime() + 86_400_000);
    m.clock.set(from);
    const a = await create(4); // respond 20 s, resolve 80 s
    m.clock.advance(5_000);
    await act(a, { action: 'accept' });
    await act(a, { action: 'start' });
    m.clock.advance(25_000);
    await act(a, { action: 'resolve' });
    const b = await create(4);
    m.clock.advance(30_000); // b never answered: past its response target
    const to = new Date(m.clock.now().getTime() + 1);
    const f = await m.get(WorkOrderFiguresReader).figures(from, to);
    expect(f).toEqual({
      byState: { RESOLVED: 1, NEW: 1 },
      byType: { SELF: 2 },
      total: 2,
      respondSlaMet: 1,
      respondSlaTotal: 2,
      resolveSlaMet: 1,
      resolveSlaTotal: 1,
      meanTimeToRespondSeconds: 5,
      meanTimeToResolveSeconds: 30,
    });
    expect(b.order_id).toBeTruthy();
    expect((await m.get(WorkOrderFiguresReader).figures(to, new Date(to.getTime() + 1000))).total).toBe(0);
  });
});
