import { AppError, ReturnCode } from '@app/common';
import { MAX_SM2_PLAINTEXT } from '@app/gm-crypto';
import { DOWNLINK_INSERT_SQL, downlinkInsertParams, sealDownlinkRecord } from '@app/ops-contract';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import { CityConfig } from '../config/city.config';
import { CityKeys } from '../core/city-keys';
import { NodeRegistry } from '../core/node-registry';
import { chinaDay } from '../work-orders/issue-work-order.use-case';
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
      sealDownlinkRecord({ recordId: `DL-${day}-${randomBytes(12).toString('hex')}`, sourceNode: this.config.NATIONAL_NODE_CODE, targetUnit: req.targetUnit, dataType: req.dataType, plaintext }, districtKey, this.keys.national),
    );
    await this.pools.use(node.nodeCode, async (pool) => {
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        for (const r of records) await conn.query(DOWNLINK_INSERT_SQL, downlinkInsertParams(r));
        await conn.commit();
      } catch (err) {
        await conn.rollback().catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    });
    this.logger.log({ msg: 'downlink records written', nodeCode: node.nodeCode, count: records.length, dataType: req.dataType, targetUnit: req.targetUnit });
    return { nodeCode: node.nodeCode, recordIds: records.map((r) => r.recordId) };
  }

  async list(nodeCode: string, limit: number): Promise<DownlinkView[]> {
    this.registry.get(nodeCode);
    return this.pools.use(nodeCode, async (pool) => {
      const [records] = await pool.query<RowDataPacket[]>('SELECT record_id, source_node, target_unit, data_type, created_at FROM dl_record WHERE source_node = ? ORDER BY id DESC LIMIT ?', [this.config.NATIONAL_NODE_CODE, limit]);
      if (records.length === 0) return [];
      const [events] = await pool.query<RowDataPacket[]>(`SELECT record_id, event, operator, detail, at FROM dl_shadow WHERE record_id IN (${records.map(() => '?').join(',')}) ORDER BY at, id`, records.map((r) => String(r.record_id)));
      return records.map((r): DownlinkView => {
        const mine = events.filter((e) => e.record_id === r.record_id).map((e) => ({ event: String(e.event), operator: String(e.operator), detail: e.detail === null ? null : String(e.detail), at: e.at as Date }));
        return { recordId: String(r.record_id), sourceNode: String(r.source_node), targetUnit: String(r.target_unit), dataType: String(r.data_type), createdAt: r.created_at as Date, events: mine, state: mine.at(-1)?.event ?? 'WRITTEN' };
      });
    });
  }
}
