import { AppError, Clock, Repositories, ReturnCode } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AlertRepository } from '../alerting';
import { OpsNodeConfig } from '../config/ops-node.config';
import { UnitOfWork } from '../database/unit-of-work';
import { NodeInfoService } from '../node-info';
import { parseSlaTable, SlaTarget } from '../shared/work-order-sla-table';
import { SystemLogRepository } from '../system-log';
import { CreateWorkOrderDto, FromAlertDto, SplitWorkOrderDto, WorkOrderActionDto } from './work-order.dto';
import { WorkOrderHistoryRepository } from './work-order-history.repository';
import { NewWorkOrder, WorkOrderChange, WorkOrderRepository, WorkOrderRow } from './work-order.repository';
import { withinReopenWindow } from './work-order-sla';
import { entryRefusal, EVENT_OF_ACTION, WorkOrderEntry, WorkOrderEvent, workOrderMachine, WorkOrderState, wireStatusOf } from './work-order-state-machine';

const S = WorkOrderState;
const E = WorkOrderEvent;

const stale = (orderId: string) => new AppError(ReturnCode.STALE_WRITE, `${orderId} 已被他人修改，请刷新后重试`);

/**
 * 工单 (ITSM, docs/work-order-states.md): raised here, from an alert, or received from the city; 受理,
 * 分派, 分解, 反馈, 记录 and every transition of the machine. Each change is one transaction: the
 * conditional UPDATE at the version read (a concurrent operator's change makes it refuse with 2021)
 * and one line of the append-only history, so nothing an operator wrote is ever overwritten. Every
 * change moves updated_at, so the next incremental WORK_ORDER report carries it to the city.
 */
@Injectable()
export class WorkOrderService {
  private readonly logger = new Logger('WorkOrders');
  private readonly sla: Record<number, SlaTarget>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: WorkOrderRepository,
    private readonly nodeInfo: NodeInfoService,
    private readonly config: OpsNodeConfig,
    private readonly clock: Clock,
  ) {
    this.sla = parseSlaTable(config.WORK_ORDER_SLA);
  }

  /** The SLA targets an order of this ops level gets at creation. */
  targetsOf(opsLevel: number): { respond_target_s: number; resolve_target_s: number } {
    const t = this.sla[opsLevel] ?? this.sla[4];
    return { respond_target_s: t.respondSeconds, resolve_target_s: t.resolveSeconds };
  }

  private async newId(now: Date): Promise<string> {
    const info = await this.nodeInfo.get();
    const stamp = now.toISOString().slice(0, 10).replace(/-/g, '');
    return `${info.nodeCode}-WO-${stamp}-${randomBytes(4).toString('hex')}`;
  }

  async create(dto: CreateWorkOrderDto, actor: string): Promise<WorkOrderRow> {
    const now = this.clock.now();
    const info = await this.nodeInfo.get();
    const orderId = await this.newId(now);
    const state = workOrderMachine.next(null, E.CREATE);
    await this.uow.run(async (tx) => {
      await tx.get(WorkOrderRepository).insert(
        {
          ...this.blank(dto.opsLevel),
          order_id: orderId,
          subject: dto.subject,
          content: dto.content,
          origin_unit: info.unitName,
          business_type: dto.businessType,
          receiver_unit: dto.receiverUnit,
          origin_contact: dto.originContact,
          origin_phone: dto.originPhone,
          receiver_contact: dto.receiverContact ?? null,
          receiver_phone: dto.receiverPhone ?? null,
          state,
          status: wireStatusOf(state, false),
          order_type: dto.orderType ?? 'SELF',
        },
        now,
      );
      await tx.get(WorkOrderHistoryRepository).append({ orderId, actor, event: E.CREATE, from: null, to: state, note: null }, now);
    });
    this.logger.log({ msg: 'work order created', orderId, actor });
    return (await this.repo.get(orderId)) as WorkOrderRow;
  }

  /** 告警转工单: a fault order raised from an alert, linked both ways (the alert names the order, its history says so); one order per alert. */
  async createFromAlert(alertId: string, dto: FromAlertDto, actor: string): Promise<WorkOrderRow> {
    const now = this.clock.now();
    const info = await this.nodeInfo.get();
    const orderId = await this.newId(now);
    const state = workOrderMachine.next(null, E.FROM_ALERT);
    await this.uow.run(async (tx) => {
      const alert = await tx.get(AlertRepository).get(alertId, true);
      if (!alert) throw AppError.notFound(`告警 ${alertId} 不存在`);
      if (alert.work_order_id) throw new AppError(ReturnCode.CONFLICT, `告警 ${alertId} 已转工单 ${alert.work_order_id}`);
      await tx.get(WorkOrderRepository).insert(
        {
          ...this.blank(dto.opsLevel),
          order_id: orderId,
          subject: (dto.subject ?? `告警处理：${alert.rule_name ?? alert.metric}（${alert.sub_resource_id || alert.resource_id}）`).slice(0, 200),
          content: dto.content ?? alert.message,
          origin_unit: info.unitName,
          business_type: '故障处理',
          receiver_unit: info.unitName,
          origin_contact: actor,
          origin_phone: info.dutyPhone,
          receiver_contact: null,
          receiver_phone: null,
          state,
          status: wireStatusOf(state, false),
          order_type: 'SELF',
          alert_id: alertId,
        },
        now,
      );
      if (!(await tx.get(AlertRepository).linkWorkOrder(alertId, orderId))) throw new AppError(ReturnCode.CONFLICT, `告警 ${alertId} 已转工单`);
      await tx
        .get(WorkOrderHistoryRepository)
        .append({ orderId, actor, event: E.FROM_ALERT, from: null, to: state, note: alert.message, detail: { alertId } }, now);
      await this.alertLog(tx, alert.alert_id, alert.resource_id, actor, 'ALERT_WORK_ORDER', `${actor} 将告警转为工单 ${orderId}`, { orderId }, now);
    });
    this.logger.log({ msg: 'work order raised from an alert', orderId, alertId, actor });
    return (await this.repo.get(orderId)) as WorkOrderRow;
  }

  /** What every new order starts with besides its own fields. */
  private blank(
    opsLevel: number,
  ): Omit<
    NewWorkOrder,
    | 'order_id'
    | 'subject'
    | 'content'
    | 'origin_unit'
    | 'business_type'
    | 'receiver_unit'
    | 'origin_contact'
    | 'origin_phone'
    | 'receiver_contact'
    | 'receiver_phone'
    | 'state'
    | 'status'
    | 'order_type'
  > {
    return {
      receiver_feedback: null,
      concluded_at: null,
      ops_level: opsLevel,
      star_rating: null,
      ops_evaluation: null,
      origin: 'LOCAL',
      parent_id: null,
      assignee_kind: null,
      assignee: null,
      alert_id: null,
      responded_at: null,
      ...this.targetsOf(opsLevel),
    };
  }

  /** A work order received from the city, as the inbound feature stores it (RECEIVE: new, collaborative, SLA of its level). */
  cityOrder(
    fields: Pick<
      NewWorkOrder,
      | 'order_id'
      | 'subject'
      | 'content'
      | 'origin_unit'
      | 'business_type'
      | 'receiver_unit'
      | 'origin_contact'
      | 'origin_phone'
      | 'receiver_contact'
      | 'receiver_phone'
      | 'ops_level'
    >,
  ): NewWorkOrder {
    const state = workOrderMachine.next(null, E.RECEIVE);
    return { ...this.blank(fields.ops_level), ...fields, origin: 'CITY', order_type: 'COLLABORATIVE', state, status: wireStatusOf(state, false) };
  }

  /** The history line of an order received from the city (in the inbound transaction, when it was new). */
  async recordReceived(tx: Repositories, orderId: string, now: Date): Promise<void> {
    await tx.get(WorkOrderHistoryRepository).append({ orderId, actor: 'city', event: E.RECEIVE, from: null, to: S.NEW, note: null }, now);
  }

  async act(orderId: string, dto: WorkOrderActionDto, actor: string): Promise<WorkOrderRow> {
    const now = this.clock.now();
    const after = await this.uow.run(async (tx) => {
      const repo = tx.get(WorkOrderRepository);
      const o = await repo.get(orderId);
      if (!o) throw AppError.notFound(`工单 ${orderId} 不存在`);
      if (dto.version !== undefined && dto.version !== Number(o.version)) throw stale(orderId);
      if (dto.action === 'feedback' || dto.action === 'note') return this.entry(tx, o, dto.action, dto, actor, now);
      const event = EVENT_OF_ACTION[dto.action];
      const to = workOrderMachine.next(o.state, event, dto);
      const set: WorkOrderChange = {};
      const resumeClock = () => {
        if (o.clock_paused_since) {
          set.clock_paused_ms_add = Math.max(0, now.getTime() - o.clock_paused_since.getTime());
          set.clock_paused_since = null;
        }
      };
      switch (event) {
        case E.ACCEPT:
          set.assignee = dto.assignee ?? o.assignee ?? actor;
          set.assignee_kind = dto.assignee ? (dto.assigneeKind ?? 'PERSON') : (o.assignee_kind ?? 'PERSON');
          if (dto.receiverContact) set.receiver_contact = dto.receiverContact;
          if (dto.receiverPhone) set.receiver_phone = dto.receiverPhone;
          break;
        case E.ASSIGN:
          set.assignee = dto.assignee;
          set.assignee_kind = dto.assigneeKind ?? 'PERSON';
          resumeClock();
          set.pending_reason = null;
          break;
        case E.START:
          if (!o.assignee) {
            set.assignee = actor;
            set.assignee_kind = 'PERSON';
          }
          break;
        case E.PEND:
          set.pending_reason = dto.reason;
          set.clock_paused_since = now;
          break;
        case E.RESUME:
        case E.ESCALATE:
          resumeClock();
          set.pending_reason = null;
          break;
        case E.RESOLVE: {
          const open = (await repo.children(orderId)).filter((c) => c.state !== S.RESOLVED && c.state !== S.CLOSED);
          if (open.length)
            throw new AppError(ReturnCode.CHILDREN_OPEN, `${open.map((c) => `${c.order_id}（${workOrderMachine.stateLabel(c.state)}）`).join('、')}`, {
              openChildren: open.map((c) => c.order_id),
            });
          set.resolved_at = now;
          set.concluded_at = now;
          set.clock_paused_since = now;
          if (dto.feedback) set.receiver_feedback = dto.feedback;
          break;
        }
        case E.REOPEN:
          if (!withinReopenWindow(o.resolved_at, now, this.config.WORK_ORDER_REOPEN_WINDOW_SECONDS))
            throw new AppError(
              ReturnCode.ILLEGAL_TRANSITION,
              `${o.order_id} 解决已超过 ${Math.round(this.config.WORK_ORDER_REOPEN_WINDOW_SECONDS / 3600)} 小时，不能重新打开，请新建工单`,
            );
          resumeClock();
          set.resolved_at = null;
          set.concluded_at = null;
          break;
        case E.CLOSE:
          set.closed_at = now;
          set.star_rating = dto.starRating;
          set.ops_evaluation = dto.evaluation ?? null;
          break;
        case E.CREATE:
        case E.RECEIVE:
        case E.FROM_ALERT:
        case E.SPLIT:
          throw new Error(`${event} creates an order; it is no action`);
      }
      if (!o.responded_at && [E.ACCEPT, E.ASSIGN, E.START].includes(event)) set.responded_at = now;
      set.status = wireStatusOf(to, (set.receiver_feedback ?? o.receiver_feedback) !== null);
      if (!(await repo.transition(orderId, event, Number(o.version), set, now))) throw stale(orderId);
      const note = dto.reason ?? dto.feedback ?? dto.note ?? dto.evaluation ?? null;
      const detail = this.detailOf(event, dto, set);
      await tx.get(WorkOrderHistoryRepository).append({ orderId, actor, event, from: o.state, to, note, detail }, now);
      if (event === E.RESOLVE && o.alert_id) {
        const alert = await tx.get(AlertRepository).get(o.alert_id);
        if (alert)
          await this.alertLog(
            tx,
            alert.alert_id,
            alert.resource_id,
            actor,
            'ALERT_WORK_ORDER',
            `工单 ${orderId} 已解决（${actor}）${note ? `：${note}` : ''}`,
            { orderId },
            now,
          );
      }
      this.logger.log({ msg: 'work order moved', orderId, from: o.state, to, actor });
      return (await repo.get(orderId)) as WorkOrderRow;
    });
    return after;
  }

  private detailOf(event: WorkOrderEvent, dto: WorkOrderActionDto, set: WorkOrderChange): Record<string, unknown> | undefined {
    if (event === E.ASSIGN || event === E.ACCEPT) return { assignee: set.assignee, assigneeKind: set.assignee_kind };
    if (event === E.CLOSE) return { starRating: dto.starRating };
    return undefined;
  }

  /** 反馈 / 记录: a history line (no state change); a 反馈 is also the latest feedback the report carries. */
  private async entry(tx: Repositories, o: WorkOrderRow, entry: WorkOrderEntry, dto: WorkOrderActionDto, actor: string, now: Date): Promise<WorkOrderRow> {
    const text = entry === 'feedback' ? dto.feedback : dto.note;
    const refused = entryRefusal(o.state, entry, text);
    if (refused) throw new AppError(refused.code, refused.detail);
    const set: WorkOrderChange = entry === 'feedback' ? { receiver_feedback: text, status: wireStatusOf(o.state, true) } : {};
    if (!(await tx.get(WorkOrderRepository).touch(o.order_id, Number(o.version), set, now))) throw stale(o.order_id);
    await tx
      .get(WorkOrderHistoryRepository)
      .append({ orderId: o.order_id, actor, event: entry.toUpperCase(), from: o.state, to: o.state, note: text ?? null }, now);
    return (await tx.get(WorkOrderRepository).get(o.order_id)) as WorkOrderRow;
  }

  /**
   * 分解: child orders, each assigned to a different person or unit at once (their response clock
   * stops there); the parent stays as it is and resolves only when every child is resolved or closed.
   */
  async split(orderId: string, dto: SplitWorkOrderDto, actor: string): Promise<{ parent: WorkOrderRow; children: WorkOrderRow[] }> {
    const now = this.clock.now();
    const names = dto.children.map((c) => `${c.assigneeKind ?? 'PERSON'}:${c.assignee}`);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new AppError(ReturnCode.BAD_PARAMETER, `子工单须分派给不同的处理人（${dup.split(':')[1]} 重复）`, { field: 'children' });
    const ids: string[] = [];
    for (let i = 0; i < dto.children.length; i++) ids.push(await this.newId(now));
    return this.uow.run(async (tx) => {
      const repo = tx.get(WorkOrderRepository);
      const p = await repo.get(orderId);
      if (!p) throw AppError.notFound(`工单 ${orderId} 不存在`);
      if (dto.version !== undefined && dto.version !== Number(p.version)) throw stale(orderId);
      if (p.parent_id) throw new AppError(ReturnCode.ILLEGAL_TRANSITION, `${orderId} 是子工单，不能再分解`);
      if (![S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.ESCALATED].includes(p.state)) throw new AppError(ReturnCode.ILLEGAL_TRANSITION, `${p.state} → SPLIT`);
      const set: WorkOrderChange = p.responded_at ? {} : { responded_at: now };
      if (!(await repo.touch(orderId, Number(p.version), set, now))) throw stale(orderId);
      const state = S.ASSIGNED;
      for (const [i, c] of dto.children.entries()) {
        workOrderMachine.next(null, E.SPLIT, { assignee: c.assignee });
        await repo.insert(
          {
            ...this.blank(Number(p.ops_level)),
            order_id: ids[i],
            subject: c.subject,
            content: c.content ?? p.content,
            origin_unit: p.origin_unit,
            business_type: p.business_type,
            receiver_unit: c.assigneeKind === 'GROUP' ? c.assignee.slice(0, 128) : p.receiver_unit,
            origin_contact: p.origin_contact,
            origin_phone: p.origin_phone,
            receiver_contact: null,
            receiver_phone: null,
            state,
            status: wireStatusOf(state, false),
            order_type: p.order_type,
            parent_id: orderId,
            assignee: c.assignee,
            assignee_kind: c.assigneeKind ?? 'PERSON',
            responded_at: now,
          },
          now,
        );
        await tx.get(WorkOrderHistoryRepository).append(
          {
            orderId: ids[i],
            actor,
            event: E.SPLIT,
            from: null,
            to: state,
            note: `由 ${orderId} 分解`,
            detail: { parentOrderId: orderId, assignee: c.assignee },
          },
          now,
        );
      }
      await tx.get(WorkOrderHistoryRepository).append(
        {
          orderId,
          actor,
          event: 'SPLIT_INTO',
          from: p.state,
          to: p.state,
          note: dto.children.map((c, i) => `${ids[i]} → ${c.assignee}`).join('；'),
          detail: { children: ids },
        },
        now,
      );
      this.logger.log({ msg: 'work order split', orderId, children: ids, actor });
      return { parent: (await repo.get(orderId)) as WorkOrderRow, children: await repo.children(orderId) };
    });
  }

  private async alertLog(
    tx: Repositories,
    alertId: string,
    resourceId: string,
    actor: string,
    event: string,
    message: string,
    detail: Record<string, unknown>,
    now: Date,
  ) {
    await tx.get(SystemLogRepository).write([{ level: 'INFO', category: 'ALERT', event, alertId, resourceId, actor, message, detail }], now);
  }
}
