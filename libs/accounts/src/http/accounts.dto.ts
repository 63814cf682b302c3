import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PlainText } from '@app/common';
import { Type } from 'class-transformer';
import { IsDateString, IsEnum, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Role } from '../model/roles';

export class LoginDto {
  @ApiProperty({ description: '用户名', example: 'window01' }) @PlainText() @IsString() @Length(1, 64) username: string;
  @ApiProperty({ description: '密码' }) @PlainText() @IsString() @Length(1, 128) password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: '原密码' }) @PlainText() @IsString() @Length(1, 128) oldPassword: string;
  @ApiProperty({ description: '新密码' }) @PlainText() @IsString() @Length(1, 128) newPassword: string;
}

const NAME = /^[^\p{Cc}\p{Cf}]+$/u;

export class CreateAccountDto {
  @ApiProperty({ description: '用户名（3-32 位小写字母、数字、_ . -）', example: 'window07' }) @PlainText() @IsString() @Length(3, 32) username: string;
  @ApiProperty({ description: '姓名', example: '王五' })
  @PlainText()
  @IsString()
  @Length(1, 64)
  @Matches(NAME, { message: '姓名不得包含控制字符' })
  displayName: string;
  @ApiProperty({ description: '角色', enum: Role }) @IsEnum(Role) role: Role;
  @ApiPropertyOptional({ description: '窗口号（窗口人员、审批账号）', example: '07' })
  @IsOptional()
  @PlainText()
  @IsString()
  @Matches(/^[0-9A-Z]{1,16}$/)
  windowNo?: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional({ description: '姓名' })
  @IsOptional()
  @PlainText()
  @IsString()
  @Length(1, 64)
  @Matches(NAME, { message: '姓名不得包含控制字符' })
  displayName?: string;
  @ApiPropertyOptional({ description: '角色', enum: Role }) @IsOptional() @IsEnum(Role) role?: Role;
  @ApiPropertyOptional({ description: '窗口号' }) @IsOptional() @PlainText() @IsString() @Matches(/^[0-9A-Z]{1,16}$/) windowNo?: string;
}

export class DisableAccountDto {
  @ApiProperty({ description: '停用原因', example: '人员离岗' })
  @PlainText()
  @IsString()
  @Length(1, 255)
  @Matches(NAME, { message: '原因不得包含控制字符' })
  reason: string;
}

export class UsernameParam {
  @ApiProperty({ description: '用户名' }) @PlainText() @IsString() @Matches(/^[a-z][a-z0-9_.-]{2,31}$/, { message: '用户名格式不正确' }) username: string;
}

export class ListAccountsQuery {
  @ApiPropertyOptional({ description: '角色', enum: Role }) @IsOptional() @IsEnum(Role) role?: Role;
  @ApiPropertyOptional({ description: '状态', enum: ['ACTIVE', 'DISABLED'] }) @IsOptional() @IsIn(['ACTIVE', 'DISABLED']) status?: 'ACTIVE' | 'DISABLED';
  @ApiPropertyOptional({ description: '页码', default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page: number = 1;
  @ApiPropertyOptional({ description: '每页条数', default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize: number = 20;
}

export class AuditQuery {
  @ApiPropertyOptional({ description: '起始时间（含），ISO 8601' }) @IsOptional() @IsDateString() from?: string;
  @ApiPropertyOptional({ description: '截止时间（不含），ISO 8601' }) @IsOptional() @IsDateString() to?: string;
  @ApiPropertyOptional({ description: '操作人' }) @IsOptional() @PlainText() @IsString() @Length(1, 64) actor?: string;
  @ApiPropertyOptional({ description: '事件类型，如 LOGIN、LOGIN_FAILED、CALL' })
  @IsOptional()
  @PlainText()
  @IsString()
  @Matches(/^[A-Z_]{2,32}$/)
  event?: string;
  @ApiPropertyOptional({ description: '结果', enum: ['SUCCESS', 'FAILURE'] }) @IsOptional() @IsIn(['SUCCESS', 'FAILURE']) outcome?: 'SUCCESS' | 'FAILURE';
  @ApiPropertyOptional({ description: '页码', default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page: number = 1;
  @ApiPropertyOptional({ description: '每页条数', default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize: number = 50;
}
