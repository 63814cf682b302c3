import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { AppError, ReturnCode } from '@app/common';
import { Body, Controller, Get, Param, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApplicationScope } from '../applications/application-scope';
import { ApplicationState } from '../applications/application-state-machine';
import { MaterialParam, ApplyNoParam } from '../applications/dto/params';
import { CatalogService } from '../catalog/catalog.service';
import { UnitOfWork } from '../database/unit-of-work';
import { MaterialCheckDto, MaterialCheckRecordDto, ResultFileParam, ResultFileQuery, VersionMaterialParam } from './documents.dto';
import { StoredFile, DocumentsRepository } from './documents.repository';
import { ApplicationReadRepository } from '../applications/application-read.repository';

const BINARY = { schema: { type: 'string', format: 'binary' } } as const;

/**
 * What the clerk opens and ticks at the window: the uploaded materials and the department's result
 * files (preview, print), and 收件 — the originals seen and paper copies taken per material.
 * Contents are the applicant's documents: only the registering window and the 审批账号 may open them.
 */
@ApiTags('申报件 applications')
@ApiBearerAuth()
@Roles(Role.OPERATOR, Role.APPROVER)
@Controller('api/v1/applications')
export class DocumentsController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly scope: ApplicationScope,
    private readonly catalog: CatalogService,
  ) {}

  @Get(':applyNo/versions/:version/materials/:materialCode/file')
  @ApiOperation({ summary: '打开一项已上传的办理材料（预览、打印）' })
  @ApiProduces('application/pdf', 'application/ofd', 'image/jpeg', 'image/png')
  @ApiOkResponse(BINARY)
  async materialFile(@Param() p: VersionMaterialParam, @CurrentAccount() clerk: Principal, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    await this.assertExists(p.applyNo);
    await this.scope.assertMayChange(p.applyNo, clerk);
    const file = await this.uow.autocommit.get(DocumentsRepository).materialFile(p.applyNo, p.version, p.materialCode);
    if (!file) throw AppError.notFound(`申报件 ${p.applyNo} 第 ${p.version} 版没有材料 ${p.materialCode}`);
    return send(res, file);
  }

  @Get(':applyNo/result-files/:version/:stage/file')
  @ApiOperation({ summary: '打开部门返回的文件（办结结果文件、补正材料清单）' })
  @ApiProduces('application/pdf', 'application/ofd', 'image/jpeg', 'image/png', 'application/octet-stream')
  @ApiOkResponse(BINARY)
  async resultFile(
    @Param() p: ResultFileParam,
    @Query() q: ResultFileQuery,
    @CurrentAccount() clerk: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    await this.assertExists(p.applyNo);
    await this.scope.assertMayChange(p.applyNo, clerk);
    const file = await this.uow.autocommit.get(DocumentsRepository).resultFile(p.applyNo, p.version, p.stage, q.name);
    if (!file) throw AppError.notFound(`申报件 ${p.applyNo} 没有部门返回的文件 ${q.name}`);
    return send(res, file);
  }

  @Put(':applyNo/materials/:materialCode/check')
  @ApiOperation({ summary: '收件：登记某项材料已核验原件、收取纸质份数（仅受理登记中的版本）' })
  @ApiOkResponse({ type: MaterialCheckRecordDto })
  async check(@Param() p: MaterialParam, @Body() dto: MaterialCheckDto, @CurrentAccount() clerk: Principal): Promise<MaterialCheckRecordDto> {
    const app = await this.assertExists(p.applyNo);
    await this.scope.assertMayChange(p.applyNo, clerk);
    if (app.state !== ApplicationState.DRAFT) throw new AppError(ReturnCode.CONFLICT, `状态为 ${app.state}，不能再收件`);
    const item = await this.catalog.get(app.itemCode);
    if (!item.materials.some((m) => m.code === p.materialCode)) {
      throw new AppError(ReturnCode.BAD_PARAMETER, `事项 ${item.name} 没有材料 ${p.materialCode}`, { materialCode: p.materialCode });
    }
    const row = {
      applyNo: p.applyNo,
      version: app.currentVersion,
      materialCode: p.materialCode,
      originalSeen: dto.originalSeen,
      paperCopies: dto.paperCopies,
      checkedBy: clerk.username,
      checkedAt: new Date(),
    };
    await this.uow.autocommit.get(DocumentsRepository).saveCheck(row);
    return row;
  }

  @Get(':applyNo/material-checks')
  @ApiOperation({ summary: '收件记录（各版本各材料的原件核验与纸质份数）' })
  @ApiOkResponse({ type: MaterialCheckRecordDto, isArray: true })
  async checks(@Param() p: ApplyNoParam): Promise<MaterialCheckRecordDto[]> {
    await this.assertExists(p.applyNo);
    return this.uow.autocommit.get(DocumentsRepository).checks(p.applyNo);
  }

  private async assertExists(applyNo: string) {
    const app = await this.uow.autocommit.get(ApplicationReadRepository).find(applyNo);
    if (!app) throw AppError.notFound(`申报号 ${applyNo} 不存在`);
    return app;
  }
}

function send(res: Response, file: StoredFile): StreamableFile {
  res.setHeader('Content-Type', file.mimeType);
  res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Content-SM3', file.sm3);
  return new StreamableFile(file.content);
}
