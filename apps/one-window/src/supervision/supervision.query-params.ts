import { IsDateTime, PageQuery, PlainText } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class SupervisionRangeQuery {
  @ApiPropertyOptional({ description: '亮牌时间起（ISO 8601，含）' }) @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional({ description: '亮牌时间止（ISO 8601，不含）' }) @IsOptional() @IsDateTime() to?: string;
  @ApiPropertyOptional({ description: '窗口号（窗口人员只能查本窗口）' }) @IsOptional() @PlainText() @Matches(/^[0-9A-Z]{1,16}$/) windowNo?: string;
}

export class CardsQuery extends PageQuery {
  @ApiProperty({ enum: ['YELLOW', 'RED'], description: '黄牌 / 红牌' }) @IsIn(['YELLOW', 'RED']) card: 'YELLOW' | 'RED';
  @ApiPropertyOptional() @IsOptional() @PlainText() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) deptCode?: string;
  @ApiPropertyOptional() @IsOptional() @PlainText() @Matches(/^[A-Z]+-[0-9]{3}$/) itemCode?: string;
  @ApiPropertyOptional({ description: '窗口号（窗口人员只能查本窗口）' }) @IsOptional() @PlainText() @Matches(/^[0-9A-Z]{1,16}$/) windowNo?: string;
  @ApiPropertyOptional({ description: '亮牌时间起（ISO 8601，含）' }) @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional({ description: '亮牌时间止（ISO 8601，不含）' }) @IsOptional() @IsDateTime() to?: string;
}
