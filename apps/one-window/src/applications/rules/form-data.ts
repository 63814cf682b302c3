import { AppError, ReturnCode } from '@app/common';
import type { FormField } from '../../catalog/form-field';
import { creditCodeProblem, isCalendarDate, residentIdProblem } from './applicant-id';

/** One problem of a filled-in application form: the field's path in the request and the Chinese sentence. */
export interface FormProblem {
  field: string;
  message: string;
}

export interface CheckedForm {
  /** the form data to store: the same keys, strings trimmed */
  value: Record<string, unknown>;
  problems: FormProblem[];
}

/** mobile 1[3-9]xxxxxxxxx, or a landline with its area code (0375-1234567, 037512345678) */
const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The problem of one present value of `f`, or null. */
function valueProblem(f: FormField, v: unknown, today: Date): string | null {
  if (f.type === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${f.label}应为数值`;
    if (f.min !== undefined && v < f.min) return `${f.label}不能小于 ${f.min}`;
    if (f.max !== undefined && v > f.max) return `${f.label}不能大于 ${f.max}`;
    return null;
  }
  if (typeof v !== 'string') return `${f.label}应为文字`;
  if (f.maxLength !== undefined && [...v].length > f.maxLength) return `${f.label}长度不能超过 ${f.maxLength} 个字符`;
  switch (f.type) {
    case 'select':
      return (f.options ?? []).includes(v) ? null : `${f.label}取值应为 ${(f.options ?? []).join('、')} 之一`;
    case 'date': {
      const m = DATE.exec(v);
      return m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? null : `${f.label}应为有效日期，格式 YYYY-MM-DD`;
    }
    case 'phone':
      return PHONE.test(v) ? null : `${f.label}不是有效的电话号码（11 位手机号或带区号的固定电话）`;
    case 'idNo': {
      const p = residentIdProblem(v, today);
      return p && `${f.label}：${p}`;
    }
    case 'creditCode': {
      const p = creditCodeProblem(v);
      return p && `${f.label}：${p}`;
    }
    case 'text':
    case 'textarea':
      return null;
  }
}

/**
 * An application form checked against its item's fields: every required field present and not
 * blank, no key the item does not know, each value of its field's type, length, options and
 * format. All problems are reported (in the fields' order, unknown keys last).
 */
export function checkFormData(fields: readonly FormField[], data: Record<string, unknown>, today: Date): CheckedForm {
  const problems: FormProblem[] = [];
  const value: Record<string, unknown> = {};
  const known = new Map(fields.map((f) => [f.key, f]));
  for (const f of fields) {
    const raw = Object.prototype.hasOwnProperty.call(data, f.key) ? data[f.key] : undefined;
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (raw !== undefined) value[f.key] = v;
    if (isBlank(v)) {
      if (f.required) problems.push({ field: `formData.${f.key}`, message: `${f.label}必须填写` });
      continue;
    }
    const p = valueProblem(f, v, today);
    if (p) problems.push({ field: `formData.${f.key}`, message: p });
  }
  for (const key of Object.keys(data)) {
    if (!known.has(key)) problems.push({ field: `formData.${key}`, message: `申请表没有“${key}”这一项` });
  }
  return { value, problems };
}

const MAX_LISTED = 20;

/** The refusal of a form with problems: 1003, every problem (at most 20) in the message and in `details.violations`. */
export function formDataRefusal(problems: readonly FormProblem[]): AppError {
  const listed = problems.slice(0, MAX_LISTED);
  return new AppError(ReturnCode.BAD_PARAMETER, `申请表填写有误：${listed.map((p) => p.message).join('；')}`, {
    field: listed[0]?.field ?? 'formData',
    violations: listed.map((p) => ({ field: p.field, message: p.message })),
  });
}
