import { AppError, ReturnCode } from '@app/common';
import { readDigestHeaders, verifyDigest } from '@app/soap-kit';
import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { SimDepartments } from '../core/sim-departments';
import { DownlinkInbox } from './downlink-inbox';
import { ReceiveDownlinkUseCase } from './receive-downlink.use-case';

/**
 * Data the district ops node forwards from the national node (下发数据), HTTP/JSON with the same
 * digest headers as the exchange notifications. Idempotent on recordId (a redelivery answers 0001).
 */
@ApiTags('部门接口 department (HTTP/JSON)')
@Controller()
export class DownlinkController {
  constructor(
    private readonly depts: SimDepartments,
    private readonly inbox: DownlinkInbox,
    private readonly receiveDownlink: ReceiveDownlinkUseCase,
  ) {}

  @Post('dept/:code/api/downlink')
  @HttpCode(200)
  @ApiOperation({ summary: '接收运维节点转发的上级下发数据' })
  async receive(@Param('code') code: string, @Req() req: Request, @Body() body: unknown) {
    const dept = this.depts.get(code);
    if (!dept) throw AppError.notFound(`部门 ${code} 不存在`);
    const auth = await verifyDigest(
      readDigestHeaders(req.headers),
      (u) => (u === dept.config.platformCredential.username ? dept.config.platformCredential.password : undefined),
      dept.nonces,
    );
    if (!auth.ok) throw new AppError(ReturnCode.AUTH_FAILED, auth.reason);
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    for (const f of ['recordId', 'dataType', 'sourceNode'] as const) {
      if (typeof b[f] !== 'string' || !b[f]) throw new AppError(ReturnCode.MISSING_PARAMETER, f, { field: f });
    }
    if (!('content' in b)) throw new AppError(ReturnCode.MISSING_PARAMETER, 'content', { field: 'content' });
    return this.receiveDownlink.execute(
      dept,
      { recordId: String(b.recordId), dataType: String(b.dataType), sourceNode: String(b.sourceNode), content: b.content },
      'http',
    );
  }

  @Get('sim/departments/:code/downlink')
  @ApiOperation({ summary: '模拟器：查看某部门收到的下发数据' })
  list(@Param('code') code: string) {
    if (!this.depts.get(code)) throw AppError.notFound(`部门 ${code} 不存在`);
    return this.inbox.list(code);
  }
}
