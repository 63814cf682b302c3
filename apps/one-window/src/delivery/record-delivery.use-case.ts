import { Principal } from '@app/accounts';
import { AppError, Clock, ReturnCode, Repositories } from '@app/common';
import { Injectable } from '@nestjs/common';
import { ApplicationEntity } from '../applications/application.entity';
import { UnitOfWork } from '../database/unit-of-work';
import { idCardProblem, stepTimeProblem, waybillProblem } from './delivery-rules';
import { deliveryMachine, DeliveryEvent, DeliveryState, initialDeliveryState } from './delivery-state-machine';
import { DeliveredDto, ExpressDto, HandoverDto } from './delivery.dto';
import { DeliveryEntity } from './delivery.entity';
import { DeliveryDto } from './delivery.responses';
import { deliveryView } from './delivery-view';
import { ApplicationRepository } from '../applications/application.repository';
import { DeliveryRepository } from './delivery.repository';

export interface DeliveryAnswer {
  delivery: DeliveryDto;
  /** true when the request repeated the step already recorded (nothing changed) */
  replayed: boolean;
}

const bad = (field: string, message: string): AppError => new AppError(ReturnCode.BAD_PARAMETER, message, { field });

/**
 * 出件: records the hand-over at the window, the express mailing and its delivery, each in one
 * transaction that locks the application row first (so two clerks recording at once take turns,
 * and the second sees the first's record). The state machine decides what fits; a repeat of the
 * step already recorded answers the record as it is.
 */
@Injectable()
export class RecordDeliveryUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  handover(applyNo: string, dto: HandoverDto, clerk: Principal): Promise<DeliveryAnswer> {
    const idProblem = idCardProblem(dto.collectorIdNo);
    if (idProblem) throw bad('collectorIdNo', `领取人身份证号${idProblem}`);
    return this.step(applyNo, DeliveryEvent.HAND_OVER, (app, row) => {
      if (row?.state === DeliveryState.HANDED_OVER) {
        const same = row.collectorName === dto.collectorName && row.collectorIdNo === dto.collectorIdNo && row.collectorRelation === dto.relation;
        if (same) return 'replay';
        throw new AppError(ReturnCode.CONFLICT, `办理结果已于 ${beijing(row.handedOverAt)} 由 ${row.collectorName ?? ''} 领取，不能重复出件`, {
          deliveryState: row.state,
          handedOverAt: row.handedOverAt,
          handedOverBy: row.handedOverBy,
        });
      }
      if (dto.relation === '本人') {
        if (app.applicantType === 'ORG') throw bad('relation', '申请人为法人，领取人应为代理人（经办人），请选择“代理人”');
        if (dto.collectorName !== app.applicantName || dto.collectorIdNo !== app.applicantIdNo)
          throw bad('relation', '领取人为本人时，姓名和身份证号须与申请人一致；他人领取请选择“代理人”');
      }
      return {
        collectorName: dto.collectorName,
        collectorIdNo: dto.collectorIdNo,
        collectorRelation: dto.relation,
        idChecked: 1,
        handedOverAt: this.clock.now(),
        handedOverBy: clerk.username,
        handedOverWindow: clerk.windowNo,
      };
    });
  }

  mail(applyNo: string, dto: ExpressDto, clerk: Principal): Promise<DeliveryAnswer> {
    const problem = waybillProblem(dto.carrier, dto.waybillNo);
    if (problem) throw bad('waybillNo', problem);
    return this.step(applyNo, DeliveryEvent.MAIL, (app, row) => {
      if (row?.state === DeliveryState.MAILED || row?.state === DeliveryState.DELIVERED) {
        if (row.carrier === dto.carrier && row.waybillNo === dto.waybillNo) return 'replay';
        throw new AppError(
          ReturnCode.CONFLICT,
          `办理结果已于 ${beijing(row.mailedAt)} 交 ${row.carrier ?? ''} 寄出（运单号 ${row.waybillNo ?? ''}），不能重复登记寄出`,
          {
            deliveryState: row.state,
            carrier: row.carrier,
            waybillNo: row.waybillNo,
          },
        );
      }
      const now = this.clock.now();
      const mailedAt = dto.mailedAt ? new Date(dto.mailedAt) : now;
      const t = stepTimeProblem(mailedAt, now, app.concludedAt, '交寄时间', '办结时间');
      if (t) throw bad('mailedAt', t);
      return { carrier: dto.carrier, waybillNo: dto.waybillNo, mailedAt, mailedBy: clerk.username, mailedWindow: clerk.windowNo };
    });
  }

  delivered(applyNo: string, dto: DeliveredDto, clerk: Principal): Promise<DeliveryAnswer> {
    const deliveredAt = new Date(dto.deliveredAt);
    return this.step(applyNo, DeliveryEvent.DELIVER, (_app, row) => {
      if (row?.state === DeliveryState.DELIVERED) {
        if (row.deliveredAt?.getTime() === deliveredAt.getTime()) return 'replay';
        throw new AppError(ReturnCode.CONFLICT, `快递已于 ${beijing(row.deliveredAt)} 签收，不能重复登记`, {
          deliveryState: row.state,
          deliveredAt: row.deliveredAt,
        });
      }
      const now = this.clock.now();
      const t = stepTimeProblem(deliveredAt, now, row?.mailedAt ?? null, '签收时间', '交寄时间');
      if (t) throw bad('deliveredAt', t);
      return { deliveredAt, deliveredBy: clerk.username, deliveredRecordedAt: now };
    });
  }

  /**
   * One step: lock the application and its delivery row, let `decide` check the request against
   * what is recorded (returning the fields to record, or 'replay' for a repeat), ask the state
   * machine, save.
   */
  private async step(
    applyNo: string,
    event: DeliveryEvent,
    decide: (app: ApplicationEntity, row: DeliveryEntity | null) => Partial<DeliveryEntity> | 'replay',
  ): Promise<DeliveryAnswer> {
    return this.uow.run(async (tx: Repositories) => {
      const app = await tx.get(ApplicationRepository).lock(applyNo);
      if (!app) throw AppError.notFound(`申报号 ${applyNo} 不存在`);
      const row = await tx.get(DeliveryRepository).lock(applyNo);
      const from = row?.state ?? initialDeliveryState(app.state, app.deliveryMethod);
      // anything but a repeat of a recorded step is judged by the machine before the request's content
      if (from === null || !REPEAT_STATES[event].includes(from)) deliveryMachine.next(from, event);
      const fields = decide(app, row);
      if (fields === 'replay') return { delivery: deliveryView(app, row)!, replayed: true };
      const state = deliveryMachine.next(from, event);
      const next = { ...emptyDelivery(applyNo, app.deliveryMethod), ...row, ...fields, state } as DeliveryEntity;
      await tx.get(DeliveryRepository).save(next, row !== null);
      return { delivery: deliveryView(app, next)!, replayed: false };
    });
  }
}

/** The states in which a request of this event may be a repeat of the step already recorded (decided by `decide`). */
const REPEAT_STATES: Record<DeliveryEvent, readonly DeliveryState[]> = {
  [DeliveryEvent.AWAIT_PICKUP]: [],
  [DeliveryEvent.AWAIT_MAILING]: [],
  [DeliveryEvent.HAND_OVER]: [DeliveryState.HANDED_OVER],
  [DeliveryEvent.MAIL]: [DeliveryState.MAILED, DeliveryState.DELIVERED],
  [DeliveryEvent.DELIVER]: [DeliveryState.DELIVERED],
};

function emptyDelivery(applyNo: string, method: 'PICKUP' | 'EXPRESS'): Omit<DeliveryEntity, 'state' | 'createdAt' | 'updatedAt'> {
  return {
    applyNo,
    method,
    collectorName: null,
    collectorIdNo: null,
    collectorRelation: null,
    idChecked: null,
    handedOverAt: null,
    handedOverBy: null,
    handedOverWindow: null,
    carrier: null,
    waybillNo: null,
    mailedAt: null,
    mailedBy: null,
    mailedWindow: null,
    deliveredAt: null,
    deliveredBy: null,
    deliveredRecordedAt: null,
  };
}

/** A time in the clerk's words: Beijing time, to the minute. */
function beijing(d: Date | null): string {
  if (!d) return '';
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
