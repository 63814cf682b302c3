import { PlainText } from '@app/common';
import { NodeLevel } from '@app/ops-contract';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const PHONE = /^[0-9+\-() ]{5,32}$/;

export class UpdateNodeInfoDto {
  @ApiPropertyOptional({ description: '单位名称' }) @IsOptional() @PlainText() @IsString() @MinLength(2) @MaxLength(128) unitName?: string;
  @ApiPropertyOptional({ description: '运维责任人' }) @IsOptional() @PlainText() @IsString() @MinLength(1) @MaxLength(64) personInCharge?: string;
  @ApiPropertyOptional({ description: '运维责任人电话' })
  @IsOptional()
  @PlainText()
  @Matches(PHONE, { message: '运维责任人电话格式不正确' })
  personPhone?: string;
  @ApiPropertyOptional({ description: '运维值班电话' }) @IsOptional() @PlainText() @Matches(PHONE, { message: '运维值班电话格式不正确' }) dutyPhone?: string;
  @ApiPropertyOptional({ description: '单位地址' }) @IsOptional() @PlainText() @IsString() @MinLength(2) @MaxLength(256) address?: string;
  @ApiPropertyOptional({ description: '运维节点级别', enum: NodeLevel }) @IsOptional() @IsIn(Object.values(NodeLevel)) nodeLevel?: NodeLevel;
}
