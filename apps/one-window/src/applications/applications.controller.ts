import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentClerk, ClerkGuard } from '../auth/clerk.guard';
import { ClerkClaims } from '../auth/token.service';
import { ApplicationsQuery } from './applications.query';
import { ListApplicationsQuery } from './dto/list-applications.query';
import { RegisterApplicationDto, StartResubmissionDto } from './dto/register-application.dto';
import { ApplyNoParam, MaterialParam } from './dto/params';
import { RegisterApplicationUseCase } from './use-cases/register-application.use-case';
import { StartResubmissionUseCase } from './use-cases/start-resubmission.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application.use-case';
import { UploadedFile as Upload, UploadMaterialUseCase } from './use-cases/upload-material.use-case';

@ApiTags('申报件 applications')
@ApiBearerAuth()
@UseGuards(ClerkGuard)
@Controller('api/v1/applications')
export class ApplicationsController {
  constructor(
    private readonly register: RegisterApplicationUseCase,
    private readonly upload: UploadMaterialUseCase,
    private readonly submit: SubmitApplicationUseCase,
    private readonly resubmit: StartResubmissionUseCase,
    private readonly query: ApplicationsQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: '受理登记（创建草稿，版本号 1）' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '幂等键（每个账号内唯一，1–128 个可打印 ASCII 字符）：同键同内容的重试返回首次登记的申报号；同键不同内容返回 2010' })
  async create(@Body() dto: RegisterApplicationDto, @CurrentClerk() clerk: ClerkClaims, @Headers('idempotency-key') idempotencyKey: string | undefined, @Res({ passthrough: true }) res: Response) {
    const { application, replayed } = await this.register.execute(dto, clerk, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return application;
  }

  @Put(':applyNo/materials/:materialCode')
  @ApiOperation({ summary: '上传一项办理材料（材料电子化，保存 SM3 摘要；按文件内容仅接受 PDF、OFD、JPG、PNG）' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  // file names in the multipart header are UTF-8 (browsers, curl, fetch); multer's default would read them as latin1
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 10 * 1024 * 1024, files: 1 }, defParamCharset: 'utf8' }))
  uploadMaterial(@Param() p: MaterialParam, @UploadedFile() file: Upload | undefined, @CurrentClerk() clerk: ClerkClaims) {
    return this.upload.execute(p.applyNo, p.materialCode, file, clerk);
  }

  @Post(':applyNo/submit')
  @HttpCode(200)
  @ApiOperation({ summary: '提交：校验材料齐全后分发至部门' })
  submitOne(@Param() p: ApplyNoParam, @CurrentClerk() clerk: ClerkClaims) {
    return this.submit.execute(p.applyNo, clerk);
  }

  @Post(':applyNo/versions')
  @ApiOperation({ summary: '补正补齐：新建下一版本（版本号 +1）' })
  newVersion(@Param() p: ApplyNoParam, @Body() dto: StartResubmissionDto, @CurrentClerk() clerk: ClerkClaims) {
    return this.resubmit.execute(p.applyNo, dto.formData, clerk);
  }

  @Get()
  @ApiOperation({ summary: '申报件列表与筛选' })
  list(@Query() q: ListApplicationsQuery) {
    return this.query.list(q);
  }

  @Get(':applyNo')
  @ApiOperation({ summary: '申报件详情，含版本、材料、回调与完整时间线（数据追踪）' })
  get(@Param() p: ApplyNoParam) {
    return this.query.get(p.applyNo);
  }
}
