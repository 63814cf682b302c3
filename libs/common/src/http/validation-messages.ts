import 'reflect-metadata';
import { getMetadataStorage, ValidationError } from 'class-validator';
import { AppError } from '../errors/app-error';
import { ReturnCode } from '../errors/return-codes';
import { forbiddenCharInValue, PLAIN_TEXT_CONSTRAINT } from './plain-text';

/**
 * Validation answers in Chinese. class-validator speaks English (`mode should not be empty`,
 * `category must be one of the following values: …`); the users of these APIs read Chinese. The
 * ValidationPipe's exception factory below turns every failed constraint into a Chinese sentence
 * about the field's Chinese label, and answers the first one with its code (1002 missing, 1003
 * otherwise), every one of them in `details.violations`.
 *
 * A field's label: @Label('中文名'), else its Swagger `description`/`title` when it starts in
 * Chinese (up to the first bracket or comma: '开始时间（ISO 8601，含时区）' → 开始时间), else a label
 * from COMMON_FIELD_LABELS, else `字段 <name> `.
 */
export const LABEL_METADATA = 'app:label';
const SWAGGER_PROPERTY_METADATA = 'swagger/apiModelProperties';

/** The Chinese name of a DTO field, shown in validation messages. */
export function Label(label: string): PropertyDecorator {
  return (target, key) => Reflect.defineMetadata(LABEL_METADATA, label, target, key);
}

/** Field names used across the APIs whose label is the same everywhere. */
export const COMMON_FIELD_LABELS: Readonly<Record<string, string>> = {
  page: '页码',
  pageSize: '每页条数',
  limit: '最多返回条数',
  from: '开始时间',
  to: '结束时间',
  by: '操作人',
  nodeCode: '运维节点代码',
  resourceId: '资源编号',
  subResourceId: '子资源编号',
  metric: '指标',
  category: '上报类别',
  mode: '上报方式',
  state: '状态',
  status: '状态',
  deptCode: '部门代码',
  itemCode: '事项编码',
  applyNo: '申报号',
  materialCode: '材料编码',
  alertId: '告警编号',
  enabled: '是否启用',
};

const CJK = /^[\u3400-\u9fff]/;

/** The label of `property` on the class of `target` (an instance or a prototype), see above. */
export function labelOf(target: object | undefined, property: string): string {
  const proto = target === undefined ? undefined : typeof target === 'function' ? (target as { prototype: object }).prototype : target;
  if (proto) {
    const explicit = Reflect.getMetadata(LABEL_METADATA, proto, property) as string | undefined;
    if (explicit) return explicit;
    const swagger = Reflect.getMetadata(SWAGGER_PROPERTY_METADATA, proto, property) as { description?: unknown; title?: unknown } | undefined;
    for (const text of [swagger?.title, swagger?.description]) {
      if (typeof text === 'string' && CJK.test(text)) return text.split(/[（(，,；;：:\s]/)[0];
    }
  }
  return COMMON_FIELD_LABELS[property] ?? `字段 ${property} `; // the space keeps "字段 x 应为整数" readable
}

/** Constraint arguments of a property, from class-validator's metadata (min value, allowed values, lengths). */
function constraintArgs(target: object | undefined, property: string): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const ctor = target && typeof target === 'object' ? (target as { constructor?: new () => object }).constructor : undefined;
  if (!ctor || ctor === Object) return out;
  for (const m of getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false)) {
    if (m.propertyName === property && m.name && !out.has(m.name)) out.set(m.name, (m.constraints ?? []) as unknown[]);
  }
  return out;
}

/** The first number in class-validator's English message (when the class is not known: `target: false`). */
const numberIn = (message: string | undefined): string => /(-?\d+(?:\.\d+)?)/.exec(message ?? '')?.[1] ?? '';
const listIn = (message: string | undefined): string =>
  (message ?? '')
    .split(': ')
    .slice(1)
    .join(': ')
    .split(',')
    .map((s) => s.trim())
    .join('、');

const enumValues = (e: unknown): string[] =>
  e && typeof e === 'object'
    ? Object.values(e as Record<string, unknown>)
        .filter((v) => typeof v === 'string' || typeof v === 'number')
        .map(String)
    : [];

export interface Violation {
  /** dotted path of the field, e.g. `deliveryAddress.recipient`, `samples.3.metric` */
  field: string;
  message: string;
  missing: boolean;
}

/** Which failed constraint of a property speaks first: unknown field, then missing, then type, then the rest. */
const PRIORITY = ['whitelistValidation', 'isDefined', 'isNotEmpty', 'isObject', 'isArray', 'isString', 'isInt', 'isNumber', 'isBoolean', PLAIN_TEXT_CONSTRAINT];
const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isObject', 'isArray', 'isDefined', 'isNotEmpty', 'nestedValidation']);

/** The Chinese sentence of one failed constraint. */
export function constraintMessage(name: string, label: string, o: { args?: unknown[]; english?: string; value?: unknown; property: string }): string {
  const a = o.args ?? [];
  const n0 = a.length ? String(a[0] as number) : numberIn(o.english);
  switch (name) {
    case 'whitelistValidation':
      return `不允许的字段 ${o.property}`;
    case 'isDefined':
      return `${label}必须填写`;
    case 'isNotEmpty':
      return `${label}不能为空`;
    case 'isString':
      return `${label}应为字符串`;
    case 'isInt':
      return `${label}应为整数`;
    case 'isNumber':
      return `${label}应为数值`;
    case 'isBoolean':
      return `${label}应为布尔值（true 或 false）`;
    case 'isObject':
    case 'nestedValidation':
      return `${label}应为对象`;
    case 'isArray':
      return `${label}应为数组`;
    case 'min':
      return `${label}不能小于 ${n0}`;
    case 'max':
      return `${label}不能大于 ${n0}`;
    case 'minLength':
      return `${label}长度不能少于 ${n0} 个字符`;
    case 'maxLength':
      return `${label}长度不能超过 ${n0} 个字符`;
    case 'isLength':
      return a.length >= 2 ? `${label}长度应为 ${String(a[0] as number)}–${String(a[1] as number)} 个字符` : `${label}长度不符合要求`;
    case 'arrayMinSize':
      return `${label}至少应有 ${n0} 项`;
    case 'arrayMaxSize':
      return `${label}最多 ${n0} 项`;
    case 'isIn': {
      const values = Array.isArray(a[0]) ? (a[0] as unknown[]).map(String).join('、') : listIn(o.english);
      return `${label}取值应为 ${values} 之一`;
    }
    case 'isEnum': {
      const values = a.length ? enumValues(a[0]).join('、') : listIn(o.english);
      return `${label}取值应为 ${values} 之一`;
    }
    case 'matches':
      return `${label}格式不正确`;
    case 'isUrl':
      return `${label}不是合法的URL`;
    case 'isIp':
      return `${label}不是合法的IP地址`;
    case 'isEmail':
      return `${label}不是合法的电子邮箱地址`;
    case 'isDateTime':
    case 'isIso8601':
      return `${label}应为 ISO 8601 时间，例如 2026-11-22T10:00:00+08:00`;
    case PLAIN_TEXT_CONSTRAINT: {
      const bad = forbiddenCharInValue(o.value, { multiline: a[0] === true });
      return `${label}不能包含控制字符或文字方向控制字符${bad ? `（${bad}）` : ''}`;
    }
    default:
      return `${label}取值不正确`;
  }
}

/** What Nest's ValidationPipe says when a body (or query) is not an object at all. */
const NEST_NOT_AN_OBJECT = 'Validation failed (object is expected)';

const hasChinese = (s: string | undefined): s is string => typeof s === 'string' && /[\u3400-\u9fff]/.test(s);

/** One violation per failed property (nested DTOs and arrays of them included), in DTO order. */
export function violationsOf(errors: readonly ValidationError[], parent = ''): Violation[] {
  const out: Violation[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const constraints = e.constraints ?? {};
    const names = Object.keys(constraints);
    if (constraints.isObject === NEST_NOT_AN_OBJECT) {
      out.push({ field, message: '请求体应为JSON对象', missing: false });
    } else if (names.length) {
      const name = [...names].sort((x, y) => rank(x) - rank(y))[0];
      const missing = e.value === undefined || e.value === null ? name !== 'whitelistValidation' : false;
      const label = labelOf(e.target, e.property);
      let message: string;
      if (missing) message = `${label}必须填写`;
      else if (hasChinese(constraints[name]))
        message = constraints[name]; // the DTO's own Chinese message
      else
        message = constraintMessage(name, label, {
          args: constraintArgs(e.target, e.property).get(name),
          english: constraints[name],
          value: e.value,
          property: e.property,
        });
      out.push({ field, message, missing });
    }
    if (e.children?.length) out.push(...violationsOf(e.children, field));
  }
  return out;
}

function rank(name: string): number {
  const i = PRIORITY.indexOf(name);
  return i >= 0 ? i : TYPE_CONSTRAINTS.has(name) ? PRIORITY.length : PRIORITY.length + 1;
}

const MAX_VIOLATIONS = 20;

/**
 * ValidationPipe's `exceptionFactory`: the first violation is the message (1002 when a required field
 * is missing, 1003 otherwise), all of them (at most 20) in `details.violations`, the first field in
 * `details.field`.
 */
export function validationExceptionFactory(errors: ValidationError[]): AppError {
  // an array where an object was expected: class-validator sees its indexes as unknown fields
  const violations = errors.some((e) => Array.isArray(e.target)) ? [{ field: 'body', message: '请求体应为JSON对象', missing: false }] : violationsOf(errors);
  const first = violations[0] ?? { field: 'body', message: '请求参数不正确', missing: false };
  return new AppError(first.missing ? ReturnCode.MISSING_PARAMETER : ReturnCode.BAD_PARAMETER, first.message, {
    field: first.field,
    violations: violations.slice(0, MAX_VIOLATIONS).map(({ field, message: m }) => ({ field, message: m })),
  });
}

/**
 * Spread into the global ValidationPipe's options: the Chinese exception factory, and `target: true`
 * so it can read each field's label and rule arguments from the DTO class.
 */
export const CHINESE_VALIDATION = { exceptionFactory: validationExceptionFactory, validationError: { target: true } } as const;
