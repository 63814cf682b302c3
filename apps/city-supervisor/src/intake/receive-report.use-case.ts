import { AppError, Clock, RETURN_CODES, retryTransient, ReturnCode } from '@app/common';
import { openSecureMessage, OpenedMessage, ReportCategory, SecureTransport, SubmitResult, wireTimestamp } from '@app/ops-contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CityConfig } from '../config/city.config';
import { CityKeys } from '../core/city-keys';
import { ApplySummary, ReportApplier } from '../state/report-applier';
import { NonceStore } from './nonce-store';
import { RefusalLog } from './refusal-log';

type StoreOutcome = { duplicate: false; reportId: number; summary: ApplySummary } | { duplicate: true; receivedAt: Date };

const isDuplicateKey = (err: unknown): boolean => {
  const e = err as { errno?: number; driverError?: { errno?: number } };
  return (e?.driverError?.errno ?? e?.errno) === 1062;
};

/**
 * 接收上报: opens a secure message in the published order (parameters, timestamp, node, signature,
 * replay, decryption, digest, message), then stores the report and applies its items in one
 * transaction. A messageId already stored for the node answers 0001 and changes nothing.
 */
@Injectable()
export class ReceiveReportUseCase {
  private readonly logger = new Logger('ReportIntake');

  constructor(
    private readonly ds: DataSource,
    private readonly keys: CityKeys,
    private readonly nonces: NonceStore,
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
        rememberNonce: (code, nonce, ts) => this.nonces.remember(code, nonce, ts),
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
    const outcome = await retryTransient(() => this.ds.transaction((em) => this.store(em, opened, transport, correlationId, receivedAt)));
    if (outcome.duplicate) {
      this.logger.log({ msg: 'report already stored', nodeCode: params.nodeCode, category: params.category, messageId: params.messageId, transport });
      return { code: ReturnCode.DUPLICATE, message: RETURN_CODES[ReturnCode.DUPLICATE].message, messageId: params.messageId, receivedAt: wireTimestamp(outcome.receivedAt) };
    }
    this.logger.log({ msg: 'report stored', nodeCode: params.nodeCode, category: params.category, mode: params.mode, messageId: params.messageId, items: message.items.length, transport, reportId: outcome.reportId, ...outcome.summary });
    return { code: ReturnCode.OK, message: RETURN_CODES[ReturnCode.OK].message, messageId: params.messageId, receivedAt: wireTimestamp(receivedAt) };
  }

  /** A node reports its own access-node info only: another node's code inside the items would overwrite that node. */
  private checkItemsBelongToSender({ params, message }: OpenedMessage): void {
    if (params.category !== ReportCategory.NODE_INFO) return;
    const foreign = message.items.findIndex((i) => i.nodeCode !== params.nodeCode);
    if (foreign >= 0) throw new AppError(ReturnCode.CATEGORY_MISMATCH, `items[${foreign}].nodeCode ${String(message.items[foreign].nodeCode)} ≠ ${params.nodeCode}`);
  }

  private async store(em: EntityManager, { params, message, plaintext }: OpenedMessage, transport: SecureTransport, correlationId: string, receivedAt: Date): Promise<StoreOutcome> {
    let reportId: number;
    try {
      const res = (await em.query(
        'INSERT INTO city_report (node_code, category, mode, message_id, generated_at, item_count, payload, transport, correlation_id, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
        [params.nodeCode, params.category, params.mode, params.messageId, new Date(message.generatedAt), message.items.length, plaintext.toString('utf8'), transport, correlationId.slice(0, 64), receivedAt],
      )) as { insertId: number };
      reportId = Number(res.insertId);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const [first] = (await em.query('SELECT received_at FROM city_report WHERE node_code = ? AND message_id = ?', [params.nodeCode, params.messageId])) as { received_at: Date }[];
      return { duplicate: true, receivedAt: first?.received_at ?? receivedAt };
    }
    const summary = await this.applier.apply(em, message, { nodeCode: params.nodeCode, reportId, receivedAt });
    return { duplicate: false, reportId, summary };
  }
}
