import { IsDateTime, Label, PlainText } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Carrier, CARRIER_NAMES } from './delivery-rules';

/** 窗口出件: who collected the result; the clerk and window come from the session. */
export class HandoverDto {
  @ApiProperty({ example: '张三', description: '领取人姓名' }) @Label('领取人姓名') @PlainText() @IsString() @Length(1, 50) collectorName: string;
  @ApiProperty({ example: '410404199001011233', description: '领取人居民身份证号码（18 位，校验出生日期与校验位）' })
  @Label('领取人身份证号')
  @PlainText()
  @IsString()
  @Length(18, 18)
  collectorIdNo: string;
  @ApiProperty({ enum: ['本人', '代理人'], description: '领取人与申请人的关系：本人（须与申请人一致）或代理人' })
  @Label('领取人身份')
  @IsIn(['本人', '代理人'], { message: '领取人身份取值应为 本人、代理人 之一' })
  relation: '本人' | '代理人';
  @ApiProperty({ enum: [true], description: '已核验领取人身份证件原件（须为 true）' })
  @Label('已核验身份证件')
  @Equals(true, { message: '须核验领取人身份证件原件（idChecked 须为 true）' })
  idChecked: true;
}

/** 证照寄出 */
export class ExpressDto {
  @ApiProperty({ enum: CARRIER_NAMES, description: '快递公司' })
  @Label('快递公司')
  @IsIn(CARRIER_NAMES, { message: `快递公司取值应为 ${CARRIER_NAMES.join('、')} 之一` })
  carrier: Carrier;
  @ApiProperty({ example: 'SF1234567890123', description: '运单号（按快递公司校验格式）' })
  @Label('运单号')
  @PlainText()
  @Matches(/^[0-9A-Z]{8,32}$/, { message: '运单号须为 8–32 位数字或大写字母' })
  waybillNo: string;
  @ApiPropertyOptional({ format: 'date-time', description: '交寄时间（ISO 8601；不填为当前时间）' })
  @Label('交寄时间')
  @IsOptional()
  @IsDateTime()
  mailedAt?: string;
}

/** 快递签收 */
export class DeliveredDto {
  @ApiProperty({ format: 'date-time', description: '签收时间（ISO 8601）' }) @Label('签收时间') @IsDateTime() deliveredAt: string;
}
