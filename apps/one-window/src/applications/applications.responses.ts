import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApplicantSmsDto } from '../applicant-sms/applicant-sms.responses';
import { DeliveryDto } from '../delivery/delivery.responses';
import { DeadlineDto } from '../supervision/supervision.responses';
import { ApplicationState } from './application-state-machine';

/*
 * The response shapes of the clerk's application routes, declared to Swagger so that the consoles
 * can generate typed clients from the OpenAPI document. They describe what the handlers answer
 * today: the application row as stored (ID and phone numbers masked where the data scope says so),
 * times as ISO 8601 date-times.
 */

const STATES = { enum: ApplicationState, enumName: 'ApplicationState' } as const;

export class DeliveryAddressDto {
  @ApiProperty({ description: '收件人' }) recipient: string;
  @ApiProperty({ description: '收件人电话（无权修改此件的窗口及列表中脱敏）' }) phone: string;
  @ApiProperty({ description: '收件地址' }) address: string;
  @ApiProperty({ description: '邮政编码' }) postcode: string;
}

export class ApplicationDto {
  @ApiProperty({ example: '410404-20261122-000001', description: '申报号' }) applyNo: string;
  @ApiProperty({ example: 'AMR-001', description: '事项编码' }) itemCode: string;
  @ApiProperty({ example: 'AMR', description: '办理部门代码' }) deptCode: string;
  @ApiProperty({ enum: ['PERSON', 'ORG'], description: '申请人类型：个人 / 法人' }) applicantType: 'PERSON' | 'ORG';
  @ApiProperty({ description: '申请人姓名或单位名称' }) applicantName: string;
  @ApiProperty({ description: '申请人证件号（无权修改此件的窗口及列表中脱敏）' }) applicantIdNo: string;
  @ApiProperty({ description: '申请人电话（无权修改此件的窗口及列表中脱敏）' }) applicantPhone: string;
  @ApiProperty({ enum: ['PICKUP', 'EXPRESS'], description: '领取方式：现场领取 / 证照快递' }) deliveryMethod: 'PICKUP' | 'EXPRESS';
  @ApiProperty({ type: DeliveryAddressDto, nullable: true, description: '快递地址（证照快递时）' }) deliveryAddress: DeliveryAddressDto | null;
  @ApiProperty({ ...STATES, description: '状态' }) state: ApplicationState;
  @ApiProperty({ description: '当前版本号' }) currentVersion: number;
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'], nullable: true, description: '办结结果：准予 / 不予' }) result: 'APPROVED' | 'REJECTED' | null;
  @ApiProperty({ type: String, nullable: true, description: '办结意见' }) resultOpinion: string | null;
  @ApiProperty({ description: '登记账号' }) createdBy: string;
  @ApiProperty({ type: String, format: 'date-time', description: '登记时间' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '最近修改时间' }) updatedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '办结时间' }) concludedAt: Date | null;
  @ApiProperty({ description: '关联号' }) correlationId: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '草稿过期时间' }) expiredAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '草稿过期原因' }) expireReason: string | null;
}

/** An application as answered: the row without its ID-number blind index (internal to exact search). */
export function applicationAnswer<T extends { applicantIdHash?: unknown }>(a: T): Omit<T, 'applicantIdHash'> {
  const { applicantIdHash: _hash, ...rest } = a;
  return rest;
}

export class ApplicationListItemDto extends ApplicationDto {
  @ApiProperty({ example: '受理登记中', description: '状态名称' }) stateLabel: string;
  @ApiProperty({ description: '证件号与电话已脱敏（列表中总为 true）' }) masked: boolean;
}

export class ApplicationPageDto {
  @ApiProperty({ description: '符合条件的总数' }) total: number;
  @ApiProperty({ description: '页码（从 1 开始）' }) page: number;
  @ApiProperty({ description: '每页条数' }) pageSize: number;
  @ApiProperty({ type: [ApplicationListItemDto] }) items: ApplicationListItemDto[];
}

export class MaterialDto {
  @ApiProperty({ description: '申报号' }) applyNo: string;
  @ApiProperty({ description: '版本号' }) version: number;
  @ApiProperty({ description: '材料代码' }) materialCode: string;
  @ApiProperty({ description: '材料名称' }) materialName: string;
  @ApiProperty({ description: '保存的文件名' }) fileName: string;
  @ApiProperty({ example: 'application/pdf', description: '按文件内容识别的类型' }) mimeType: string;
  @ApiProperty({ description: '文件大小（字节）' }) sizeBytes: number;
  @ApiProperty({ description: '文件内容的 SM3 摘要（十六进制）' }) sm3: string;
  @ApiProperty({ type: Number, nullable: true, description: '自哪一版本原样沿用（新上传时为空）' }) carriedFromVersion: number | null;
  @ApiProperty({ description: '上传账号' }) uploadedBy: string;
  @ApiProperty({ type: String, format: 'date-time', description: '上传时间' }) uploadedAt: Date;
}

export class SubmitResultDto {
  @ApiProperty({ description: '申报号' }) applyNo: string;
  @ApiProperty({ ...STATES, description: '提交后的状态' }) state: ApplicationState;
  @ApiProperty({ description: '提交的版本号' }) currentVersion: number;
}

class SupplementMaterialDto {
  @ApiProperty({ description: '材料代码' }) code: string;
  @ApiProperty({ description: '需补正的原因' }) reason: string;
}

export class SupplementRequestDto {
  @ApiProperty({ description: '补正意见' }) opinion: string;
  @ApiProperty({ type: [SupplementMaterialDto], description: '需补正的材料' }) materials: SupplementMaterialDto[];
  @ApiProperty({ description: '部门经办人' }) handledBy: string;
  @ApiProperty({ format: 'date-time', description: '部门办理时间' }) handledAt: string;
}

export class ApplicationVersionDto {
  @ApiProperty({ description: '申报号' }) applyNo: string;
  @ApiProperty({ description: '版本号' }) version: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '表单数据' }) formData: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', description: '版本创建时间' }) createdAt: Date;
  @ApiProperty({ description: '版本创建账号' }) createdBy: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '提交时间' }) submittedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '提交账号' }) submittedBy: string | null;
  @ApiProperty({ type: SupplementRequestDto, nullable: true, description: '部门对此版本的补正补齐要求' }) supplementRequest: SupplementRequestDto | null;
  @ApiProperty({ type: [MaterialDto], description: '此版本的办理材料（不含文件内容）' }) materials: MaterialDto[];
}

export class CallbackRecordDto {
  @ApiProperty({ description: '申报号' }) applyNo: string;
  @ApiProperty({ description: '版本号' }) version: number;
  @ApiProperty({ enum: ['SUPPLEMENT', 'ACCEPT', 'CONCLUDE'], description: '回调环节：补正补齐 / 受理 / 办结' }) stage: 'SUPPLEMENT' | 'ACCEPT' | 'CONCLUDE';
  @ApiProperty({ description: '部门代码' }) deptCode: string;
  @ApiProperty({ enum: ['APPLIED', 'STALE', 'REJECTED'], description: '平台处理结果：已应用 / 过时 / 拒绝' }) outcome: 'APPLIED' | 'STALE' | 'REJECTED';
  @ApiProperty({ type: String, nullable: true, description: '处理说明' }) note: string | null;
  @ApiProperty({ enum: ['NOTIFY', 'SCAN'], description: '取得途径：部门通知 / 定时扫描' }) via: 'NOTIFY' | 'SCAN';
  @ApiProperty({ type: String, nullable: true, description: '办结结果（办结回调）' }) concludeOutcome: string | null;
  @ApiProperty({ description: '部门意见' }) opinion: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '回调记录的其余内容' }) detail: Record<string, unknown>;
  @ApiProperty({ description: '部门经办人' }) handledBy: string;
  @ApiProperty({ type: String, format: 'date-time', description: '部门办理时间' }) handledAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '部门写入前置库时间' }) writtenAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '平台取用时间' }) takenAt: Date;
  @ApiProperty({ description: '关联号' }) correlationId: string;
}

export class ResultFileDto {
  @ApiProperty({ description: '申报号' }) applyNo: string;
  @ApiProperty({ description: '版本号' }) version: number;
  @ApiProperty({ example: 'CONCLUDE', description: '随哪一环节的回调返回' }) stage: string;
  @ApiProperty({ description: '文件名' }) fileName: string;
  @ApiProperty({ description: '文件类型' }) mimeType: string;
  @ApiProperty({ description: '文件大小（字节）' }) sizeBytes: number;
  @ApiProperty({ description: 'SM3 摘要（十六进制）' }) sm3: string;
}

export class TimelineEntryDto {
  @ApiProperty({ type: String, format: 'date-time', description: '发生时间' }) at: Date;
  @ApiProperty({ description: '版本号' }) version: number;
  @ApiProperty({ example: 'SUBMITTED', description: '步骤（REGISTERED、SUBMITTED、<环节>_WRITTEN、<环节>_TAKEN 等）' }) step: string;
  @ApiProperty({ example: '提交分发', description: '步骤名称' }) label: string;
  @ApiProperty({ description: '操作人' }) operator: string;
  @ApiProperty({ example: 'PLATFORM', description: '操作方' }) party: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '取用结果（前置库影子记录）' }) outcome?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '说明' }) note?: string | null;
  @ApiPropertyOptional({ description: '关联号（前置库影子记录）' }) correlationId?: string;
}

class FlaggedMaterialDto {
  @ApiProperty({ description: '材料代码' }) code: string;
  @ApiProperty({ type: String, nullable: true, description: '材料名称（事项目录；部门所列代码不属于本事项时为空）' }) name: string | null;
  @ApiProperty({ description: '需补正的原因（部门对同一材料有多条意见时为第一条并注明条数）' }) reason: string;
  @ApiProperty({ type: [String], description: '部门对此材料的全部意见' }) reasons: string[];
  @ApiProperty({ description: '下一版本中已重新上传（沿用的旧文件不算）' }) replaced: boolean;
}

export class SupplementBlockDto {
  @ApiProperty({ description: '部门要求补正的版本号' }) version: number;
  @ApiProperty({ type: Number, nullable: true, description: '答复此要求的版本号（尚未新建版本时为空）' }) answerVersion: number | null;
  @ApiProperty({ description: '答复版本已提交' }) answered: boolean;
  @ApiProperty({ description: '补正意见' }) opinion: string;
  @ApiProperty({ description: '部门经办人' }) handledBy: string;
  @ApiProperty({ format: 'date-time', description: '部门办理时间' }) handledAt: string;
  @ApiProperty({ type: [FlaggedMaterialDto], description: '需补正的材料（提交答复版本前须逐项重新上传）' }) materials: FlaggedMaterialDto[];
}

export class ApplicationDetailDto extends ApplicationDto {
  @ApiProperty({ example: '受理登记中', description: '状态名称' }) stateLabel: string;
  @ApiPropertyOptional({ description: '证件号、电话与申请表中的个人信息已脱敏（此件不属于本窗口时为 true，否则无此字段）' }) masked?: boolean;
  @ApiProperty({ type: [ApplicationVersionDto], description: '各版本及其材料' }) versions: ApplicationVersionDto[];
  @ApiProperty({ type: [CallbackRecordDto], description: '平台已取用的回调' }) callbacks: CallbackRecordDto[];
  @ApiProperty({ type: [ResultFileDto], description: '部门返回的文件（不含内容）' }) resultFiles: ResultFileDto[];
  @ApiProperty({ type: [TimelineEntryDto], description: '数据追踪时间线' }) timeline: TimelineEntryDto[];
  @ApiProperty({ description: '部门前置库可达（不可达时时间线缺少前置库影子记录）' }) frontDbAvailable: boolean;
  @ApiProperty({ type: SupplementBlockDto, nullable: true, description: '最近一次补正补齐要求（部门从未要求时为空）' }) supplement: SupplementBlockDto | null;
  @ApiProperty({ type: DeliveryDto, nullable: true, description: '出件（办结后：窗口领取或证照快递；办结前为空）' }) delivery: DeliveryDto | null;
  @ApiProperty({ type: DeadlineDto, nullable: true, description: '办理时限（承诺/法定期限、时限状态；首次提交后才有）' }) deadline: DeadlineDto | null;
  @ApiProperty({ type: [ApplicantSmsDto], description: '发给申请人的短信通知（补正补齐、办结；手机号脱敏）' }) sms: ApplicantSmsDto[];
}
