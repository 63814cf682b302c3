import { AppError, ReturnCode, RETURN_CODES } from '@app/common';
import { CallbackStage, DepartmentConfig, ItemResult, NotificationResponse, NotifyCallbackRequest, summarize, Topology } from '@app/exchange-contract';
import { FrontDbRegistry } from '@app/front-db';
import { NonceStore, SqlNonceStore } from '@app/soap-kit';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TOPOLOGY } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { byApplyOrder, CallbackKey, TakeCallbackUseCase, toItemResult } from './take-callback.use-case';
import { ApplicationRepository } from '../applications/application.repository';

const unknownApplication = (k: CallbackKey): ItemResult => ({
  ...k,
  code: ReturnCode.NOT_FOUND,
  message: `${RETURN_CODES[ReturnCode.NOT_FOUND].message}：${k.applyNo}`,
});

/**
 * A department says "callbacks are waiting". The platform takes every untaken callback of the
 * applications named, in stage order, in one go — so a notification that overtakes an
 * earlier one (办结 before 受理) still applies both, in the right order.
 */
@Injectable()
export class ReceiveCallbackNotificationUseCase implements OnApplicationShutdown {
  private readonly byUsername: Map<string, DepartmentConfig>;
  private readonly nonceStore: SqlNonceStore;

  constructor(
    private readonly take: TakeCallbackUseCase,
    private readonly frontDbs: FrontDbRegistry,
    // the ws_nonce table belongs to soap-kit's SqlNonceStore, which issues its own SQL
    ds: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(TOPOLOGY) topology: Topology,
  ) {
    this.byUsername = new Map(topology.departments.map((d) => [d.deptCredential.username, d]));
    const logger = new Logger('WsNonce');
    this.nonceStore = new SqlNonceStore((sql, params) => ds.query(sql, params), {
      onPurgeError: (err) => logger.warn({ msg: 'nonce purge failed', err: (err as Error).message }),
    });
  }

  /**
   * Spent WS-Security nonces of the departments' tokens, in the platform DB: one store for the SOAP
   * service and the HTTP/JSON intake, shared by every replica, so a token is accepted once in all.
   */
  get nonces(): NonceStore {
    return this.nonceStore;
  }

  onApplicationShutdown(): void {
    this.nonceStore.close();
  }

  /** Password lookup for the SOAP and HTTP authentication of departments. */
  readonly lookupPassword = (username: string): string | undefined => this.byUsername.get(username)?.deptCredential.password;

  async execute(req: NotifyCallbackRequest, authenticatedUser: string, correlationId: string): Promise<NotificationResponse> {
    const dept = this.byUsername.get(authenticatedUser);
    if (!dept || dept.code !== req.deptCode) throw new AppError(ReturnCode.DEPARTMENT_MISMATCH, `${authenticatedUser} → ${req.deptCode}`);
    const applyNos = [...new Set(req.items.map((i) => i.applyNo))];
    const untaken = (await this.frontDbs.get(dept.code).listUntaken('callback', 0, 50 * applyNos.length, applyNos)).map((u) => ({
      ...u,
      stage: u.stage as CallbackStage,
    }));
    const id = (k: CallbackKey) => `${k.applyNo}#${k.version}#${k.stage}`;
    // everything waiting for these applications, plus what was named (to answer duplicates and missing records)
    const keys = [...untaken, ...req.items.filter((i) => !untaken.some((u) => id(u) === id(i)))].sort(byApplyOrder);
    const outcomes = await this.take.execute(dept.code, keys, 'NOTIFY', correlationId);
    // a record that is not in the front DB of an application the platform never registered: 2001, not
    // 2002 (which tells the department to notify again once the record is committed)
    const missing = [...new Set(keys.filter((_, i) => outcomes[i].status === 'missing').map((k) => k.applyNo))];
    const known = await this.uow.autocommit.get(ApplicationRepository).existing(missing);
    const byKey = new Map(
      keys.map((k, i) => [id(k), outcomes[i].status === 'missing' && !known.has(k.applyNo) ? unknownApplication(k) : toItemResult(k, outcomes[i])]),
    );
    // a record named twice answers with its outcome once and as a duplicate after that
    const answered = new Set<string>();
    const results = req.items.map((it) => {
      const r = byKey.get(id(it))!;
      if (answered.has(id(it))) return toItemResult(it, { status: 'already-taken' });
      answered.add(id(it));
      return r;
    });
    return { ...summarize(results), results };
  }
}
