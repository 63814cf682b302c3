import { PlainText } from '@app/common';
import { APPLY_NO_PATTERN } from '@app/exchange-contract';
import { Matches } from 'class-validator';

export class ApplyNoParam {
  @PlainText() @Matches(APPLY_NO_PATTERN) applyNo: string;
}

export class MaterialParam extends ApplyNoParam {
  @PlainText() @Matches(/^[A-Z][A-Z0-9_]{1,31}$/) materialCode: string;
}
