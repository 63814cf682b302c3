import { Public } from '@app/accounts';
import { currentCorrelationId } from '@app/common';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CityMessageReceiptDto } from './city-inbound.responses';
import { ReceiveCityMessageUseCase } from './receive-city-message.use-case';

@ApiTags('市级下发 inbound from the city')
@Public()
@Controller('ops/api/city')
export class CityInboundController {
  constructor(private readonly receive: ReceiveCityMessageUseCase) {}

  /** The body is a SecureMessage (docs/ops-report-contract.md); it is validated by the contract pipeline, not by a DTO. */
  @Post('secure-messages')
  @HttpCode(200)
  @ApiOperation({ summary: '接收市级下发的协同工单（SM2 加密、签名的安全报文）' })
  @ApiBody({ schema: { type: 'object', description: 'SecureMessage' } })
  @ApiOkResponse({ type: CityMessageReceiptDto, description: '已接收（报文不合法、验签或解密失败时返回错误码）' })
  submit(@Body() body: unknown): Promise<CityMessageReceiptDto> {
    return this.receive.execute(body, 'http', currentCorrelationId() ?? '');
  }
}
