import { PlainText } from '@app/common';
import { ResourceClass } from '@app/ops-contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsIP, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';

export class CreateResourceDto {
  @ApiProperty({ description: '资源编号' })
  @PlainText()
  @Matches(/^[A-Za-z0-9_.:-]{2,64}$/, { message: '资源编号只能包含字母、数字和 _.:-，2–64 位' })
  resourceId: string;
  @ApiProperty({ description: '资源IP' }) @PlainText() @IsIP(undefined, { message: '资源IP格式不正确' }) resourceIp: string;
  @ApiProperty({ description: '资源类别', enum: ResourceClass })
  @IsIn(Object.values(ResourceClass), { message: '资源类别不正确' })
  resourceClass: ResourceClass;
  @ApiProperty({ description: '资源名称' }) @PlainText() @IsString() @MinLength(1) @MaxLength(128) name: string;
  @ApiProperty({ description: '资源型号' }) @PlainText() @IsString() @MinLength(1) @MaxLength(128) model: string;
  @ApiProperty({ description: '资源品牌' }) @PlainText() @IsString() @MinLength(1) @MaxLength(128) brand: string;
  @ApiPropertyOptional({ description: '资源URL' })
  @IsOptional()
  @PlainText()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: '资源URL格式不正确' })
  @MaxLength(512)
  url?: string;
  @ApiPropertyOptional({ description: '管理端口' }) @IsOptional() @IsInt() @Min(1) @Max(65535) managementPort?: number;
  @ApiPropertyOptional({ description: '资产编号' }) @IsOptional() @PlainText() @IsString() @MaxLength(64) assetNo?: string;
  @ApiPropertyOptional({ description: '资源描述' }) @IsOptional() @PlainText({ multiline: true }) @IsString() @MaxLength(512) description?: string;
}

export class ListResourcesQuery {
  @ApiPropertyOptional({ description: '资源类别', enum: ResourceClass }) @IsOptional() @IsIn(Object.values(ResourceClass)) resourceClass?: ResourceClass;
  @ApiPropertyOptional({ description: '包含已下线资源' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  includeRemoved?: boolean;
}
