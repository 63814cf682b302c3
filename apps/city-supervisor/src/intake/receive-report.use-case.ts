import { AppError, Clock, Repositories, RETURN_CODES, ReturnCode } from '@app/common';
import { openSecureMessage, OpenedMessage, ReportCategory, SecureTransport, SubmitResult, wireTimestamp } from '@app/ops-contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CityConfig } from '../config/city.config';
import { CityKeys } from '../core/city-keys';
import { UnitOfWork } from '../database/unit-of-work';
import { ApplySummary, ReportApplier } from '../state';
import { CityReportRepository } from './city-report.repository';
import { NonceRepository } from './nonce.repository';
import { RefusalLog } from './refusal-log';

type StoreOutcome = { duplicate: false; reportId: number; summary: ApplySummary } | { duplicate: true; receivedAt: Date };

/**
 * 接收上报: opens a secure message in the published order (parameters, timestamp, node, signature,
 * replay, decryption, digest, message), then stores the report and applies its items in one
 * transaction. A messageId already stored for the node answers 0001 and changes nothing.
 */
@Injectable()
export class ReceiveReportUseCase {
  private readonly logger = new Logger('ReportIntake');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: CityKeys,
    private readonly refusals: RefusalLog,
    private readonly applier: ReportApplier,
    private readonly clock: Clock,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  async execute(raw: unknown, transport: SecureTransport, correlationId: string): Promise<SubmitResult> {
    const receivedAt = this.clock.now();
    let opened: OpenedMessage;
    let verifiedNode: string | null = null;
    try {
      opened = await openSecureMessage(raw, {
        senderKey: (code) => this.keys.nodeKey(code),
        recipientKey: this.keys.province,
        rememberNonce: (code, nonce, ts) => this.uow.autocommit.get(NonceRepository).remember(code, nonce, ts),
        now: () => this.clock.now(),
        maxSkewMs: this.config.MAX_CLOCK_SKEW_MS,
        onSignatureVerified: (code) => (verifiedNode = code),
      });
      this.checkItemsBelongToSender(opened);
    } catch (err) {
      if (err instanceof AppError) await this.refusals.record(raw, err, transport, correlationId, receivedAt, verifiedNode);
      throw err;
    }
    const { params, message } = opened;
    // REPEATABLE READ: the applier's FOR UPDATE must lock gaps too (see UnitOfWork)
    const outcome = await this.uow.run((tx) => this.store(tx, opened, transport, correlationId, receivedAt), { isolation: 'REPEATABLE READ' });
    if (outcome.duplicate) {
      this.logger.log({ msg: 'report already stored', nodeCode: params.nodeCode, category: params.category, messageId: params.messageId, transport });
      return {
        code: ReturnCode.DUPLICATE,
        message: RETURN_CODES[ReturnCode.DUPLICATE].message,
        messageId: params.messageId,
        receivedAt: wireTimestamp(outcome.receivedAt),
      };
    }
    this.logger.log({
      msg: 'report stored',
      nodeCode: params.nodeCode,
      category: params.category,
      mode: params.mode,
      messageId: params.messageId,
      items: message.items.length,
      transport,
      reportId: outcome.reportId,
      ...outcome.summary,
    });
    return { code: ReturnCode.OK, message: RETURN_CODES[ReturnCode.OK].message, messageId: params.messageId, receivedAt: wireTimestamp(receivedAt) };
  }

  /** A node reports its own access-node info only: another node's code inside the items would overwrite that node. */
  private checkItemsBelongToSender({ params, message }: OpenedMessage): void {
    if (params.category !== ReportCategory.NODE_INFO) return;
    const foreign = message.items.findIndex((i) => i.nodeCode !== params.nodeCode);
    if (foreign >= 0)
      throw new AppError(ReturnCode.CATEGORY_MISMATCH, `items[${foreign}].nodeCode ${String(message.items[foreign].nodeCode)} ≠ ${params.nodeCode}`);
  }

  private async store(
    tx: Repositories,
    { params, message, plaintext }: OpenedMessage,
    transport: SecureTransport,
    correlationId: string,
    receivedAt: Date,
  ): Promise<StoreOutcome> {
    const reports = tx.get(CityReportRepository);
    const reportId = await reports.insert({
      nodeCode: params.nodeCode,
      category: params.category,
      mode: params.mode,
      messageId: params.messageId,
      generatedAt: new Date(message.generatedAt),
      itemCount: message.items.length,
      payload: plaintext.toString('utf8'),
      transport,
      correlationId,
      receivedAt,
    });
    if (reportId === null) return { duplicate: true, receivedAt: (await reports.receivedAtOf(params.nodeCode, params.messageId)) ?? receivedAt };
    const summary = await this.applier.apply(tx, message, { nodeCode: params.nodeCode, reportId, receivedAt });
    return { duplicate: false, reportId, summary };
  }
}
