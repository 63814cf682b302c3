import { Label, PlainText } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';

export class DeliveryAddressDto {
  @ApiProperty({ example: '张三' }) @Label('收件人') @PlainText() @IsString() @Length(1, 50) recipient: string;
  @ApiProperty({ example: '13800000000' }) @Label('收件人电话') @PlainText() @Matches(/^1[3-9][0-9]{9}$/) phone: string;
  @ApiProperty({ example: '河南省平顶山市石龙区人民路1号' }) @Label('收件地址') @PlainText() @IsString() @Length(4, 200) address: string;
  @ApiProperty({ example: '467045' }) @Label('邮政编码') @PlainText() @Matches(/^[0-9]{6}$/) postcode: string;
}

/** 受理登记 */
export class RegisterApplicationDto {
  @ApiProperty({ example: 'AMR-001' }) @PlainText() @Matches(/^[A-Z]+-[0-9]{3}$/) itemCode: string;
  @ApiProperty({ enum: ['PERSON', 'ORG'] }) @Label('申请人类型') @IsIn(['PERSON', 'ORG']) applicantType: 'PERSON' | 'ORG';
  @ApiProperty({ example: '张三' }) @Label('申请人姓名') @PlainText() @IsString() @Length(1, 100) applicantName: string;
  @ApiProperty({ description: '身份证号（18位）或统一社会信用代码（18位）', example: '410404199001011234' })
  @PlainText()
  @Matches(/^[0-9A-Z]{17}[0-9A-Z]$/)
  applicantIdNo: string;
  @ApiProperty({ example: '13800000000' }) @Label('申请人电话') @PlainText() @Matches(/^1[3-9][0-9]{9}$/) applicantPhone: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '申请表数据', example: { 企业名称: '平顶山某某商贸有限公司' } })
  @PlainText({ multiline: true })
  @IsObject()
  formData: Record<string, unknown>;
  @ApiProperty({ enum: ['PICKUP', 'EXPRESS'], description: 'PICKUP 现场领取 / EXPRESS 证照快递' })
  @Label('领取方式')
  @IsIn(['PICKUP', 'EXPRESS'])
  deliveryMethod: 'PICKUP' | 'EXPRESS';
  @ApiPropertyOptional({ type: DeliveryAddressDto })
  @Label('快递地址')
  @ValidateIf((o: RegisterApplicationDto) => o.deliveryMethod === 'EXPRESS' || o.deliveryAddress !== undefined)
  @ValidateNested()
  @Type(() => DeliveryAddressDto)
  deliveryAddress?: DeliveryAddressDto;
}

/** 补正补齐后重新提交：新版本的表单（不传则沿用上一版本） */
export class StartResubmissionDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @Label('申请表数据')
  @IsOptional()
  @PlainText({ multiline: true })
  @IsObject()
  formData?: Record<string, unknown>;
}
