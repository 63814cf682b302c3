import { IntQueryParam, PlainText } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, Matches } from 'class-validator';

/** 上级节点下发数据（写入区运维前置库） */
export class WriteDownlinkDto {
  @ApiProperty({ description: '目标运维节点代码', example: 'SLQ-410404' }) @PlainText() @Matches(/^[A-Za-z0-9_-]{2,32}$/) nodeCode: string;
  @ApiProperty({ description: '转发目标单位（部门代码）', example: 'AMR' }) @PlainText() @Matches(/^[A-Za-z0-9_-]{1,32}$/) targetUnit: string;
  @ApiProperty({ description: '数据类型', example: 'POLICY_NOTICE' }) @PlainText() @Matches(/^[A-Za-z0-9_.:-]{1,64}$/) dataType: string;
  @ApiProperty({ description: '数据内容（任意 JSON），加密后写入前置库', example: { title: '关于开展网络安全检查的通知', body: '……' } })
  @PlainText({ multiline: true })
  @IsDefined()
  content: unknown;
  @ApiPropertyOptional({ description: '写入条数（每条记录编号不同，内容相同）', default: 1 }) @IntQueryParam(1, 1000) count = 1;
}

export class ListDownlinkQuery {
  @ApiProperty({ description: '运维节点代码', example: 'SLQ-410404' }) @PlainText() @Matches(/^[A-Za-z0-9_-]{2,32}$/) nodeCode: string;
  @ApiPropertyOptional({ type: 'integer', description: '最多返回条数', default: 100 }) @IntQueryParam(1, 1000) limit = 100;
}
