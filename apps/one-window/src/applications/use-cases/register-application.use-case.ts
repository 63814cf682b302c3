import { AppError, Clock, ReturnCode, currentCorrelationId } from '@app/common';
import { Topology } from '@app/exchange-contract';
import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@app/accounts';
import { pii } from '../../database/pii';
import { CatalogService } from '../../catalog/catalog.service';
import { OneWindowConfig, TOPOLOGY } from '../../config/one-window.config';
import { UnitOfWork } from '../../database/unit-of-work';
import { ApplicationEntity } from '../application.entity';
import { RegisterApplicationDto } from '../dto/register-application.dto';
import { IDEMPOTENCY_KEY_PATTERN, requestHash } from '../idempotency';
import { checkFormData, formDataRefusal } from '../rules/form-data';
import { ApplicationRepository } from '../application.repository';
import { RegistrationIdempotencyRepository } from '../registration-idempotency.repository';
import { ApplicationVersionRepository } from '../application-version.repository';

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
    private readonly uow: UnitOfWork,
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
    const form = checkFormData(item.formFields, dto.formData, this.clock.now());
    if (form.problems.length) throw formDataRefusal(form.problems);
    const applyNo = await this.uow.allocateApplyNo(this.config.REGION_CODE, this.clock.now());
    try {
      const application = await this.uow.run(async (tx) => {
        const app = tx.get(ApplicationRepository).build({
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
        if (idem) await tx.get(RegistrationIdempotencyRepository).insert(clerk.username, idem.key, idem.hash, applyNo);
        await tx.get(ApplicationRepository).insert(app);
        await tx.get(ApplicationVersionRepository).insertDraft(applyNo, 1, form.value, clerk.username);
        return app;
      });
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
    const row = await this.uow.autocommit.get(RegistrationIdempotencyRepository).find(username, idem.key);
    if (!row) return undefined;
    if (row.hash !== idem.hash)
      throw new AppError(ReturnCode.IDEMPOTENCY_KEY_REUSED, `Idempotency-Key 已用于申报号 ${row.applyNo} 的登记，请求内容不同；新的登记请使用新的幂等键`, {
        field: 'Idempotency-Key',
        applyNo: row.applyNo,
      });
    const application = await this.uow.autocommit.get(ApplicationRepository).getOrFail(row.applyNo);
    return { application, replayed: true };
  }
}
