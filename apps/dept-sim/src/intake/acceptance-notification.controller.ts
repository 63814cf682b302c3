import { publicAuthReason } from '@app/soap-kit';
import { AppError, currentCorrelationId, ReturnCode } from '@app/common';
import { parseNotifyAcceptance } from '@app/exchange-contract';
import { readDigestHeaders, verifyDigest } from '@app/soap-kit';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { SimDepartments } from '../core/sim-departments';
import { ReceiveAcceptanceNotificationUseCase } from './receive-acceptance-notification.use-case';

/** HTTP/JSON twin of NotifyAcceptance, one per simulated department. */
@ApiTags('部门接口 department (HTTP/JSON)')
@Controller('dept/:code/api')
export class AcceptanceNotificationController {
  constructor(
    private readonly depts: SimDepartments,
    private readonly receive: ReceiveAcceptanceNotificationUseCase,
  ) {}

  @Post('acceptance-notifications')
  @HttpCode(200)
  @ApiOperation({ summary: '平台分发通知（受理数据已写入前置库）' })
  async notify(@Param('code') code: string, @Req() req: Request, @Body() body: unknown) {
    const dept = this.depts.get(code);
    if (!dept) throw AppError.notFound(`部门 ${code} 不存在`);
    const auth = await verifyDigest(
      readDigestHeaders(req.headers),
      (u) => (u === dept.config.platformCredential.username ? dept.config.platformCredential.password : undefined),
      dept.nonces,
    );
    if (!auth.ok) throw new AppError(ReturnCode.AUTH_FAILED, publicAuthReason(auth.reason));
    const raw = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    if (!raw) throw new AppError(ReturnCode.MALFORMED_MESSAGE, 'JSON object expected');
    return this.receive.execute(dept, parseNotifyAcceptance({ deptCode: raw.deptCode, item: raw.items }), auth.username, currentCorrelationId() ?? 'none');
  }
}
