import { AppError, ReturnCode } from '@app/common';
import { CallbackStage, DepartmentConfig, ItemResult, NotifyCallbackRequest, summarize, Topology, NotificationResponse } from '@app/exchange-contract';
import { FrontDbRegistry } from '@app/front-db';
import { Inject, Injectable } from '@nestjs/common';
import { OneWindowConfig, TOPOLOGY } from '../config/one-window.config';
import { TakeCallbackUseCase, toItemResult } from './take-callback.use-case';

/**
 * A department says "callbacks are waiting". For each application named, the platform takes
 * every untaken callback of that application in stage order — so a notification that
 * overtakes an earlier one (办结 before 受理) still applies both, in the right order.
 */
@Injectable()
export class ReceiveCallbackNotificationUseCase {
  private readonly byUsername: Map<string, DepartmentConfig>;

  constructor(
    private readonly take: TakeCallbackUseCase,
    private readonly frontDbs: FrontDbRegistry,
    @Inject(TOPOLOGY) topology: Topology,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
  ) {
    this.byUsername = new Map(topology.departments.map((d) => [d.deptCredential.username, d]));
  }

  /** Password lookup for the SOAP and HTTP authentication of departments. */
  readonly lookupPassword = (username: string): string | undefined => this.byUsername.get(username)?.deptCredential.password;

  async execute(req: NotifyCallbackRequest, authenticatedUser: string, correlationId: string): Promise<NotificationResponse> {
    const dept = this.byUsername.get(authenticatedUser);
    if (!dept || dept.code !== req.deptCode) throw new AppError(ReturnCode.DEPARTMENT_MISMATCH, `${authenticatedUser} → ${req.deptCode}`);
    const front = this.frontDbs.get(dept.code);
    const outcomes = new Map<string, ItemResult>();
    const keyOf = (a: string, v: number, s: string) => `${a}#${v}#${s}`;
    for (const applyNo of new Set(req.items.map((i) => i.applyNo))) {
      const untaken = await front.listUntaken('callback', 0, 50, applyNo);
      for (const u of untaken) {
        const key = { applyNo, version: u.version, stage: u.stage as CallbackStage };
        outcomes.set(keyOf(applyNo, u.version, u.stage), toItemResult(key, await this.take.execute(dept.code, key, 'NOTIFY', correlationId)));
      }
    }
    // sequential: a batch may name the same record twice, and the second must see the first's commit
    const results: ItemResult[] = [];
    for (const it of req.items) {
      const known = outcomes.get(keyOf(it.applyNo, it.version, it.stage));
      // a record taken in this request answers with that outcome once, and as a duplicate after that
      if (known) {
        results.push(known);
        outcomes.delete(keyOf(it.applyNo, it.version, it.stage));
        continue;
      }
      // not among the untaken records: either taken earlier (a duplicate) or not in the front DB
      results.push(toItemResult(it, await this.take.execute(dept.code, it, 'NOTIFY', correlationId)));
    }
    return { ...summarize(results), results };
  }
}
