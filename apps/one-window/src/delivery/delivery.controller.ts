import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApplicationScope } from '../applications/application-scope';
import { ApplyNoParam } from '../applications/dto/params';
import { DeliveredDto, ExpressDto, HandoverDto } from './delivery.dto';
import { DeliveryDto } from './delivery.responses';
import { DeliveryAnswer, RecordDeliveryUseCase } from './record-delivery.use-case';

/** 出件 after 办结: the window clerk who registered the application (or the 审批账号) records how its result left the hall. */
@ApiTags('出件 delivery')
@ApiBearerAuth()
@Roles(Role.OPERATOR, Role.APPROVER)
@Controller('api/v1/applications')
export class DeliveryController {
  constructor(
    private readonly record: RecordDeliveryUseCase,
    private readonly scope: ApplicationScope,
  ) {}

  @Post(':applyNo/handover')
  @HttpCode(200)
  @ApiOperation({ summary: '窗口出件：登记领取人（本人/代理人）及身份证件核验（现场领取的已办结申报件）' })
  @ApiOkResponse({ type: DeliveryDto, description: '出件记录（重复提交同一领取人时原样返回，并带 Idempotent-Replayed: true）' })
  async handover(
    @Param() p: ApplyNoParam,
    @Body() dto: HandoverDto,
    @CurrentAccount() clerk: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeliveryDto> {
    await this.scope.assertMayChange(p.applyNo, clerk);
    return answer(await this.record.handover(p.applyNo, dto, clerk), res);
  }

  @Post(':applyNo/express')
  @HttpCode(200)
  @ApiOperation({ summary: '证照寄出：登记快递公司与运单号（证照快递的已办结申报件）' })
  @ApiOkResponse({ type: DeliveryDto, description: '出件记录（重复提交同一运单时原样返回，并带 Idempotent-Replayed: true）' })
  async express(
    @Param() p: ApplyNoParam,
    @Body() dto: ExpressDto,
    @CurrentAccount() clerk: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeliveryDto> {
    await this.scope.assertMayChange(p.applyNo, clerk);
    return answer(await this.record.mail(p.applyNo, dto, clerk), res);
  }

  @Post(':applyNo/express/delivered')
  @HttpCode(200)
  @ApiOperation({ summary: '快递签收：登记签收时间' })
  @ApiOkResponse({ type: DeliveryDto, description: '出件记录（重复提交同一签收时间时原样返回，并带 Idempotent-Replayed: true）' })
  async delivered(
    @Param() p: ApplyNoParam,
    @Body() dto: DeliveredDto,
    @CurrentAccount() clerk: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeliveryDto> {
    await this.scope.assertMayChange(p.applyNo, clerk);
    return answer(await this.record.delivered(p.applyNo, dto, clerk), res);
  }
}

function answer(a: DeliveryAnswer, res: Response): DeliveryDto {
  if (a.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return a.delivery;
}
