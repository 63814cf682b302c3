import { Public } from '@app/accounts';
import { currentCorrelationId } from '@app/common';
import { SubmitResult } from '@app/ops-contract';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReceiveReportUseCase } from './receive-report.use-case';
import { SubmitResultDto } from './submit-result.dto';

/** HTTP/JSON twin of the SOAP SubmitMessage operation: the same SecureMessage fields as a JSON object. */
@ApiTags('上报接口 report intake (HTTP/JSON)')
/** Machine-to-machine: each secure message is signed by its node and verified before anything else. */
@Public()
@Controller('city/api/ops')
export class SecureMessageController {
  constructor(private readonly receive: ReceiveReportUseCase) {}

  @Post('secure-messages')
  @HttpCode(200)
  @ApiOkResponse({ type: SubmitResultDto })
  @ApiOperation({
    summary: '区运维节点上报（六类信息，SM2 加密与签名的安全报文）',
    description:
      'Body: the SecureMessage of docs/ops-report-contract.md. 200 with code 0000 (stored) or 0001 (stored earlier); a refusal answers its return code with the HTTP status of the table.',
  })
  @ApiBody({
    schema: {
      example: {
        version: '1.0',
        nodeCode: 'SLQ-410404',
        category: 'RESOURCE',
        mode: 'FULL',
        messageId: 'SLQ-410404-RES-20261122-0001',
        timestamp: '2026-11-22T10:00:00.000+08:00',
        nonce: '0123456789abcdef0123456789abcdef',
        encryption: 'SM2',
        cipherMode: 'C1C3C2',
        cipherFormat: 'prefixed04',
        payload: '<base64>',
        payloadDigest: '<sm3 hex>',
        signature: '<base64 DER>',
      },
    },
  })
  submit(@Body() body: unknown): Promise<SubmitResult> {
    // the body stays untyped on purpose: checkSecureParams reports the exact parameter problem with its code
    return this.receive.execute(body, 'http', currentCorrelationId() ?? 'none');
  }
}
