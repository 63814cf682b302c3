import { CurrentAccount, Principal, Role, Roles } from '@app/accounts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SupervisionQuery } from './supervision.query';
import { CardsQuery, SupervisionRangeQuery } from './supervision.query-params';
import { CardPageDto, SupervisionSummaryDto } from './supervision.responses';

/** 电子监察: yellow (预警) and red (逾期) cards of the time limits; the 审批账号 sees the hall, a 窗口人员 their own window. */
@ApiTags('电子监察 supervision')
@ApiBearerAuth()
@Roles(Role.APPROVER, Role.OPERATOR)
@Controller('api/v1/supervision')
export class SupervisionController {
  constructor(private readonly query: SupervisionQuery) {}

  @Get('summary')
  @ApiOperation({ summary: '黄牌、红牌统计：按部门、事项、窗口及合计（按亮牌时间）' })
  @ApiOkResponse({ type: SupervisionSummaryDto })
  summary(@Query() q: SupervisionRangeQuery, @CurrentAccount() p: Principal): Promise<SupervisionSummaryDto> {
    return this.query.summary(q, p);
  }

  @Get('cards')
  @ApiOperation({ summary: '亮牌的申报件：期限、状态、逾期工作日数（新亮牌在前）' })
  @ApiOkResponse({ type: CardPageDto })
  cards(@Query() q: CardsQuery, @CurrentAccount() p: Principal): Promise<CardPageDto> {
    return this.query.cards(q, p);
  }
}
