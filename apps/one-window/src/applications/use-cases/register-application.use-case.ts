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

/** 受理登记: creates the application with version 1 as a draft awaiting its materials. */
@Injectable()
export class RegisterApplicationUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
    @Inject(OneWindowConfig) private readonly config: OneWindowConfig,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async execute(dto: RegisterApplicationDto, clerk: Principal): Promise<ApplicationEntity> {
    const item = await this.catalog.get(dto.itemCode);
    if (!item.enabled) throw new AppError(ReturnCode.CONFLICT, `事项 ${item.code} 已停用`);
    if (!this.topology.departments.some((d) => d.code === item.deptCode)) {
      throw new AppError(ReturnCode.CONFLICT, `事项 ${item.code} 的办理部门 ${item.deptCode} 未接入交换平台`);
    }
    if (dto.deliveryMethod === 'EXPRESS' && !dto.deliveryAddress) throw new AppError(ReturnCode.MISSING_PARAMETER, 'deliveryAddress');
    const applyNo = await allocateApplyNo(this.ds, this.config.REGION_CODE, this.clock.now());
    return retryTransient(() => this.ds.transaction('READ COMMITTED', async (em) => {
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
      });
      await em.insert(ApplicationEntity, app);
      await insertRow(em, ApplicationVersionEntity, em.create(ApplicationVersionEntity, { applyNo, version: 1, formData: dto.formData, createdBy: clerk.username, submittedAt: null, submittedBy: null, supplementRequest: null }));
      return app;
    }));
  }
}
