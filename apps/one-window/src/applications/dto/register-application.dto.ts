import { Label, PlainText } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { IsApplicantIdNo, NormalizeIdNo, Trim } from './applicant-id.validator';

export class DeliveryAddressDto {
  @ApiProperty({ example: '张三', description: '收件人（去除首尾空白后 1–50 个字符）' })
  @Label('收件人')
  @Trim()
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @Length(1, 50)
  recipient: string;
  @ApiProperty({ example: '13800000000' }) @Label('收件人电话') @Trim() @PlainText() @IsNotEmpty() @Matches(/^1[3-9][0-9]{9}$/) phone: string;
  @ApiProperty({ example: '河南省平顶山市石龙区人民路1号', description: '收件地址（去除首尾空白后 4–200 个字符）' })
  @Label('收件地址')
  @Trim()
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @Length(4, 200)
  address: string;
  @ApiProperty({ example: '467045' }) @Label('邮政编码') @Trim() @PlainText() @IsNotEmpty() @Matches(/^[0-9]{6}$/) postcode: string;
}

/** 受理登记 */
export class RegisterApplicationDto {
  @ApiProperty({ example: 'AMR-001' }) @PlainText() @Matches(/^[A-Z]+-[0-9]{3}$/) itemCode: string;
  @ApiProperty({ enum: ['PERSON', 'ORG'] }) @Label('申请人类型') @IsIn(['PERSON', 'ORG']) applicantType: 'PERSON' | 'ORG';
  @ApiProperty({ example: '张三', description: '申请人姓名或单位名称（去除首尾空白后 1–100 个字符）' })
  @Label('申请人姓名')
  @Trim()
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @Length(1, 100)
  applicantName: string;
  @ApiProperty({
    description:
      '自然人（PERSON）为 18 位公民身份号码（GB 11643-1999，出生日期与校验位有效）；法人（ORG）为 18 位统一社会信用代码（GB 32100-2015，校验位有效）',
    example: '11010519491231002X',
  })
  @Label('申请人证件号码')
  @NormalizeIdNo()
  @PlainText()
  @IsString()
  @IsApplicantIdNo()
  applicantIdNo: string;
  @ApiProperty({ example: '13800000000' }) @Label('申请人电话') @Trim() @PlainText() @Matches(/^1[3-9][0-9]{9}$/) applicantPhone: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '申请表数据：键为事项 formFields 的 key，按其类型、必填、长度与可选值校验',
    example: { entName: '平顶山某某商贸有限公司', registeredCapital: 100 },
  })
  @Label('申请表数据')
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
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '新版本的申请表数据（按事项 formFields 校验；不传则沿用上一版本）' })
  @Label('申请表数据')
  @IsOptional()
  @PlainText({ multiline: true })
  @IsObject()
  formData?: Record<string, unknown>;
}
