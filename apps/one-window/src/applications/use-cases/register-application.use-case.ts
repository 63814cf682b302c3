import { insertRow } from '../../database/insert-row';
import { AppError, Clock, ReturnCode, currentCorrelationId, retryTransient } from '@app/common';
import { Topology } from '@app/exchange-contract';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@app/accounts';
import { pii } from '../../database/pii';
import { CatalogService } from '../../catalog/catalog.service';
import { OneWindowConfig, TOPOLOGY } from '../../config/one-window.config';
import { ApplicationVersionEntity } from '../application-version.entity';
import { ApplicationEntity, ApplicationState } from '../application.entity';
import { allocateApplyNo } from '../apply-no.allocator';
import { RegisterApplicationDto } from '../dto/register-application.dto';
import { IDEMPOTENCY_KEY_PATTERN, requestHash } from '../idempotency';

export interface Registration {
  application: ApplicationEntity;
  /** true when an earlier request with the same Idempotency-Key created it */
  replayed: boolean;
}

const isDuplicateKey = (err: unknown): boolean => {
  const e = err as { errno?: number; driverError?: { errno?: number } };
  return (e?.errno ?? e?.driverError?.errno) === 1062; // ER_DUP_ENTRY
};

/**
 * 受理登记: creates the application with version 1 as a draft awaiting its materials.
 * With an Idempotency-Key (per clerk account) a retry of the same request returns the
 * application the first one created, and the key is refused for a different request; the key
 * is stored in the transaction that creates the application, so two concurrent retries
 * create one application.
 */
@Injectable()
export class RegisterApplicationUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async execute(dto: RegisterApplicationDto, clerk: Principal, idempotencyKey?: string): Promise<Registration> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new AppError(ReturnCode.BAD_PARAMETER, 'Idempotency-Key（1–128 个可打印 ASCII 字符）', { field: 'Idempotency-Key' });
    }
    const idem = idempotencyKey === undefined ? undefined : { key: idempotencyKey, hash: requestHash(dto) };
    if (idem) {
      const earlier = await this.earlier(clerk.username, idem);
      if (earlier) return earlier;
    }
    const item = await this.catalog.get(dto.itemCode);
    if (!item.enabled) throw new AppError(ReturnCode.CONFLICT, `事项 ${item.code} 已停用`);
    if (!this.topology.departments.some((d) => d.code === item.deptCode)) {
      throw new AppError(ReturnCode.CONFLICT, `事项 ${item.code} 的办理部门 ${item.deptCode} 未接入交换平台`);
    }
    if (dto.deliveryMethod === 'EXPRESS' && !dto.deliveryAddress) throw new AppError(ReturnCode.MISSING_PARAMETER, 'deliveryAddress');
    const applyNo = await allocateApplyNo(this.ds, this.config.REGION_CODE, this.clock.now());
    try {
      const application = await retryTransient(() => this.ds.transaction('READ COMMITTED', async (em) => {
        const app = em.create(ApplicationEntity, {
          applyNo,
          itemCode: item.code,
          deptCode: item.deptCode,
          applicantType: dto.applicantType,
          applicantName: dto.applicantName,
          applicantIdNo: dto.applicantIdNo,
          applicantIdHash: pii().blindIndex(dto.applicantIdNo),
          applicantPhone: dto.applicantPhone,
          deliveryMethod: dto.deliveryMethod,
          deliveryAddress: dto.deliveryAddress ?? null,
          state: ApplicationState.DRAFT,
          currentVersion: 1,
          result: null,
          resultOpinion: null,
          createdBy: clerk.username,
          concludedAt: null,
          correlationId: currentCorrelationId() ?? applyNo,
          expiredAt: null,
          expireReason: null,
        });
        // first, so that a concurrent retry with the same key waits here and then fails on the key
        if (idem) await em.query('INSERT INTO registration_idempotency (username, idem_key, request_hash, apply_no) VALUES (?, ?, ?, ?)', [clerk.username, idem.key, idem.hash, applyNo]);
        await em.insert(ApplicationEntity, app);
        await insertRow(em, ApplicationVersionEntity, em.create(ApplicationVersionEntity, { applyNo, version: 1, formData: dto.formData, createdBy: clerk.username, submittedAt: null, submittedBy: null, supplementRequest: null }));
        return app;
      }));
      return { application, replayed: false };
    } catch (err) {
      // a concurrent request with the same key committed first (this 申报号 is left as a gap)
      const earlier = idem && isDuplicateKey(err) ? await this.earlier(clerk.username, idem) : undefined;
      if (earlier) return earlier;
      throw err;
    }
  }

  /** The registration an earlier request with this key made, or a refusal when the request differs. */
  private async earlier(username: string, idem: { key: string; hash: string }): Promise<Registration | undefined> {
    const [row] = (await this.ds.query('SELECT request_hash AS hash, apply_no AS applyNo FROM registration_idempotency WHERE username = ? AND idem_key = ?', [username, idem.key])) as { hash: string; applyNo: string }[];
    if (!row) return undefined;
    if (row.hash !== idem.hash) throw new AppError(ReturnCode.IDEMPOTENCY_KEY_REUSED, `Idempotency-Key 已用于申报号 ${row.applyNo} 的登记，请求内容不同；新的登记请使用新的幂等键`, { field: 'Idempotency-Key', applyNo: row.applyNo });
    const application = await this.ds.getRepository(ApplicationEntity).findOneByOrFail({ applyNo: row.applyNo });
    return { application, replayed: true };
  }
}
