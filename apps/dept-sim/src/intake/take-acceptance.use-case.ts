import { TakeDecision, TakeResult } from '@app/front-db';
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SimDepartment } from '../core/sim-departments';
import { NewSimJob, SimJobRepository } from '../database/sim-job.repository';

export interface AcceptanceKey {
  applyNo: string;
  version: number;
}

/**
 * The department takes acceptances out of its front DB: reads them, checks every material's
 * SM3 digest, and schedules its own processing — in the same front-DB transaction as the
 * TAKEN shadow rows, so each record is taken and scheduled exactly once. A whole
 * notification (or scan batch) is one transaction.
 */
@Injectable()
export class TakeAcceptanceUseCase {
  private readonly logger = new Logger(TakeAcceptanceUseCase.name);

  async execute(dept: SimDepartment, keys: AcceptanceKey[], via: 'NOTIFY' | 'SCAN', correlationId: string): Promise<TakeResult[]> {
    const results = await dept.front.takeAcceptances(keys, { party: dept.code, operator: dept.clerk, correlationId }, async (q, candidates) => {
      const records = await dept.front.readAcceptances(q, candidates);
      const jobs: NewSimJob[] = [];
      const integrity: NewSimJob[] = [];
      const decisions = candidates.map((c): TakeDecision => {
        const acc = records.get(`${c.applyNo}#${c.version}`);
        if (!acc) return { defer: true, note: 'record vanished' };
        const bad = acc.materials.filter((m) => createHash('sm3').update(m.content).digest('hex') !== m.sm3);
        if (bad.length) {
          // the contract's answer to a corrupted material: take it as REJECTED and ask for the
          // materials again with a 补正补齐 callback (stage column carries nothing; the worker re-checks)
          this.logger.warn({ msg: 'material digest mismatch; asking for the materials again (补正补齐)', ...c, materials: bad.map((m) => m.materialCode) });
          integrity.push({ kind: 'INTEGRITY', applyNo: c.applyNo, version: c.version, stage: '', delayMs: 0, correlationId: acc.correlationId });
          return { outcome: 'REJECTED', note: `SM3 mismatch on ${bad.map((m) => m.materialCode).join(',')}`.slice(0, 255) };
        }
        // contract version 2: where the result goes (a version-1 front DB has no such columns)
        this.logger.debug({
          msg: 'acceptance taken',
          ...c,
          deliveryMethod: acc.deliveryMethod ?? '(contract v1: not given)',
          mailTo: acc.deliveryAddress?.postcode ?? null,
        });
        jobs.push({
          kind: 'PROCESS',
          applyNo: c.applyNo,
          version: c.version,
          stage: '',
          delayMs: dept.profile.acceptDelayMs,
          correlationId: acc.correlationId,
        });
        return { outcome: 'APPLIED' };
      });
      // scheduled in the take's transaction: taken and scheduled exactly once, together
      const queue = new SimJobRepository(q);
      await queue.schedule(jobs);
      await queue.schedule(integrity);
      return decisions;
    });
    const taken = results.filter((r) => r.status === 'taken').length;
    // committed: the back office looks at its queue now rather than at its next poll
    if (taken > 0) dept.wake.kick();
    if (via === 'NOTIFY') dept.counters.takenViaNotify += taken;
    else dept.counters.takenViaScan += taken;
    return results;
  }
}
