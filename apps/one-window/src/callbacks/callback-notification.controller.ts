import { publicAuthReason } from '@app/soap-kit';
import { Public } from '@app/accounts';
import { AppError, currentCorrelationId, ReturnCode } from '@app/common';
import { parseNotifyCallback } from '@app/exchange-contract';
import { readDigestHeaders, verifyDigest } from '@app/soap-kit';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CallbackNotificationResponseDto } from './callback-notification.responses';
import { ReceiveCallbackNotificationUseCase } from './receive-callback-notification.use-case';

/** HTTP/JSON twin of the SOAP NotifyCallback operation (chosen per department in the topology). */
@ApiTags('交换接口 exchange (HTTP/JSON)')
/** Machine-to-machine: every message authenticates itself (department credentials), so no session. */
@Public()
@Controller('api/exchange/v1')
export class CallbackNotificationController {
  constructor(private readonly receive: ReceiveCallbackNotificationUseCase) {}

  @Post('callback-notifications')
  @HttpCode(200)
  @ApiOperation({
    summary: '部门回调通知（补正补齐/受理/办结已写入前置库）',
    description: 'Authenticated with X-Ws-Username / X-Ws-Nonce / X-Ws-Created / X-Ws-Digest (UsernameToken PasswordDigest).',
  })
  @ApiHeader({ name: 'X-Ws-Username', required: true })
  @ApiHeader({ name: 'X-Ws-Nonce', required: true })
  @ApiHeader({ name: 'X-Ws-Created', required: true })
  @ApiHeader({ name: 'X-Ws-Digest', required: true })
  @ApiBody({ schema: { example: { deptCode: 'AMR', items: [{ applyNo: '410404-20261122-000001', version: 1, stage: 'ACCEPT' }] } } })
  @ApiOkResponse({ type: CallbackNotificationResponseDto, description: '逐项结果；报文级错误（认证失败、格式错误）返回错误码' })
  async notify(@Req() req: Request, @Body() body: unknown) {
    // the SOAP service's nonce store: a token spent there is refused here, and the other way round
    const auth = await verifyDigest(readDigestHeaders(req.headers), this.receive.lookupPassword, this.receive.nonces);
    if (!auth.ok) throw new AppError(ReturnCode.AUTH_FAILED, publicAuthReason(auth.reason));
    const raw = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    if (!raw) throw new AppError(ReturnCode.MALFORMED_MESSAGE, 'JSON object expected');
    const parsed = parseNotifyCallback({ deptCode: raw.deptCode, item: raw.items });
    return this.receive.execute(parsed, auth.username, currentCorrelationId() ?? 'none');
  }
}
