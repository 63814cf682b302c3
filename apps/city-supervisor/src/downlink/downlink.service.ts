import { AppError, ReturnCode } from '@app/common';
import { MAX_SM2_PLAINTEXT } from '@app/gm-crypto';
import { sealDownlinkRecord } from '@app/ops-contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CityConfig } from '../config/city.config';
import { chinaDay } from '../core/china-day';
import { CityKeys } from '../core/city-keys';
import { NodeRegistry } from '../core/node-registry';
import { DownlinkRecordRepository } from './downlink-record.repository';
import { FrontDbPools } from './front-db-pools';

export interface DownlinkRequest {
  nodeCode: string;
  targetUnit: string;
  dataType: string;
  content: unknown;
  count: number;
}

export interface DownlinkView {
  recordId: string;
  sourceNode: string;
  targetUnit: string;
  dataType: string;
  createdAt: Date;
  events: { event: string; operator: string; detail: string | null; at: Date }[];
  /** the latest shadow event, or WRITTEN while the node has not taken it */
  state: string;
}

/**
 * Plays the upstream (national) node: writes records SM2-encrypted to the district's key and signed
 * with the upstream key into the district's ops front DB, and reads back what the district did with
 * them from the shadow table.
 */
@Injectable()
export class DownlinkService {
  private readonly logger = new Logger('Downlink');

  constructor(
    private readonly pools: FrontDbPools,
    private readonly registry: NodeRegistry,
    private readonly keys: CityKeys,
    @Inject(CityConfig) private readonly config: CityConfig,
  ) {}

  async write(req: DownlinkRequest): Promise<{ nodeCode: string; recordIds: string[] }> {
    const node = this.registry.get(req.nodeCode);
    const districtKey = this.keys.nodeKey(node.nodeCode);
    if (!districtKey) throw AppError.notFound(`运维节点 ${node.nodeCode} 没有登记公钥`);
    const plaintext = Buffer.from(JSON.stringify(req.content ?? null), 'utf8');
    // downlink records are SM2-encrypted whole (DownlinkRecord has no SM4 envelope in use)
    if (plaintext.length > MAX_SM2_PLAINTEXT) throw new AppError(ReturnCode.MESSAGE_TOO_LARGE, `content 超过 ${MAX_SM2_PLAINTEXT} 字节`);
    const day = chinaDay(new Date());
    const records = Array.from({ length: req.count }, () =>
      sealDownlinkRecord(
        {
          recordId: `DL-${day}-${randomBytes(12).toString('hex')}`,
          sourceNode: this.config.NATIONAL_NODE_CODE,
          targetUnit: req.targetUnit,
          dataType: req.dataType,
          plaintext,
        },
        districtKey,
        this.keys.national,
      ),
    );
    await this.pools.use(node.nodeCode, (pool) => new DownlinkRecordRepository(pool).insertAll(records));
    this.logger.log({ msg: 'downlink records written', nodeCode: node.nodeCode, count: records.length, dataType: req.dataType, targetUnit: req.targetUnit });
    return { nodeCode: node.nodeCode, recordIds: records.map((r) => r.recordId) };
  }

  async list(nodeCode: string, limit: number): Promise<DownlinkView[]> {
    this.registry.get(nodeCode);
    return this.pools.use(nodeCode, async (pool) => {
      const repo = new DownlinkRecordRepository(pool);
      const records = await repo.recentFrom(this.config.NATIONAL_NODE_CODE, limit);
      if (records.length === 0) return [];
      const events = await repo.eventsOf(records.map((r) => r.recordId));
      return records.map((r): DownlinkView => {
        const mine = events.filter((e) => e.recordId === r.recordId).map(({ event, operator, detail, at }) => ({ event, operator, detail, at }));
        return { ...r, events: mine, state: mine.at(-1)?.event ?? 'WRITTEN' };
      });
    });
  }
}
