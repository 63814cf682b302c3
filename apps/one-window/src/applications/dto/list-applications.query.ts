import { IsDateTime, PageQuery, PlainText } from '@app/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DeliveryState } from '../../delivery/delivery-state-machine';
import { ApplicationState } from '../application.entity';

export class ListApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ApplicationState }) @IsOptional() @IsEnum(ApplicationState) state?: ApplicationState;
  @ApiPropertyOptional() @IsOptional() @PlainText() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) deptCode?: string;
  @ApiPropertyOptional() @IsOptional() @PlainText() @Matches(/^[A-Z]+-[0-9]{3}$/) itemCode?: string;
  @ApiPropertyOptional({ description: '登记时间起 (ISO 8601)' }) @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional({ description: '登记时间止 (ISO 8601)' }) @IsOptional() @IsDateTime() to?: string;
  @ApiPropertyOptional({ enum: DeliveryState, enumName: 'DeliveryState', description: '出件状态（办结后：待领取、已领取、待寄出、已寄出、已签收）' })
  @IsOptional()
  @IsEnum(DeliveryState)
  delivery?: DeliveryState;
  @ApiPropertyOptional({ enum: ['WARNING', 'OVERDUE'], description: '未办结且处于该时限状态：WARNING 黄牌预警 / OVERDUE 红牌逾期（工作台“逾期”队列）' })
  @IsOptional()
  @IsIn(['WARNING', 'OVERDUE'])
  deadline?: 'WARNING' | 'OVERDUE';
  @ApiPropertyOptional({ example: '01', description: '只看该窗口登记的申报件（登记人所在窗口；工作台“只看本窗口”传本人窗口号）' })
  @IsOptional()
  @PlainText()
  @Matches(/^[0-9A-Z]{1,16}$/)
  windowNo?: string;
}

/**
 * The list filter with the applicant (name or ID number): personal data, so it travels in the body
 * of POST /api/v1/applications/search, never in a URL (docs/security.md, "Personal data at rest").
 */
export class SearchApplicationsDto extends ListApplicationsQuery {
  @ApiPropertyOptional({ description: '申请人姓名或证件号（精确）' }) @IsOptional() @PlainText() @IsString() @Length(1, 100) applicant?: string;
}
