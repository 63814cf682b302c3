import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MaterialFileType } from '../applications/material-file-type';
import { FORM_FIELD_TYPES, FormFieldType } from './form-field';
import { ItemCategory } from './item.entity';

/*
 * The response shapes of the catalog routes, declared to Swagger so that the consoles can
 * generate typed clients from the OpenAPI document.
 */

export class CategoryDto {
  @ApiProperty({ enum: ItemCategory, enumName: 'ItemCategory', description: '业务分类代码' }) code: string;
  @ApiProperty({ example: '投资项目审批类', description: '业务分类名称' }) label: string;
}

export class RequiredMaterialDto {
  @ApiProperty({ description: '材料代码' }) code: string;
  @ApiProperty({ description: '材料名称' }) name: string;
  @ApiProperty({ description: '是否必需' }) required: boolean;
  @ApiProperty({ example: '电子件', description: '材料形式：原件 / 复印件 / 电子件' }) form: string;
  @ApiProperty({ description: '份数' }) copies: number;
  @ApiPropertyOptional({ enum: ['pdf', 'ofd', 'jpg', 'png'], isArray: true, description: '按文件内容接受的文件类型（缺省为 pdf、ofd、jpg、png）' })
  fileTypes?: MaterialFileType[];
}

export class FormFieldDto {
  @ApiProperty({ example: 'entName', description: '字段键（formData 中的键）' }) key: string;
  @ApiProperty({ example: '企业名称', description: '字段名称' }) label: string;
  @ApiProperty({
    enum: FORM_FIELD_TYPES,
    enumName: 'FormFieldType',
    description:
      '字段类型：text 单行文字、textarea 多行文字、number 数值（JSON 数值）、date 日期（YYYY-MM-DD）、select 下拉选择、phone 电话、idNo 公民身份号码、creditCode 统一社会信用代码',
  })
  type: FormFieldType;
  @ApiProperty({ description: '是否必填' }) required: boolean;
  @ApiPropertyOptional({ description: '最多字符数（文字类型）' }) maxLength?: number;
  @ApiPropertyOptional({ type: [String], description: '可选值（select）' }) options?: string[];
  @ApiPropertyOptional({ description: '最小值（number，含）' }) min?: number;
  @ApiPropertyOptional({ description: '最大值（number，含）' }) max?: number;
  @ApiPropertyOptional({ description: '输入提示' }) placeholder?: string;
}

export class ItemDto {
  @ApiProperty({ example: 'AMR-001', description: '事项编码' }) code: string;
  @ApiProperty({ description: '事项名称' }) name: string;
  @ApiProperty({ enum: ItemCategory, enumName: 'ItemCategory', description: '业务分类' }) category: ItemCategory;
  @ApiProperty({ example: 'AMR', description: '办理部门代码' }) deptCode: string;
  @ApiProperty({ description: '法定期限（工作日）' }) legalLimitDays: number;
  @ApiProperty({ description: '承诺期限（工作日）' }) promisedLimitDays: number;
  @ApiProperty({ description: '咨询电话' }) contactPhone: string;
  @ApiProperty({ description: '监督电话' }) supervisionPhone: string;
  @ApiProperty({ description: '收费依据及标准' }) feeBasis: string;
  @ApiProperty({ description: '办理地点' }) handlingLocation: string;
  @ApiProperty({ description: '受理条件' }) acceptanceConditions: string;
  @ApiProperty({ description: '法定依据' }) legalBasis: string;
  @ApiProperty({ description: '办理流程' }) process: string;
  @ApiProperty({ type: [RequiredMaterialDto], description: '办理材料清单' }) materials: RequiredMaterialDto[];
  @ApiProperty({ type: [FormFieldDto], description: '申请表字段（受理登记的 formData 按此校验）' }) formFields: FormFieldDto[];
  @ApiProperty({ description: '是否启用' }) enabled: boolean;
}
