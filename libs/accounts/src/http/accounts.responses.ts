import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '../model/roles';

/*
 * The response shapes of the account routes, declared to Swagger so that the consoles can
 * generate typed clients from each app's OpenAPI document. Times are ISO 8601 in Beijing time.
 */

export class AccountSummaryDto {
  @ApiProperty({ example: 'window01' }) username!: string;
  @ApiProperty({ description: '姓名' }) displayName!: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role!: Role;
  @ApiProperty({ example: '窗口人员' }) roleLabel!: string;
  @ApiProperty({ type: String, nullable: true, description: '窗口号（窗口人员、审批账号）' }) windowNo!: string | null;
}

export class LoginResponseDto {
  @ApiProperty({ description: '会话令牌：Authorization: Bearer <token>' }) token!: string;
  @ApiProperty({ format: 'date-time', description: '会话最迟失效时间（北京时间）' }) expiresAt!: string;
  @ApiProperty({ description: '须先修改密码（首次登录、重置后或已过轮换期）' }) mustChangePassword!: boolean;
  @ApiProperty({ type: AccountSummaryDto }) account!: AccountSummaryDto;
}

export class PasswordPolicyDto {
  @ApiProperty({ enum: ['standard', 'strict'] }) profile!: 'standard' | 'strict';
  @ApiProperty() minLength!: number;
  @ApiProperty({ description: '字母、数字、符号中至少几类' }) minClasses!: number;
  @ApiProperty({ description: '须同时含大小写字母' }) requireMixedCase!: boolean;
  @ApiProperty({ description: '不得与最近 N 次密码相同' }) historyCount!: number;
  @ApiProperty({ description: '密码最长使用天数（0 = 不限）' }) maxAgeDays!: number;
}

export class MeResponseDto extends AccountSummaryDto {
  @ApiProperty() mustChangePassword!: boolean;
  @ApiProperty({ type: PasswordPolicyDto }) passwordPolicy!: PasswordPolicyDto;
}

export class AccountViewDto extends AccountSummaryDto {
  @ApiProperty({ enum: ['ACTIVE', 'DISABLED'] }) status!: 'ACTIVE' | 'DISABLED';
  @ApiProperty({ type: String, nullable: true, description: '停用原因' }) statusReason!: string | null;
  @ApiProperty() mustChangePassword!: boolean;
  @ApiProperty({ format: 'date-time' }) passwordChangedAt!: string;
  @ApiProperty() passwordExpired!: boolean;
  @ApiProperty({ description: '登录锁定中' }) locked!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lockedUntil!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
}

export class AccountPageDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [AccountViewDto] }) items!: AccountViewDto[];
}

export class AccountWithPasswordDto {
  @ApiProperty({ type: AccountViewDto }) account!: AccountViewDto;
  @ApiProperty({ description: '一次性初始密码（仅此一次返回，首次登录须修改）' }) initialPassword!: string;
}

class LoginPolicyDto {
  @ApiProperty() maxFailures!: number;
  @ApiProperty() failureWindowSeconds!: number;
  @ApiProperty() lockSeconds!: number;
}

class SessionPolicyDto {
  @ApiProperty() idleSeconds!: number;
  @ApiProperty() maxSeconds!: number;
}

class RoleLabelDto {
  @ApiProperty({ enum: Role, enumName: 'Role' }) role!: Role;
  @ApiProperty() label!: string;
}

export class SecurityPolicyDto {
  @ApiProperty({ type: PasswordPolicyDto }) password!: PasswordPolicyDto;
  @ApiProperty({ type: LoginPolicyDto }) login!: LoginPolicyDto;
  @ApiProperty({ type: SessionPolicyDto }) session!: SessionPolicyDto;
  @ApiProperty({ type: [RoleLabelDto], description: '本系统可用的角色' }) roles!: RoleLabelDto[];
}

export class AuditRecordDto {
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorRole!: string | null;
  @ApiProperty({ example: 'LOGIN' }) event!: string;
  @ApiProperty({ type: String, nullable: true }) target!: string | null;
  @ApiProperty({ enum: ['SUCCESS', 'FAILURE'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, description: '返回码' }) code!: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: '变更前后摘要等' }) detail!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) clientIp!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '关联号' }) cid!: string | null;
}

export class AuditPageDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [AuditRecordDto] }) items!: AuditRecordDto[];
}
