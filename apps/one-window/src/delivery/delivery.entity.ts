import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { piiColumn } from '../database/pii';
import { DeliveryState } from './delivery-state-machine';

/** 出件: how the result of one concluded application reached the applicant. A row exists from the first clerk step on. */
@Entity('application_delivery')
@Index('ix_delivery_state', ['state', 'updatedAt'])
export class DeliveryEntity {
  @PrimaryColumn({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  /** PICKUP 现场领取 / EXPRESS 证照快递, as registered */
  @Column({ type: 'varchar', length: 8 }) method: 'PICKUP' | 'EXPRESS';
  @Column({ type: 'varchar', length: 24 }) state: DeliveryState;
  // 窗口出件
  @Column({ name: 'collector_name', type: 'varchar', length: 50, nullable: true }) collectorName: string | null;
  /** stored SM4-encrypted like the applicant's (docs/security.md, "Personal data at rest") */
  @Column({ name: 'collector_id_no', type: 'varchar', length: 128, nullable: true, transformer: piiColumn }) collectorIdNo: string | null;
  /** 本人 / 代理人 */
  @Column({ name: 'collector_relation', type: 'varchar', length: 8, nullable: true }) collectorRelation: '本人' | '代理人' | null;
  @Column({ name: 'id_checked', type: 'tinyint', nullable: true }) idChecked: number | null;
  @Column({ name: 'handed_over_at', type: 'datetime', precision: 3, nullable: true }) handedOverAt: Date | null;
  @Column({ name: 'handed_over_by', type: 'varchar', length: 64, nullable: true }) handedOverBy: string | null;
  @Column({ name: 'handed_over_window', type: 'varchar', length: 16, nullable: true }) handedOverWindow: string | null;
  // 证照快递
  @Column({ type: 'varchar', length: 16, nullable: true }) carrier: string | null;
  @Column({ name: 'waybill_no', type: 'varchar', length: 32, nullable: true }) waybillNo: string | null;
  @Column({ name: 'mailed_at', type: 'datetime', precision: 3, nullable: true }) mailedAt: Date | null;
  @Column({ name: 'mailed_by', type: 'varchar', length: 64, nullable: true }) mailedBy: string | null;
  @Column({ name: 'mailed_window', type: 'varchar', length: 16, nullable: true }) mailedWindow: string | null;
  @Column({ name: 'delivered_at', type: 'datetime', precision: 3, nullable: true }) deliveredAt: Date | null;
  @Column({ name: 'delivered_by', type: 'varchar', length: 64, nullable: true }) deliveredBy: string | null;
  @Column({ name: 'delivered_recorded_at', type: 'datetime', precision: 3, nullable: true }) deliveredRecordedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)', onUpdate: 'CURRENT_TIMESTAMP(3)' })
  updatedAt: Date;
}
