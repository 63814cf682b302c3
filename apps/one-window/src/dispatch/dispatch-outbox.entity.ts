import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum OutboxState {
  PENDING = 'PENDING', // committed with the submission; not yet in the front DB
  WRITTEN = 'WRITTEN', // in the front DB; department not yet told
  NOTIFIED = 'NOTIFIED', // department acknowledged the notification
  UNNOTIFIED = 'UNNOTIFIED', // gave up notifying; the department's scan takes it up
  TAKEN = 'TAKEN', // the department took it (its TAKEN shadow row) without acknowledging a notification: settled
}

/** The transactional outbox that carries a submitted version to the department's front DB. */
@Entity('dispatch_outbox')
@Index('uk_outbox_version', ['applyNo', 'version'], { unique: true })
@Index('ix_outbox_due', ['state', 'nextAttemptAt'])
export class DispatchOutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'dept_code', type: 'varchar', length: 16 }) deptCode: string;
  @Column({ type: 'varchar', length: 16 }) state: OutboxState;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 }) nextAttemptAt: Date;
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  @Column({ name: 'correlation_id', type: 'varchar', length: 64 }) correlationId: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) createdAt: Date;
  @Column({ name: 'written_at', type: 'datetime', precision: 3, nullable: true }) writtenAt: Date | null;
  @Column({ name: 'notified_at', type: 'datetime', precision: 3, nullable: true }) notifiedAt: Date | null;
}
