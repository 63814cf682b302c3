import { IntQueryParam, Label, PlainText } from '@app/common';
import { WorkOrderStatus } from '@app/ops-contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const PHONE = /^[0-9+\-() ]{5,32}$/;

export class CreateWorkOrderDto {
  @ApiProperty({ description: '主题' }) @PlainText() @IsString() @MinLength(2) @MaxLength(200) subject: string;
  @ApiProperty({ description: '内容' }) @PlainText({ multiline: true }) @IsString() @MinLength(2) @MaxLength(4000) content: string;
  @ApiProperty({ description: '业务类型，例如 故障处理、变更、巡检' }) @PlainText() @IsString() @MinLength(2) @MaxLength(64) businessType: string;
  @ApiProperty({ description: '接收单位' }) @PlainText() @IsString() @MinLength(2) @MaxLength(128) receiverUnit: string;
  @ApiProperty({ description: '发起单位联系人' }) @PlainText() @IsString() @MinLength(1) @MaxLength(64) originContact: string;
  @ApiProperty({ description: '发起单位联系电话' }) @PlainText() @Matches(PHONE, { message: '联系电话格式不正确' }) originPhone: string;
  @ApiPropertyOptional({ description: '接收单位联系人' }) @IsOptional() @PlainText() @IsString() @MaxLength(64) receiverContact?: string;
  @ApiPropertyOptional({ description: '接收单位联系电话' })
  @IsOptional()
  @PlainText()
  @Matches(PHONE, { message: '联系电话格式不正确' })
  receiverPhone?: string;
  @ApiProperty({ description: '运维级别 1–4（1 最高）' }) @IsInt() @Min(1) @Max(4) opsLevel: number;
}

export class WorkOrderActionDto {
  @ApiProperty({ enum: ['accept', 'start', 'feedback', 'conclude', 'evaluate'], description: '受理 / 开始处理 / 反馈 / 办结 / 评价' })
  @IsIn(['accept', 'start', 'feedback', 'conclude', 'evaluate'])
  action: 'accept' | 'start' | 'feedback' | 'conclude' | 'evaluate';
  @ApiPropertyOptional({ description: '接收单位情况反馈（feedback/conclude）' })
  @IsOptional()
  @PlainText({ multiline: true })
  @IsString()
  @MaxLength(4000)
  feedback?: string;
  @ApiPropertyOptional({ description: '接收单位联系人（accept）' }) @IsOptional() @PlainText() @IsString() @MaxLength(64) receiverContact?: string;
  @ApiPropertyOptional({ description: '接收单位联系电话（accept）' }) @IsOptional() @PlainText() @Matches(PHONE) receiverPhone?: string;
  @ApiPropertyOptional({ description: '星级评价 1–5（evaluate）' }) @IsOptional() @IsInt() @Min(1) @Max(5) starRating?: number;
  @ApiPropertyOptional({ description: '运维评价（evaluate）' }) @IsOptional() @PlainText({ multiline: true }) @IsString() @MaxLength(1000) evaluation?: string;
}

export class WorkOrderQuery {
  @ApiPropertyOptional({ enum: WorkOrderStatus }) @IsOptional() @IsIn(Object.values(WorkOrderStatus)) status?: WorkOrderStatus;
  @ApiPropertyOptional({ enum: ['LOCAL', 'CITY'] }) @Label('来源') @IsOptional() @IsIn(['LOCAL', 'CITY']) origin?: 'LOCAL' | 'CITY';
  @ApiPropertyOptional() @IntQueryParam(1, 5000) limit?: number;
}
