import { Clock } from '@app/common';
import { Injectable } from '@nestjs/common';
import { WorkOrderRepository } from './work-order.repository';
import { resolveElapsedMs, respondElapsedMs } from './work-order-sla';

/** The figures of the work orders created in [from, to): what the 运维考核 (assessment) feature reads. */
export interface WorkOrderFigures {
  byState: Record<string, number>;
  byType: Record<string, number>;
  total: number;
  /** orders that responded in time / orders whose response is decided (responded, or unanswered past the target) */
  respondSlaMet: number;
  respondSlaTotal: number;
  /** orders resolved in time / orders whose resolution is decided (resolved or closed, or open past the target) */
  resolveSlaMet: number;
  resolveSlaTotal: number;
  /** over the orders that responded / were resolved; null when none */
  meanTimeToRespondSeconds: number | null;
  meanTimeToResolveSeconds: number | null;
}

/**
 * Reads the work-order figures of a period (the clocks as the SLA job counts them: the resolve clock
 * without the time an order waited or stayed resolved before a reopen).
 */
@Injectable()
export class WorkOrderFiguresReader {
  constructor(
    private readonly repo: WorkOrderRepository,
    private readonly clock: Clock,
  ) {}

  async figures(from: Date, to: Date): Promise<WorkOrderFigures> {
    const now = this.clock.now();
    const rows = await this.repo.createdBetween(from, to);
    const out: WorkOrderFigures = {
      byState: {},
      byType: {},
      total: rows.length,
      respondSlaMet: 0,
      respondSlaTotal: 0,
      resolveSlaMet: 0,
      resolveSlaTotal: 0,
      meanTimeToRespondSeconds: null,
      meanTimeToResolveSeconds: null,
    };
    let respondSum = 0;
    let responded = 0;
    let resolveSum = 0;
    let resolved = 0;
    for (const o of rows) {
      out.byState[o.state] = (out.byState[o.state] ?? 0) + 1;
      out.byType[o.order_type] = (out.byType[o.order_type] ?? 0) + 1;
      const respondMs = respondElapsedMs(o, now);
      const respondLate = respondMs > Number(o.respond_target_s) * 1000;
      if (o.responded_at || respondLate) out.respondSlaTotal++;
      if (o.responded_at) {
        responded++;
        respondSum += respondMs;
        if (!respondLate) out.respondSlaMet++;
      }
      const resolveMs = resolveElapsedMs(o, now);
      const resolveLate = resolveMs > Number(o.resolve_target_s) * 1000;
      if (o.resolved_at || resolveLate) out.resolveSlaTotal++;
      if (o.resolved_at) {
        resolved++;
        resolveSum += resolveMs;
        if (!resolveLate) out.resolveSlaMet++;
      }
    }
    out.meanTimeToRespondSeconds = responded ? Math.round(respondSum / responded / 1000) : null;
    out.meanTimeToResolveSeconds = resolved ? Math.round(resolveSum / resolved / 1000) : null;
    return out;
  }
}
