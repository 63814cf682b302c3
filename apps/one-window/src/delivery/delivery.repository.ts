import { EntityManager } from 'typeorm';
import { DeliveryState } from './delivery-state-machine';
import { DeliveryEntity } from './delivery.entity';

/** The list filter `delivery=…` of the clerk API. */
export type DeliveryFilter = DeliveryState;

/**
 * The condition of ApplicationReadRepository.list for `delivery=<state>` on the application alias `a`:
 * the two waiting states are those of concluded applications without a delivery row yet (nothing
 * is stored before the first clerk step), the others those of the rows in that state.
 */
export function deliveryFilterSql(state: DeliveryFilter): { sql: string; params: Record<string, unknown> } {
  const waiting = { [DeliveryState.AWAITING_PICKUP]: 'PICKUP', [DeliveryState.AWAITING_MAILING]: 'EXPRESS' } as Partial<Record<DeliveryState, string>>;
  const method = waiting[state];
  if (method)
    return {
      sql: "a.state = 'CONCLUDED' AND a.delivery_method = :deliveryMethod AND NOT EXISTS (SELECT 1 FROM application_delivery d WHERE d.apply_no = a.apply_no AND d.state <> :deliveryState)",
      params: { deliveryMethod: method, deliveryState: state },
    };
  return { sql: 'EXISTS (SELECT 1 FROM application_delivery d WHERE d.apply_no = a.apply_no AND d.state = :deliveryState)', params: { deliveryState: state } };
}

/** The only code that reads or writes `application_delivery`. */
export class DeliveryRepository {
  constructor(private readonly em: EntityManager) {}

  find(applyNo: string): Promise<DeliveryEntity | null> {
    return this.em.findOne(DeliveryEntity, { where: { applyNo } });
  }

  /** The delivery row locked for the rest of the transaction (the application row is locked first). */
  lock(applyNo: string): Promise<DeliveryEntity | null> {
    return this.em.findOne(DeliveryEntity, { where: { applyNo }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts the row at the first step, updates it at the next (the caller holds the application's lock). */
  async save(row: DeliveryEntity, exists: boolean): Promise<void> {
    const { applyNo, createdAt: _c, updatedAt: _u, ...fields } = row;
    if (exists) await this.em.update(DeliveryEntity, { applyNo }, fields);
    else await this.em.insert(DeliveryEntity, { applyNo, ...fields });
  }
}
