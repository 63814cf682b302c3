import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 受理登记 retried with the same Idempotency-Key: the key (per clerk account), the SM3 of the
 * request it came with and the 申报号 it produced. Kept DRAFT_EXPIRE_HOURS.
 */
@Entity('registration_idempotency')
@Index('ix_idempotency_created', ['createdAt'])
export class RegistrationIdempotencyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) username: string;
  @PrimaryColumn({ name: 'idem_key', type: 'varchar', length: 128 }) idemKey: string;
  @Column({ name: 'request_hash', type: 'char', length: 64 }) requestHash: string;
  @Column({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) createdAt: Date;
}
