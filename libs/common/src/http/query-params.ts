import { applyDecorators, ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { AppError } from '../errors/app-error';
import { ReturnCode } from '../errors/return-codes';

/** The highest page number any list accepts (with 200 rows a page: two million rows deep). */
export const MAX_PAGE = 10_000;
export const MAX_PAGE_SIZE = 200;

const DECIMAL_INT = /^-?\d{1,15}$/;

/**
 * A query-string integer, strictly: only plain decimal digits become a number. `1e308`, `0x10`, `1.5`,
 * ` 7`, `[]` or a repeated parameter stay what they are and fail @IsInt, so they answer 400 instead of
 * reaching the SQL as an absurd offset.
 */
export function toStrictInt({ value }: { value: unknown }): unknown {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && DECIMAL_INT.test(value)) return Number(value);
  return value;
}

/**
 * An optional integer query parameter within [min, max] (limits, page numbers, page sizes, minutes):
 * strict decimal conversion plus @IsInt, @Min and @Max. Combine with @ApiPropertyOptional for the docs.
 */
export function IntQueryParam(min: number, max: number): PropertyDecorator {
  return applyDecorators(IsOptional(), Transform(toStrictInt), IsInt(), Min(min), Max(max));
}

/** Page number and page size of a paged list; extend it in a list's query DTO. */
export class PageQuery {
  @ApiPropertyOptional({ description: '页码', default: 1, minimum: 1, maximum: MAX_PAGE }) @IntQueryParam(1, MAX_PAGE) page: number = 1;
  @ApiPropertyOptional({ description: '每页条数', default: 20, minimum: 1, maximum: MAX_PAGE_SIZE }) @IntQueryParam(1, MAX_PAGE_SIZE) pageSize: number = 20;
}

/** Rows to skip for a page. */
export function pageOffset(q: { page: number; pageSize: number }): number {
  return (q.page - 1) * q.pageSize;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A calendar date or date-time (ISO 8601 extended form: `2026-11-22`, `2026-11-22T10:00:00.000+08:00`)
 * that is a real instant between the years 1970 and 9999. Unlike @IsISO8601 it refuses week dates,
 * ordinal dates and basic forms (`2026-W01`, `2026-001`, `20260101`, which `new Date()` cannot read)
 * and impossible days (`2026-02-30`), so an odd value answers 400 instead of an Invalid Date in SQL.
 */
export function isDateTimeValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m
    .slice(1)
    .filter((x) => x !== undefined)
    .map(Number);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false; // 2026-02-30
  return Number.isFinite(Date.parse(value));
}

export function IsDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isDateTime', validator: { validate: (v) => isDateTimeValue(v), defaultMessage: () => '$property must be an ISO 8601 date-time' } },
    options,
  );
}

/**
 * A positive integer path parameter (`/alert-rules/:id`), strictly decimal, within the safe integer
 * range; anything else answers 1003 in Chinese. Use instead of ParseIntPipe (English message,
 * accepts `99999999999999999999`).
 */
@Injectable()
export class PositiveIntPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const n = toStrictInt({ value });
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
      throw new AppError(ReturnCode.BAD_PARAMETER, '编号应为正整数', { field: metadata.data ?? 'id' });
    }
    return n;
  }
}
