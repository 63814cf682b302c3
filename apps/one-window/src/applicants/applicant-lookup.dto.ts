import { Label, PlainText } from '@app/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, ValidateBy } from 'class-validator';
import { NormalizeIdNo } from '../applications/dto/applicant-id.validator';
import { creditCodeProblem, residentIdProblem } from '../applications/rules/applicant-id';

/** Why an ID number or credit code typed for a lookup is wrong, or null (either kind is accepted). */
export function lookupIdProblem(v: unknown, today: Date): string | null {
  if (typeof v !== 'string') return '证件号码应为字符串';
  const person = residentIdProblem(v, today);
  if (person === null || creditCodeProblem(v) === null) return null;
  // 17 digits and a digit or X: an ID number with a mistake; anything else is read as a credit code
  return /^[0-9]{17}[0-9X]$/.test(v) ? person : creditCodeProblem(v);
}

export class LookupApplicantDto {
  @ApiProperty({ description: '证件号码：18 位公民身份号码或统一社会信用代码（完整号码）', example: '11010519491231002X' })
  @Label('证件号码')
  @NormalizeIdNo()
  @PlainText()
  @IsString()
  @ValidateBy({
    name: 'isApplicantIdNo',
    validator: {
      validate: (v: unknown) => lookupIdProblem(v, new Date()) === null,
      defaultMessage: (args) => lookupIdProblem(args?.value, new Date()) ?? '',
    },
  })
  idNo: string;
}

export class ApplicantLookupDto {
  @ApiProperty({ enum: ['PERSON', 'ORG'], description: '申请人类型：个人 / 法人' }) applicantType: 'PERSON' | 'ORG';
  @ApiProperty({ description: '申请人姓名或单位名称' }) applicantName: string;
  @ApiProperty({ example: '138****0000', description: '申请人电话（最近一件不属于本窗口时脱敏）' }) applicantPhone: string;
  @ApiProperty({ description: '电话已脱敏' }) masked: boolean;
  @ApiProperty({ type: String, format: 'date-time', description: '最近一次登记的时间' }) lastRegisteredAt: Date;
}
