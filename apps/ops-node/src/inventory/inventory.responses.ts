import { ResourceClass, SubResourceKind } from '@app/ops-contract';
import { ApiProperty } from '@nestjs/swagger';

/*
 * The response shapes of the inventory routes (资源清单), declared to Swagger so that the consoles
 * can generate typed clients. Field names are those of the city report; times are ISO 8601.
 */

export class ResourceDto {
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ description: '资源 IP' }) resourceIp: string;
  @ApiProperty({ enum: ResourceClass, enumName: 'ResourceClass', description: '资源类别' }) resourceClass: ResourceClass;
  @ApiProperty({ description: '资源名称' }) name: string;
  @ApiProperty({ description: '型号' }) model: string;
  @ApiProperty({ description: '品牌' }) brand: string;
  @ApiProperty({ type: String, nullable: true, description: '访问地址（业务系统）' }) url: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '管理端口' }) managementPort: number | null;
  @ApiProperty({ type: String, nullable: true, description: '资产编号' }) assetNo: string | null;
  @ApiProperty({ type: String, nullable: true, description: '资源描述' }) description: string | null;
  @ApiProperty({ enum: ['DISCOVERED', 'MANUAL'], description: '来源：自动发现 / 手工登记' }) source: 'DISCOVERED' | 'MANUAL';
  @ApiProperty({ description: '已下线' }) removed: boolean;
  @ApiProperty({ format: 'date-time', description: '登记时间' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: '最近修改时间' }) updatedAt: string;
}

export class SubResourceDto {
  @ApiProperty({ description: '子资源编号' }) subResourceId: string;
  @ApiProperty({ description: '所属资源编号' }) resourceId: string;
  @ApiProperty({ enum: SubResourceKind, enumName: 'SubResourceKind', description: '子资源类型：端口、功能入口链接、主机、实例' }) kind: SubResourceKind;
  @ApiProperty({ description: '子资源名称' }) name: string;
  @ApiProperty({ type: String, nullable: true, description: 'IP 地址' }) ip: string | null;
  @ApiProperty({ type: String, nullable: true, description: '链接地址' }) url: string | null;
  @ApiProperty({ type: String, nullable: true, description: '状态' }) status: string | null;
  @ApiProperty({ description: '已下线' }) removed: boolean;
  @ApiProperty({ format: 'date-time', description: '最近修改时间' }) updatedAt: string;
}

export class ResourceDetailDto extends ResourceDto {
  @ApiProperty({ type: [SubResourceDto], description: '子资源（端口、功能入口链接等）' }) subResources: SubResourceDto[];
}

export class ResourceRemovedDto {
  @ApiProperty({ description: '资源编号' }) resourceId: string;
  @ApiProperty({ description: '已标记为下线' }) removed: boolean;
}

export class DiscoveryResultDto {
  @ApiProperty({ description: '发现的资源数' }) resources: number;
  @ApiProperty({ description: '发现的子资源数' }) subResources: number;
}
