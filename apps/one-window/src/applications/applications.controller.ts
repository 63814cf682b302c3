import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { ApplicationScope } from './application-scope';
import { ApplicationsQuery } from './applications.query';
import { ApplicationDetailDto, ApplicationDto, ApplicationPageDto, applicationAnswer, MaterialDto, SubmitResultDto } from './applications.responses';
import { ListApplicationsQuery, SearchApplicationsDto } from './dto/list-applications.query';
import { RegisterApplicationDto, StartResubmissionDto } from './dto/register-application.dto';
import { ApplyNoParam, MaterialParam } from './dto/params';
import { RegisterApplicationUseCase } from './use-cases/register-application.use-case';
import { StartResubmissionUseCase } from './use-cases/start-resubmission.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application.use-case';
import { UploadedFile as Upload, UploadMaterialUseCase } from './use-cases/upload-material.use-case';

@ApiTags('申报件 applications')
@ApiBearerAuth()
@Roles(Role.OPERATOR, Role.APPROVER)
@Controller('api/v1/applications')
export class ApplicationsController {
  constructor(
    private readonly register: RegisterApplicationUseCase,
    private readonly upload: UploadMaterialUseCase,
    private readonly submit: SubmitApplicationUseCase,
    private readonly resubmit: StartResubmissionUseCase,
    private readonly query: ApplicationsQuery,
    private readonly scope: ApplicationScope,
  ) {}

  @Post()
  @ApiOperation({ summary: '受理登记（创建草稿，版本号 1）' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '幂等键（每个账号内唯一，1–128 个可打印 ASCII 字符）：同键同内容的重试返回首次登记的申报号；同键不同内容返回 2010',
  })
  @ApiCreatedResponse({ type: ApplicationDto, description: '新登记的申报件（重放时为首次登记的申报件，并带 Idempotent-Replayed: true）' })
  async create(
    @Body() dto: RegisterApplicationDto,
    @CurrentAccount() clerk: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApplicationDto> {
    const { application, replayed } = await this.register.execute(dto, clerk, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return applicationAnswer(application);
  }

  @Put(':applyNo/materials/:materialCode')
  @ApiOperation({ summary: '上传一项办理材料（材料电子化，保存 SM3 摘要；按文件内容仅接受 PDF、OFD、JPG、PNG）' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  // file names in the multipart header are UTF-8 (browsers, curl, fetch); multer's default would read them as latin1
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 }, defParamCharset: 'utf8' }),
  )
  @ApiOkResponse({ type: MaterialDto, description: '已保存的材料（不含文件内容）' })
  async uploadMaterial(@Param() p: MaterialParam, @UploadedFile() file: Upload | undefined, @CurrentAccount() clerk: Principal): Promise<MaterialDto> {
    await this.scope.assertMayChange(p.applyNo, clerk);
    return this.upload.execute(p.applyNo, p.materialCode, file, clerk);
  }

  @Post(':applyNo/submit')
  @HttpCode(200)
  @ApiOperation({ summary: '提交：校验材料齐全后分发至部门' })
  @ApiOkResponse({ type: SubmitResultDto })
  async submitOne(@Param() p: ApplyNoParam, @CurrentAccount() clerk: Principal): Promise<SubmitResultDto> {
    await this.scope.assertMayChange(p.applyNo, clerk);
    return this.submit.execute(p.applyNo, clerk);
  }

  @Post(':applyNo/versions')
  @ApiOperation({ summary: '补正补齐：新建下一版本（版本号 +1）' })
  @ApiCreatedResponse({ type: ApplicationDto, description: '申报件（当前版本号已 +1）' })
  async newVersion(@Param() p: ApplyNoParam, @Body() dto: StartResubmissionDto, @CurrentAccount() clerk: Principal): Promise<ApplicationDto> {
    await this.scope.assertMayChange(p.applyNo, clerk);
    return applicationAnswer(await this.resubmit.execute(p.applyNo, dto.formData, clerk));
  }

  @Get()
  @ApiOperation({ summary: '申报件列表与筛选（按申请人查询用 POST /api/v1/applications/search）' })
  @ApiOkResponse({ type: ApplicationPageDto })
  async list(@Query() q: ListApplicationsQuery) {
    return this.page(q);
  }

  @Post('search')
  @HttpCode(200)
  @ApiOperation({ summary: '申报件查询：列表的全部筛选条件，另可按申请人姓名或证件号（放在请求体中，不进 URL）' })
  @ApiOkResponse({ type: ApplicationPageDto })
  async search(@Body() q: SearchApplicationsDto) {
    return this.page(q);
  }

  private async page(q: SearchApplicationsDto) {
    const page = await this.query.list(q);
    return { ...page, items: page.items.map((a) => this.scope.maskApplicant(applicationAnswer(a))) };
  }

  @Get(':applyNo')
  @ApiOperation({ summary: '申报件详情，含版本、材料、回调与完整时间线（数据追踪）' })
  @ApiOkResponse({ type: ApplicationDetailDto })
  async get(@Param() p: ApplyNoParam, @CurrentAccount() clerk: Principal): Promise<ApplicationDetailDto> {
    const app = applicationAnswer(await this.query.get(p.applyNo));
    return (await this.scope.mayChange(p.applyNo, clerk)) ? app : this.scope.maskApplicant(app);
  }
}
