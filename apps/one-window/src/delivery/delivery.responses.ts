import { ApiProperty } from '@nestjs/swagger';
import { DeliveryState } from './delivery-state-machine';

const STATES = { enum: DeliveryState, enumName: 'DeliveryState' } as const;

export class HandoverRecordDto {
  @ApiProperty({ description: '领取人姓名' }) collectorName: string;
  @ApiProperty({ example: '4104**********1233', description: '领取人身份证号（脱敏）' }) collectorIdNo: string;
  @ApiProperty({ enum: ['本人', '代理人'], description: '领取人身份' }) relation: '本人' | '代理人';
  @ApiProperty({ description: '已核验身份证件' }) idChecked: boolean;
  @ApiProperty({ type: String, format: 'date-time', description: '领取时间' }) handedOverAt: Date;
  @ApiProperty({ description: '出件账号' }) handedOverBy: string;
  @ApiProperty({ type: String, nullable: true, description: '出件窗口号' }) windowNo: string | null;
}

export class ExpressRecordDto {
  @ApiProperty({ description: '快递公司' }) carrier: string;
  @ApiProperty({ description: '运单号' }) waybillNo: string;
  @ApiProperty({ type: String, format: 'date-time', description: '交寄时间' }) mailedAt: Date;
  @ApiProperty({ description: '登记寄出的账号' }) mailedBy: string;
  @ApiProperty({ type: String, nullable: true, description: '登记寄出的窗口号' }) windowNo: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '签收时间' }) deliveredAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: '登记签收的账号' }) deliveredBy: string | null;
}

/** The `delivery` block of the application detail, and the answer of the delivery routes. */
export class DeliveryDto {
  @ApiProperty({ description: '申报号' }) applyNo: string;
  @ApiProperty({ enum: ['PICKUP', 'EXPRESS'], description: '领取方式：现场领取 / 证照快递' }) method: 'PICKUP' | 'EXPRESS';
  @ApiProperty({ ...STATES, description: '出件状态' }) state: DeliveryState;
  @ApiProperty({ example: '待领取', description: '出件状态名称' }) stateLabel: string;
  @ApiProperty({ type: HandoverRecordDto, nullable: true, description: '窗口出件记录' }) handover: HandoverRecordDto | null;
  @ApiProperty({ type: ExpressRecordDto, nullable: true, description: '快递寄送记录' }) express: ExpressRecordDto | null;
}
