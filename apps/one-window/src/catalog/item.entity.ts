import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MaterialFileType } from '../applications/material-file-type';
import { jsonLongText } from '../database/json-column';
import type { FormField } from './form-field';

/** 业务分类 */
export enum ItemCategory {
  INVESTMENT = 'INVESTMENT', // 投资项目审批类
  ENTERPRISE = 'ENTERPRISE', // 企业注册与后置审批类
  REAL_ESTATE = 'REAL_ESTATE', // 房屋交易与不动产交易类
  PROVIDENT_FUND = 'PROVIDENT_FUND', // 住房公积金类
  PUBLIC_SECURITY = 'PUBLIC_SECURITY', // 公安服务类
}

export const CATEGORY_LABEL: Record<ItemCategory, string> = {
  [ItemCategory.INVESTMENT]: '投资项目审批类',
  [ItemCategory.ENTERPRISE]: '企业注册与后置审批类',
  [ItemCategory.REAL_ESTATE]: '房屋交易与不动产交易类',
  [ItemCategory.PROVIDENT_FUND]: '住房公积金类',
  [ItemCategory.PUBLIC_SECURITY]: '公安服务类',
};

/** One entry of 办理材料. */
export interface RequiredMaterial {
  code: string;
  name: string;
  required: boolean;
  /** 原件 / 复印件 / 电子件 */
  form: string;
  copies: number;
  /** file types accepted for this material, recognised by content; absent → pdf, ofd, jpg, png */
  fileTypes?: MaterialFileType[];
}

/** 事项 */
@Entity('item')
@Index('ix_item_category', ['category'])
export class ItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 24 }) category: ItemCategory;
  @Column({ name: 'dept_code', type: 'varchar', length: 16 }) deptCode: string;
  /** 法定期限（工作日） */
  @Column({ name: 'legal_limit_days', type: 'int' }) legalLimitDays: number;
  /** 承诺期限（工作日） */
  @Column({ name: 'promised_limit_days', type: 'int' }) promisedLimitDays: number;
  @Column({ name: 'contact_phone', type: 'varchar', length: 32 }) contactPhone: string;
  @Column({ name: 'supervision_phone', type: 'varchar', length: 32 }) supervisionPhone: string;
  /** 收费依据及标准 */
  @Column({ name: 'fee_basis', type: 'text' }) feeBasis: string;
  @Column({ name: 'handling_location', type: 'varchar', length: 200 }) handlingLocation: string;
  /** 受理条件 */
  @Column({ name: 'acceptance_conditions', type: 'text' }) acceptanceConditions: string;
  /** 法定依据 */
  @Column({ name: 'legal_basis', type: 'text' }) legalBasis: string;
  /** 办理流程 */
  @Column({ type: 'text' }) process: string;
  @Column({ type: 'simple-json' }) materials: RequiredMaterial[];
  /** the application form's fields (申请表); formData of a registration is checked against them */
  @Column({ name: 'form_fields', type: 'longtext', transformer: jsonLongText }) formFields: FormField[];
  @Column({ type: 'boolean', default: true }) enabled: boolean;
}
