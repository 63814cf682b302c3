import { ValidationPipe } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { AppError } from '../errors/app-error';
import { PlainText } from './plain-text';
import { PageQuery } from './query-params';
import { CHINESE_VALIDATION, constraintMessage, Label, labelOf } from './validation-messages';

enum Mode {
  FULL = 'FULL',
  INCREMENTAL = 'INCREMENTAL',
}

class AddressDto {
  @ApiProperty({ description: '收件人' }) @PlainText() @IsString() @Length(1, 50) recipient: string;
}

class FormDto {
  @ApiProperty({ description: '资源名称' }) @PlainText() @IsString() @MaxLength(8) name: string;
  @ApiProperty({ description: '上报方式', enum: Mode }) @IsEnum(Mode) mode: Mode;
  @ApiProperty({ description: '资源类别（六类）' }) @IsIn(['NETWORK_DEVICE', 'FIREWALL']) resourceClass: string;
  @ApiPropertyOptional({ description: '运维级别 1–4（1 最高）' }) @IsOptional() @IsInt() @Min(1) @Max(4) opsLevel?: number;
  @ApiPropertyOptional({ description: 'PICKUP 现场领取 / EXPRESS 证照快递' })
  @Label('领取方式')
  @IsOptional()
  @IsIn(['PICKUP', 'EXPRESS'])
  deliveryMethod?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z]{3}$/, { message: '部门代码应为三个大写字母' }) deptCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() urgent?: boolean;
  @ApiPropertyOptional({ type: AddressDto }) @Label('收件地址') @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}

const pipe = new ValidationPipe({ whitelist: true, transform: true, forbidNonWhitelisted: true, ...CHINESE_VALIDATION });
const valid = { name: '交换机', mode: 'FULL', resourceClass: 'FIREWALL' };

async function refusal(
  value: unknown,
  metatype: new () => object = FormDto,
  type: 'body' | 'query' = 'body',
): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await pipe.transform(value, { type, metatype });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code, message: err.message, details: err.fields };
  }
  throw new Error('not refused');
}

describe('validation messages in Chinese (ValidationPipe exceptionFactory)', () => {
  it('labels a field from @Label, the Chinese Swagger description up to its first bracket or comma, or the common names', () => {
    expect(labelOf(FormDto.prototype, 'name')).toBe('资源名称');
    expect(labelOf(FormDto.prototype, 'opsLevel')).toBe('运维级别');
    expect(labelOf(FormDto.prototype, 'resourceClass')).toBe('资源类别');
    expect(labelOf(FormDto.prototype, 'deliveryMethod')).toBe('领取方式');
    expect(labelOf(FormDto.prototype, 'deptCode')).toBe('部门代码');
    expect(labelOf(PageQuery.prototype, 'pageSize')).toBe('每页条数');
    expect(labelOf(FormDto.prototype, 'urgent')).toBe('字段 urgent ');
  });

  it('missing → 1002 参数缺失 with the label', async () => {
    expect(await refusal({ mode: 'FULL', resourceClass: 'FIREWALL' })).toEqual({
      code: '1002',
      message: '参数缺失：资源名称必须填写',
      details: { field: 'name', violations: [{ field: 'name', message: '资源名称必须填写' }] },
    });
  });

  it('one sentence per constraint: enums, lists, ranges, lengths, types, formats', async () => {
    const first = async (patch: Record<string, unknown>) => (await refusal({ ...valid, ...patch })).message;
    expect(await first({ mode: 'SOMETIMES' })).toBe('参数类型或取值错误：上报方式取值应为 FULL、INCREMENTAL 之一');
    expect(await first({ resourceClass: 'TOASTER' })).toBe('参数类型或取值错误：资源类别取值应为 NETWORK_DEVICE、FIREWALL 之一');
    expect(await first({ opsLevel: 9 })).toBe('参数类型或取值错误：运维级别不能大于 4');
    expect(await first({ opsLevel: 0 })).toBe('参数类型或取值错误：运维级别不能小于 1');
    expect(await first({ opsLevel: 1.5 })).toBe('参数类型或取值错误：运维级别应为整数');
    expect(await first({ name: '很长很长很长很长的名称' })).toBe('参数类型或取值错误：资源名称长度不能超过 8 个字符');
    expect(await first({ name: 42 })).toBe('参数类型或取值错误：资源名称应为字符串');
    expect(await first({ name: '交换\u202E机' })).toBe('参数类型或取值错误：资源名称不能包含控制字符或文字方向控制字符（U+202E）');
    expect(await first({ deliveryMethod: 'DRONE' })).toBe('参数类型或取值错误：领取方式取值应为 PICKUP、EXPRESS 之一');
    expect(await first({ deptCode: 'amr' })).toBe('参数类型或取值错误：部门代码应为三个大写字母'); // the DTO's own Chinese message stays
    expect(await first({ urgent: 'yes' })).toBe('参数类型或取值错误：字段 urgent 应为布尔值（true 或 false）');
    expect(await first({ address: { recipient: '' } })).toBe('参数类型或取值错误：收件人长度应为 1–50 个字符');
    expect((await refusal({ ...valid, address: { recipient: '' } })).details).toEqual(expect.objectContaining({ field: 'address.recipient' }));
  });

  it('an unknown field: 不允许的字段 x', async () => {
    expect(await refusal({ ...valid, colour: 'red' })).toEqual({
      code: '1003',
      message: '参数类型或取值错误：不允许的字段 colour',
      details: { field: 'colour', violations: [{ field: 'colour', message: '不允许的字段 colour' }] },
    });
  });

  it('lists every violation, unknown fields first (often the typo of a missing one)', async () => {
    const r = await refusal({ mode: 'X', resourceClass: 'FIREWALL', opsLevel: 7, nmae: '交换机' });
    expect(r.message).toBe('参数类型或取值错误：不允许的字段 nmae');
    expect(r.details).toEqual({
      field: 'nmae',
      violations: [
        { field: 'nmae', message: '不允许的字段 nmae' },
        { field: 'name', message: '资源名称必须填写' },
        { field: 'mode', message: '上报方式取值应为 FULL、INCREMENTAL 之一' },
        { field: 'opsLevel', message: '运维级别不能大于 4' },
      ],
    });
  });

  it('query paging values', async () => {
    expect((await refusal({ page: '1e308' }, PageQuery, 'query')).message).toBe('参数类型或取值错误：页码应为整数');
    expect((await refusal({ pageSize: '500' }, PageQuery, 'query')).message).toBe('参数类型或取值错误：每页条数不能大于 200');
  });

  it('a body that is not an object', async () => {
    expect((await refusal([1, 2])).message).toBe('参数类型或取值错误：请求体应为JSON对象');
  });

  it('falls back to the numbers of the English message when the class is unknown', () => {
    expect(constraintMessage('maxLength', '名称', { english: 'name must be shorter than or equal to 64 characters', property: 'name' })).toBe(
      '名称长度不能超过 64 个字符',
    );
    expect(constraintMessage('isIn', '类别', { english: 'category must be one of the following values: A, B', property: 'category' })).toBe(
      '类别取值应为 A、B 之一',
    );
  });
});
