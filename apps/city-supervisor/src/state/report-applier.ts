import { ReportCategory, ReportMessage } from '@app/ops-contract';
import { Injectable } from '@nestjs/common';
import { Repositories } from '@app/common';
import { planApply } from './apply-plan';
import { CurrentStateRepository } from './current-state.repository';
import { PerfSampleRepository } from './perf-sample.repository';
import { RowContext, STATE_TABLES, StateTable } from './state-tables';

export interface ApplySummary {
  written: number;
  removed: number;
  stale: number;
}

/** Applies the items of an accepted report to the current-state tables, inside the caller's unit of work. */
@Injectable()
export class ReportApplier {
  async apply(tx: Repositories, message: ReportMessage, ctx: RowContext): Promise<ApplySummary> {
    if (message.category === ReportCategory.PERFORMANCE) {
      const written = await tx.get(PerfSampleRepository).insertNew(message.items, ctx);
      return { written, removed: 0, stale: message.items.length - written };
    }
    return this.applyState(tx.get(CurrentStateRepository), STATE_TABLES[message.category], message, ctx);
  }

  /**
   * Reads (and locks) what the city holds for the report's keys — for a FULL inventory report, every
   * row of the node, since those it leaves out are to be removed. Locking serialises two reports of
   * one node that touch the same rows. Then writes what the plan (a pure function) decided.
   */
  private async applyState(repo: CurrentStateRepository, t: StateTable, message: ReportMessage, ctx: RowContext): Promise<ApplySummary> {
    const existing =
      message.mode === 'FULL' && t.rules.removable
        ? await repo.lockAllOfNode(t, ctx.nodeCode)
        : await repo.lockKeys(t, ctx.nodeCode, [...new Set(message.items.map((i) => t.rules.keyOf(i)))]);
    const plan = planApply(message.items, existing, message.mode, Date.parse(message.generatedAt), t.rules);
    await repo.upsert(t, plan.write, ctx);
    await repo.markRemoved(t, plan.remove, ctx);
    return { written: plan.write.length, removed: plan.remove.length, stale: plan.stale };
  }
}
