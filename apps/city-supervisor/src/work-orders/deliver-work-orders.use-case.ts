import { backoffMs, Clock, ReturnCode, runWithCorrelation } from '@app/common';
import { PeerCallError } from '@app/exchange-contract';
import { isPermanentRefusal, sealSecureMessage, validateItem, ReportCategory } from '@app/ops-contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CityConfig } from '../config/city.config';
import { CityKeys } from '../core/city-keys';
import { NodeRegistry } from '../core/node-registry';
import { UnitOfWork } from '../database/unit-of-work';
import { NodeMessenger } from './node-messenger';
import { ClaimedWorkOrder, WorkOrderOutboxRepository } from './work-order-outbox.repository';
import { workOrderMessage } from './work-order-message';

const CLAIM_BATCH = 20;

type Outcome =
  { kind: 'delivered'; code: string } | { kind: 'failed'; code: string | null; error: string } | { kind: 'retry'; code: string | null; error: string };

/** Classifies a send failure: a permanent refusal stops, everything else (timeout, network, 5xxx, 3003, 3006) is retried. */
export function classifySendError(err: unknown): Exclude<Outcome, { kind: 'delivered' }> {
  if (err instanceof PeerCallError) {
    if (err.kind === 'fault' && isPermanentRefusal(err.code)) return { kind: 'failed', code: err.code ?? null, error: err.message };
    return { kind: 'retry', code: err.code ?? null, error: `${err.kind}: ${err.message}` };
  }
  return { kind: 'retry', code: null, error: (err as Error)?.message ?? String(err) };
}

/**
 * Delivers queued work orders to their nodes: claims due outbox rows (a lease, so replicas never send
 * the same row at once), seals each as a SecureMessage signed by the city and encrypted to the node,
 * sends it, and records the outcome. A retry re-signs with a fresh timestamp and nonce but keeps the
 * messageId, so the district stores the order once.
 */
@Injectable()
export class DeliverWorkOrdersUseCase {
  private readonly logger = new Logger('WorkOrderSender');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly registry: NodeRegistry,
    private readonly keys: CityKeys,
    private readonly messenger: NodeMessenger,
    private readonly clock: Clock,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  /** Sends one batch of due orders; returns how many were claimed. */
  async execute(): Promise<number> {
    const now = this.clock.now();
    const token = randomBytes(16).toString('hex');
    const outbox = this.uow.autocommit.get(WorkOrderOutboxRepository);
    const claimed = await outbox.claimDue(token, now, new Date(now.getTime() + this.config.WORK_ORDER_LEASE_MS), CLAIM_BATCH);
    if (claimed === 0) return 0;
    const rows = await outbox.claimed(token);
    await Promise.all(rows.map((row) => runWithCorrelation(String(row.correlation_id), () => this.deliver(row, token))));
    return rows.length;
  }

  private async deliver(row: ClaimedWorkOrder, token: string): Promise<void> {
    const id = Number(row.id);
    const attempts = Number(row.attempts) + 1;
    const outcome = await this.attempt(row);
    const now = this.clock.now();
    const outbox = this.uow.autocommit.get(WorkOrderOutboxRepository);
    const base = { orderId: row.order_id, nodeCode: row.node_code, messageId: row.message_id, attempts };
    switch (outcome.kind) {
      case 'delivered':
        await outbox.markDelivered(id, token, attempts, outcome.code, now);
        this.logger.log({ msg: 'work order delivered', ...base, code: outcome.code });
        return;
      case 'failed':
        await outbox.markFailed(id, token, attempts, outcome.code, outcome.error);
        this.logger.error({ msg: 'work order refused by the node; not retried', ...base, code: outcome.code, err: outcome.error });
        return;
      case 'retry': {
        const next = new Date(now.getTime() + backoffMs(attempts, this.config.WORK_ORDER_RETRY_BASE_MS, this.config.WORK_ORDER_RETRY_MAX_MS));
        await outbox.scheduleRetry(id, token, attempts, outcome.code, outcome.error, next);
        this.logger.warn({ msg: 'work order not delivered; will retry', ...base, code: outcome.code, err: outcome.error, nextAttemptAt: next });
        return;
      }
    }
  }

  private async attempt(row: ClaimedWorkOrder): Promise<Outcome> {
    const node = this.registry.find(String(row.node_code));
    const recipient = node && this.keys.nodeKey(node.nodeCode);
    if (!node || !recipient) return { kind: 'failed', code: null, error: `node ${String(row.node_code)} is no longer registered` };
    const message = workOrderMessage(this.config.CITY_NODE_CODE, row, this.clock.now());
    // a stored order that breaks the item rules would be refused with 3011 forever: stop here, visibly
    const violations = validateItem(ReportCategory.WORK_ORDER, message.items[0], 'items[0]');
    if (violations.length) return { kind: 'failed', code: null, error: violations.map((v) => `${v.path}: ${v.detail}`).join('; ') };
    try {
      const sealed = sealSecureMessage(
        {
          nodeCode: this.config.CITY_NODE_CODE,
          category: ReportCategory.WORK_ORDER,
          mode: message.mode,
          messageId: String(row.message_id),
          plaintext: Buffer.from(JSON.stringify(message), 'utf8'),
        },
        this.keys.city,
        recipient,
        { encryption: 'SM2', cipherMode: 'C1C3C2', cipherFormat: 'prefixed04' },
        this.clock.now(),
      );
      const answer = await this.messenger.send(node, sealed, String(row.correlation_id));
      if (answer.code === ReturnCode.OK || answer.code === ReturnCode.DUPLICATE) return { kind: 'delivered', code: answer.code };
      return isPermanentRefusal(answer.code)
        ? { kind: 'failed', code: answer.code, error: answer.message }
        : { kind: 'retry', code: answer.code, error: answer.message };
    } catch (err) {
      return classifySendError(err);
    }
  }
}
