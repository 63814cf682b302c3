import { AlertSeverity, AlertStatus, ReportCategory, ReportMode, ResourceClass, WorkOrderStatus } from '@app/ops-contract';
import { ApiProperty } from '@nestjs/swagger';

/*
 * The response shapes of the monitors' query API, declared to Swagger so that a console can generate
 * its client from the OpenAPI document. They describe what MonitorQuery returns: rows of the city DB
 * in camelCase, times as ISO 8601 (UTC), BIGINT row references as strings (the driver's bigNumberStrings).
 */

const time = (description: string) => ({ type: String, format: 'date-time', description });
const nullableTime = (description: string) => ({ type: String, format: 'date-time', nullable: true, description });
const nullableText = (description: string) => ({ type: String, nullable: true, description });
const reportRef = { description: '最近写入本行的上报记录编号（city_report.id，字符串形式的大整数）', example: '42' };

export class NodeInfoDto {
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ description: '单位名称' }) unitName!: string;
  @ApiProperty({ description: '负责人' }) personInCharge!: string;
  @ApiProperty({ description: '负责人电话' }) personPhone!: string;
  @ApiProperty({ description: '值班电话' }) dutyPhone!: string;
  @ApiProperty({ description: '地址' }) address!: string;
  @ApiProperty({ description: '节点级别', example: 'DISTRICT' }) nodeLevel!: string;
  @ApiProperty(time('节点上报的更新时间')) updatedAt!: string;
}

export class CityNodeDto {
  @ApiProperty({ description: '运维节点代码', example: 'SLQ-410404' }) nodeCode!: string;
  @ApiProperty({ description: '节点名称' }) name!: string;
  @ApiProperty({ enum: ['soap', 'http'], description: '市级向该节点下发所用的传输方式' }) transport!: 'soap' | 'http';
  @ApiProperty({ description: '节点接收市级下发的地址' }) inboundUrl!: string;
  @ApiProperty({ type: NodeInfoDto, nullable: true, description: '节点上报的接入节点信息；尚未上报时为 null' }) nodeInfo!: NodeInfoDto | null;
}

export class ResourceDto {
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ description: '资源编号' }) resourceId!: string;
  @ApiProperty({ enum: ResourceClass, description: '资源类别' }) resourceClass!: ResourceClass;
  @ApiProperty({ description: '资源类别名称', example: '防火墙' }) resourceClassLabel!: string;
  @ApiProperty({ description: '资源 IP' }) resourceIp!: string;
  @ApiProperty({ description: '名称' }) name!: string;
  @ApiProperty({ description: '型号' }) model!: string;
  @ApiProperty({ description: '品牌' }) brand!: string;
  @ApiProperty(nullableText('访问地址')) url!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '管理端口' }) managementPort!: number | null;
  @ApiProperty(nullableText('资产编号')) assetNo!: string | null;
  @ApiProperty(nullableText('描述')) description!: string | null;
  @ApiProperty({ description: '已下线' }) removed!: boolean;
  @ApiProperty(nullableTime('下线时间')) removedAt!: string | null;
  @ApiProperty(time('节点上报的更新时间')) updatedAt!: string;
  @ApiProperty(reportRef) lastReportId!: string;
}

export class SubResourceDto {
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ description: '子资源编号' }) subResourceId!: string;
  @ApiProperty({ description: '所属资源编号' }) resourceId!: string;
  @ApiProperty({ description: '子资源类型', example: 'PORT' }) kind!: string;
  @ApiProperty({ description: '名称' }) name!: string;
  @ApiProperty(nullableText('IP')) ip!: string | null;
  @ApiProperty(nullableText('访问地址（功能入口链接）')) url!: string | null;
  @ApiProperty(nullableText('状态')) status!: string | null;
  @ApiProperty({ description: '已下线' }) removed!: boolean;
  @ApiProperty(nullableTime('下线时间')) removedAt!: string | null;
  @ApiProperty(time('节点上报的更新时间')) updatedAt!: string;
  @ApiProperty(reportRef) lastReportId!: string;
}

export class CityAlertDto {
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ description: '告警编号' }) alertId!: string;
  @ApiProperty({ description: '资源编号' }) resourceId!: string;
  @ApiProperty({ enum: ResourceClass, description: '资源类别' }) resourceClass!: ResourceClass;
  @ApiProperty({ description: '指标' }) metric!: string;
  @ApiProperty({ enum: AlertSeverity, description: '告警级别' }) severity!: AlertSeverity;
  @ApiProperty({ enum: AlertStatus, description: '告警状态' }) status!: AlertStatus;
  @ApiProperty({ description: '触发值' }) value!: number;
  @ApiProperty({ description: '阈值' }) threshold!: number;
  @ApiProperty({ description: '告警内容' }) message!: string;
  @ApiProperty(time('告警时间')) raisedAt!: string;
  @ApiProperty(nullableTime('恢复时间')) resolvedAt!: string | null;
  @ApiProperty(reportRef) lastReportId!: string;
}

export class PerformanceSummaryDto {
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ description: '资源编号' }) resourceId!: string;
  @ApiProperty(nullableText('子资源编号；资源本身的指标为 null')) subResourceId!: string | null;
  @ApiProperty({ description: '指标' }) metric!: string;
  @ApiProperty({ description: '单位', example: '%' }) unit!: string;
  @ApiProperty({ description: '最小值' }) min!: number;
  @ApiProperty({ description: '最大值' }) max!: number;
  @ApiProperty({ description: '平均值' }) avg!: number;
  @ApiProperty({ type: 'integer', description: '样本数' }) count!: number;
  @ApiProperty(time('范围内最早的采样时间')) firstSampledAt!: string;
  @ApiProperty(time('范围内最晚的采样时间')) lastSampledAt!: string;
}

export class ReportSummaryDto {
  @ApiProperty({ type: 'integer', description: '上报记录编号' }) id!: number;
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ enum: ReportCategory, description: '上报类别' }) category!: ReportCategory;
  @ApiProperty({ description: '上报类别名称', example: '资源信息' }) categoryLabel!: string;
  @ApiProperty({ enum: ReportMode, description: '上报方式：FULL 全量，INCREMENTAL 增量' }) mode!: ReportMode;
  @ApiProperty({ description: '报文编号' }) messageId!: string;
  @ApiProperty(time('报文生成时间')) generatedAt!: string;
  @ApiProperty({ type: 'integer', description: '条目数' }) itemCount!: number;
  @ApiProperty({ enum: ['soap', 'http'], description: '上报所用传输方式' }) transport!: 'soap' | 'http';
  @ApiProperty({ description: '关联编号（跨系统追踪）' }) correlationId!: string;
  @ApiProperty(time('接收时间')) receivedAt!: string;
}

/** The decrypted report message as the node sent it. */
export class ReportPayloadDto {
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ enum: ReportCategory, description: '上报类别' }) category!: ReportCategory;
  @ApiProperty({ enum: ReportMode, description: '上报方式' }) mode!: ReportMode;
  @ApiProperty({ description: '报文生成时间（ISO 8601，含时区）' }) generatedAt!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '上报条目（字段见上报接口规范）' }) items!: Record<
    string,
    unknown
  >[];
}

export class ReportDetailDto {
  @ApiProperty({ type: 'integer', description: '上报记录编号' }) id!: number;
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ enum: ReportCategory, description: '上报类别' }) category!: ReportCategory;
  @ApiProperty({ enum: ReportMode, description: '上报方式' }) mode!: ReportMode;
  @ApiProperty({ description: '报文编号' }) messageId!: string;
  @ApiProperty(time('报文生成时间')) generatedAt!: string;
  @ApiProperty({ type: 'integer', description: '条目数' }) itemCount!: number;
  @ApiProperty({ type: ReportPayloadDto, description: '解密后的完整明文报文' }) payload!: ReportPayloadDto;
  @ApiProperty({ enum: ['soap', 'http'], description: '上报所用传输方式' }) transport!: 'soap' | 'http';
  @ApiProperty({ description: '关联编号（跨系统追踪）' }) correlationId!: string;
  @ApiProperty(time('接收时间')) receivedAt!: string;
}

export class RefusalDto {
  @ApiProperty({ type: 'integer', description: '拒绝记录编号' }) id!: number;
  @ApiProperty(nullableText('请求中声明的运维节点代码（未必通过验证）')) nodeCode!: string | null;
  @ApiProperty({ enum: ReportCategory, nullable: true, description: '请求中声明的上报类别' }) category!: ReportCategory | null;
  @ApiProperty(nullableText('请求中声明的报文编号')) messageId!: string | null;
  @ApiProperty({ description: '拒绝前该节点的签名已验证通过（只有这样的拒绝计入节点上报健康度）' }) senderVerified!: boolean;
  @ApiProperty({ description: '返回码', example: '3005' }) code!: string;
  @ApiProperty({ description: '拒绝原因' }) detail!: string;
  @ApiProperty({ enum: ['soap', 'http'], description: '请求所用传输方式' }) transport!: 'soap' | 'http';
  @ApiProperty({ description: '关联编号（跨系统追踪）' }) correlationId!: string;
  @ApiProperty(time('拒绝时间')) at!: string;
}

export class CategoryHealthDto {
  @ApiProperty({ enum: ReportCategory, description: '上报类别' }) category!: ReportCategory;
  @ApiProperty({ description: '上报类别名称' }) label!: string;
  @ApiProperty(nullableTime('最近一次上报的接收时间')) lastReportAt!: string | null;
  @ApiProperty(nullableText('最近一次上报的报文编号')) lastMessageId!: string | null;
  @ApiProperty({ type: 'integer', description: '24 小时内上报次数' }) reportsLast24h!: number;
  @ApiProperty(nullableText('最近一次（签名已验证的）拒绝的返回码')) lastRefusalCode!: string | null;
  @ApiProperty(nullableTime('最近一次拒绝的时间')) lastRefusalAt!: string | null;
  @ApiProperty({ description: '停报：停报窗口内没有该类上报' }) stale!: boolean;
  @ApiProperty({ description: '失败：该类最近的事件是一次拒绝' }) failing!: boolean;
}

export class NodeHealthDto {
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ description: '节点名称' }) name!: string;
  @ApiProperty(nullableTime('任一类最近一次上报的接收时间')) lastReportAt!: string | null;
  @ApiProperty(nullableText('最近一次拒绝的返回码')) lastRefusalCode!: string | null;
  @ApiProperty(nullableTime('最近一次拒绝的时间')) lastRefusalAt!: string | null;
  @ApiProperty({ description: '停报：停报窗口内没有任何上报' }) stale!: boolean;
  @ApiProperty({ type: [CategoryHealthDto], description: '每类信息的上报健康度' }) categories!: CategoryHealthDto[];
}

export class ReportingHealthDto {
  @ApiProperty({ type: 'integer', description: '停报窗口（毫秒）' }) staleAfterMs!: number;
  @ApiProperty(time('计算时间')) at!: string;
  @ApiProperty({ type: [NodeHealthDto], description: '每个已注册节点的上报健康度' }) nodes!: NodeHealthDto[];
}

export class WorkOrderDeliveryDto {
  @ApiProperty({
    enum: ['PENDING', 'DELIVERED', 'FAILED'],
    description: '下发送达状态：PENDING 待送达（含重试中），DELIVERED 已送达，FAILED 被节点拒绝、不再重试',
  })
  state!: 'PENDING' | 'DELIVERED' | 'FAILED';
  @ApiProperty({ type: 'integer', description: '已尝试次数' }) attempts!: number;
  @ApiProperty(nullableText('最近一次失败的返回码')) lastCode!: string | null;
  @ApiProperty(nullableText('最近一次失败的原因')) lastError!: string | null;
  @ApiProperty(time('下一次尝试时间')) nextAttemptAt!: string;
  @ApiProperty(nullableTime('送达时间')) deliveredAt!: string | null;
  @ApiProperty(nullableText('节点的应答返回码（0000 或 0001）')) answerCode!: string | null;
}

export class WorkOrderDto {
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ description: '工单编号' }) orderId!: string;
  @ApiProperty({ enum: ['CITY', 'NODE'], description: '来源：CITY 市级下发，NODE 区级发起' }) origin!: 'CITY' | 'NODE';
  @ApiProperty({ description: '工单主题' }) subject!: string;
  @ApiProperty({ description: '工单内容' }) content!: string;
  @ApiProperty({ description: '发起单位' }) originUnit!: string;
  @ApiProperty({ description: '业务类型' }) businessType!: string;
  @ApiProperty({ description: '接收单位' }) receiverUnit!: string;
  @ApiProperty(nullableText('接收方反馈')) receiverFeedback!: string | null;
  @ApiProperty({ description: '发起人' }) originContact!: string;
  @ApiProperty({ description: '发起人电话' }) originPhone!: string;
  @ApiProperty(nullableText('接收人')) receiverContact!: string | null;
  @ApiProperty(nullableText('接收人电话')) receiverPhone!: string | null;
  @ApiProperty({ enum: WorkOrderStatus, description: '处理状态' }) status!: WorkOrderStatus;
  @ApiProperty({ description: '处理状态名称', example: '待受理' }) statusLabel!: string;
  @ApiProperty(nullableTime('办结时间')) concludedAt!: string | null;
  @ApiProperty({ type: 'integer', description: '运维级别' }) opsLevel!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: '评价星级' }) starRating!: number | null;
  @ApiProperty(nullableText('运维评价')) opsEvaluation!: string | null;
  @ApiProperty(time('更新时间')) updatedAt!: string;
  @ApiProperty(time('城市库中创建时间')) createdAt!: string;
  @ApiProperty({ type: WorkOrderDeliveryDto, nullable: true, description: '最近一次下发的送达状态；区级发起的工单为 null' })
  delivery!: WorkOrderDeliveryDto | null;
}

export class CityStatsEntryDto {
  @ApiProperty({ description: '分组键（级别、资源类别代码）' }) key!: string;
  @ApiProperty({ description: '分组名称' }) label!: string;
  @ApiProperty({ type: 'integer', description: '告警数' }) value!: number;
}

class SeverityCountsDto {
  @ApiProperty({ type: 'integer', description: '合计' }) total!: number;
  @ApiProperty({ type: 'integer', description: '紧急' }) CRITICAL!: number;
  @ApiProperty({ type: 'integer', description: '重要' }) MAJOR!: number;
  @ApiProperty({ type: 'integer', description: '次要' }) MINOR!: number;
  @ApiProperty({ type: 'integer', description: '提示' }) WARNING!: number;
}

export class NodeAlertCountsDto extends SeverityCountsDto {
  @ApiProperty({ description: '运维节点代码' }) nodeCode!: string;
  @ApiProperty({ description: '节点名称' }) name!: string;
}

export class CityAlertBucketDto extends SeverityCountsDto {
  @ApiProperty({ description: '时间段（北京时间，YYYY-MM-DD 或 YYYY-MM-DD HH:00）' }) bucket!: string;
}

export class CityAlertStatsDto {
  @ApiProperty(time('统计开始时间（含）')) from!: string;
  @ApiProperty(time('统计结束时间（不含）')) to!: string;
  @ApiProperty({ enum: ['hour', 'day'], description: '趋势的时间粒度' }) bucket!: 'hour' | 'day';
  @ApiProperty({ type: 'integer', description: '范围内产生的告警总数' }) total!: number;
  @ApiProperty({ type: 'integer', description: '其中按各节点最近上报仍为告警中或已确认的' }) open!: number;
  @ApiProperty({ type: [NodeAlertCountsDto], description: '每个已注册节点按级别的告警数（无告警的节点为 0）' }) byNode!: NodeAlertCountsDto[];
  @ApiProperty({ type: [CityStatsEntryDto], description: '按级别' }) bySeverity!: CityStatsEntryDto[];
  @ApiProperty({ type: [CityStatsEntryDto], description: '按资源类别' }) byResourceClass!: CityStatsEntryDto[];
  @ApiProperty({ type: [CityAlertBucketDto], description: '按时间段与级别（只列有告警的时间段）' }) overTime!: CityAlertBucketDto[];
}
