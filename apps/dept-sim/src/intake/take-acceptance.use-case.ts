import { Stage } from '@app/exchange-contract';
import { TakeResult } from '@app/front-db';
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SimDepartment } from '../core/sim-departments';

/**
 * The department takes an acceptance out of its front DB: reads it, checks every
 * material's SM3 digest, and schedules its own processing — in the same front-DB
 * transaction as the TAKEN shadow row, so a record is taken and scheduled exactly once.
 */
@Injectable()
export class TakeAcceptanceUseCase {
  private readonly logger = new Logger(TakeAcceptanceUseCase.name);

  async execute(dept: SimDepartment, applyNo: string, version: number, via: 'NOTIFY' | 'SCAN', correlationId: string): Promise<TakeResult> {
    const res = await dept.front.take({ applyNo, version, stage: Stage.ACCEPTANCE }, { party: dept.code, operator: dept.clerk, correlationId }, async (q) => {
      const acc = await dept.front.readAcceptance(q, applyNo, version);
      if (!acc) return { defer: true, note: 'record vanished' };
      const bad = acc.materials.find((m) => createHash('sm3').update(m.content).digest('hex') !== m.sm3);
      if (bad) {
        this.logger.warn({ msg: 'material digest mismatch', applyNo, version, material: bad.materialCode });
        return { outcome: 'REJECTED', note: `SM3 mismatch on ${bad.materialCode}` };
      }
      await q.query(
        `INSERT INTO sim_job (kind, apply_no, version, stage, due_at, correlation_id) VALUES ('PROCESS', ?, ?, '', NOW(3) + INTERVAL ? MICROSECOND, ?)
         ON DUPLICATE KEY UPDATE id = id`,
        [applyNo, version, dept.profile.acceptDelayMs * 1000, correlationId],
      );
      return { outcome: 'APPLIED' };
    });
    if (res.status === 'taken') {
      if (via === 'NOTIFY') dept.counters.takenViaNotify++;
      else dept.counters.takenViaScan++;
    }
    return res;
  }
}
