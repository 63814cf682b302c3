import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { piiColumn, piiJsonColumn } from '../database/pii';
import { ApplicationState } from './application-state-machine';

// the states, their labels and transitions live in the state machine; re-exported for the existing imports
export { ApplicationState, STATE_LABEL } from './application-state-machine';

export interface DeliveryAddress {
  recipient: string;
  phone: string;
  address: string;
  postcode: string;
}

@Entity('application')
@Index('ix_application_state', ['state', 'updatedAt'])
@Index('ix_application_dept', ['deptCode', 'createdAt'])
@Index('ix_application_id_hash', ['applicantIdHash'])
export class ApplicationEntity {
  /** 申报号 */
  @PrimaryColumn({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  @Column({ name: 'item_code', type: 'varchar', length: 32 }) itemCode: string;
  @Column({ name: 'dept_code', type: 'varchar', length: 16 }) deptCode: string;
  @Column({ name: 'applicant_type', type: 'varchar', length: 8 }) applicantType: 'PERSON' | 'ORG';
  @Column({ name: 'applicant_name', type: 'varchar', length: 100 }) applicantName: string;
  /** stored SM4-encrypted (docs/security.md, "Personal data at rest") */
  @Column({ name: 'applicant_id_no', type: 'varchar', length: 128, transformer: piiColumn }) applicantIdNo: string;
  @Column({ name: 'applicant_phone', type: 'varchar', length: 128, transformer: piiColumn }) applicantPhone: string;
  /** blind index of the ID number (HMAC-SM3), for exact search */
  @Column({ name: 'applicant_id_hash', type: 'char', length: 64, nullable: true }) applicantIdHash: string | null;
  /** PICKUP 现场领取 / EXPRESS 证照快递 */
  @Column({ name: 'delivery_method', type: 'varchar', length: 8 }) deliveryMethod: 'PICKUP' | 'EXPRESS';
  /** recipient, phone and address of 证照快递: JSON stored SM4-encrypted like the numbers above */
  @Column({ name: 'delivery_address', type: 'text', nullable: true, transformer: piiJsonColumn }) deliveryAddress: DeliveryAddress | null;
  @Column({ type: 'varchar', length: 24 }) state: ApplicationState;
  /** 版本号 of the version in progress */
  @Column({ name: 'current_version', type: 'int' }) currentVersion: number;
  @Column({ type: 'varchar', length: 16, nullable: true }) result: 'APPROVED' | 'REJECTED' | null;
  @Column({ name: 'result_opinion', type: 'varchar', length: 1000, nullable: true }) resultOpinion: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 64 }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)', onUpdate: 'CURRENT_TIMESTAMP(3)' })
  updatedAt: Date;
  @Column({ name: 'concluded_at', type: 'datetime', precision: 3, nullable: true }) concludedAt: Date | null;
  @Column({ name: 'correlation_id', type: 'varchar', length: 64 }) correlationId: string;
  /** when a DRAFT was expired (state EXPIRED) and why */
  @Column({ name: 'expired_at', type: 'datetime', precision: 3, nullable: true }) expiredAt: Date | null;
  @Column({ name: 'expire_reason', type: 'varchar', length: 255, nullable: true }) expireReason: string | null;
}
