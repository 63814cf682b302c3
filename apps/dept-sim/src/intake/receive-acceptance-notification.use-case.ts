import { AppError, ReturnCode, RETURN_CODES } from '@app/common';
import { ItemResult, NotificationResponse, NotifyAcceptanceRequest, summarize } from '@app/exchange-contract';
import { TakeResult } from '@app/front-db';
import { Injectable, Logger } from '@nestjs/common';
import { chance } from '../processing/chance';
import { SimDepartment } from '../core/sim-departments';
import { TakeAcceptanceUseCase } from './take-acceptance.use-case';

function codeOf(r: TakeResult): ReturnCode {
  switch (r.status) {
    case 'taken':
      return r.outcome === 'APPLIED' ? ReturnCode.OK : ReturnCode.BAD_PARAMETER;
    case 'already-taken':
      return ReturnCode.DUPLICATE;
    case 'missing':
      return ReturnCode.RECORD_NOT_IN_FRONT_DB;
    case 'busy':
    case 'deferred':
      return ReturnCode.DEFERRED;
    case 'failed':
      return ReturnCode.INTERNAL;
  }
}

@Injectable()
export class ReceiveAcceptanceNotificationUseCase {
  private readonly logger = new Logger(ReceiveAcceptanceNotificationUseCase.name);

  constructor(private readonly take: TakeAcceptanceUseCase) {}

  async execute(dept: SimDepartment, req: NotifyAcceptanceRequest, authenticatedUser: string, correlationId: string): Promise<NotificationResponse> {
    if (authenticatedUser !== dept.config.platformCredential.username || req.deptCode !== dept.code) {
      throw new AppError(ReturnCode.DEPARTMENT_MISMATCH, `${authenticatedUser} → ${req.deptCode}`);
    }
    dept.counters.notificationsReceived++;
    const kept: { applyNo: string; version: number }[] = [];
    const dropped = new Set<number>();
    req.items.forEach((it, i) => {
      if (chance(it.applyNo, it.version, 'inbound-drop') < dept.profile.inboundDropRate) {
        // simulated loss after the network: answered as if received, never acted upon
        dept.counters.notificationsDropped++;
        this.logger.log({ msg: 'simulated inbound notification loss', ...it });
        dropped.add(i);
      } else kept.push(it);
    });
    const taken = await this.take.execute(dept, kept, 'NOTIFY', correlationId);
    let k = 0;
    const results: ItemResult[] = req.items.map((it, i) => {
      const code = dropped.has(i) ? ReturnCode.OK : codeOf(taken[k++]);
      return { ...it, code, message: RETURN_CODES[code].message };
    });
    return { ...summarize(results), results };
  }
}
