import { PlainText } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/** 市级下发协同工单 */
export class IssueWorkOrderDto {
  @ApiProperty({ description: '接收工单的运维节点代码', example: 'SLQ-410404' }) @PlainText() @Matches(/^[A-Za-z0-9_-]{2,32}$/) nodeCode: string;
  @ApiProperty({ description: '主题', example: '政务外网链路中断排查' }) @PlainText() @IsString() @Length(1, 200) subject: string;
  @ApiProperty({ description: '内容', example: '请核查区政务外网出口链路状态并反馈处理情况。' })
  @PlainText({ multiline: true })
  @IsString()
  @Length(1, 4000)
  content: string;
  @ApiProperty({ description: '业务类型', example: '网络故障' }) @PlainText() @IsString() @Length(1, 64) businessType: string;
  @ApiProperty({ description: '运维级别（1–4）', example: 2 }) @IsInt() @Min(1) @Max(4) opsLevel: number;
  @ApiProperty({ description: '发起单位联系人', example: '张伟' }) @PlainText() @IsString() @Length(1, 64) originContact: string;
  @ApiProperty({ description: '发起单位联系电话', example: '0371-12345678' }) @PlainText() @Matches(/^[0-9+\-() ]{5,32}$/) originPhone: string;
  @ApiPropertyOptional({ description: '接收单位（默认为节点名称）', example: '区大数据中心' })
  @IsOptional()
  @PlainText()
  @IsString()
  @Length(1, 128)
  receiverUnit?: string;
}
