import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ApplicationState } from '../application.entity';

export class ListApplicationsQuery {
  @ApiPropertyOptional({ enum: ApplicationState }) @IsOptional() @IsEnum(ApplicationState) state?: ApplicationState;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{1,15}$/) deptCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z]+-[0-9]{3}$/) itemCode?: string;
  @ApiPropertyOptional({ description: '申请人姓名或证件号（精确）' }) @IsOptional() @IsString() @Length(1, 100) applicant?: string;
  @ApiPropertyOptional({ description: '登记时间起 (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: '登记时间止 (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize = 20;
}
