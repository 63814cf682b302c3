import { PlainText } from '@app/common';
import { APPLY_NO_PATTERN } from '@app/exchange-contract';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ApplyNoParam {
  @ApiProperty({ description: '申报号', example: '410404-20261122-000001', pattern: APPLY_NO_PATTERN.source })
  @PlainText()
  @Matches(APPLY_NO_PATTERN)
  applyNo: string;
}

export class MaterialParam extends ApplyNoParam {
  @ApiProperty({ description: '材料代码（事项办理材料的 code）', example: 'APPLY_FORM' }) @PlainText() @Matches(/^[A-Z][A-Z0-9_]{1,31}$/) materialCode: string;
}
