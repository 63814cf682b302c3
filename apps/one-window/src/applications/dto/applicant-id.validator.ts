import { Transform } from 'class-transformer';
import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { applicantIdProblem } from '../rules/applicant-id';

export const APPLICANT_ID_CONSTRAINT = 'isApplicantIdNo';

const problemOf = (args: ValidationArguments): string | null => {
  const type = (args.object as { applicantType?: unknown }).applicantType === 'ORG' ? 'ORG' : 'PERSON';
  return typeof args.value === 'string' ? applicantIdProblem(type, args.value, new Date()) : '申请人证件号码应为字符串';
};

/**
 * The applicant's identity number by the applicant's type (rules/applicant-id.ts): a 公民身份号码 for
 * PERSON, a 统一社会信用代码 for ORG. The Chinese reason is the validation message.
 */
export function IsApplicantIdNo(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: APPLICANT_ID_CONSTRAINT,
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => (args ? problemOf(args) === null : false),
        defaultMessage: (args?: ValidationArguments) => (args ? (problemOf(args) ?? '') : '申请人证件号码不正确'),
      },
    },
    validationOptions,
  );
}

/** Trims a string input (other values pass unchanged, for the type checks to refuse). */
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and upper-cases an identity number as typed (a final x of an ID number is X). */
export const NormalizeIdNo = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
