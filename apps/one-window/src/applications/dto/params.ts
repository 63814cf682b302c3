import { APPLY_NO_PATTERN } from '@app/exchange-contract';
import { Matches } from 'class-validator';

export class ApplyNoParam {
  @Matches(APPLY_NO_PATTERN) applyNo: string;
}

export class MaterialParam extends ApplyNoParam {
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/) materialCode: string;
}
