import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * 暂停分发: while a row is in force, dispatch lanes leave the department's outbox rows alone
 * (e.g. a maintenance window of its front-end database). Submissions are still accepted.
 */
@Entity('dispatch_hold')
export class DispatchHoldEntity {
  @PrimaryColumn({ name: 'dept_code', type: 'varchar', length: 16 }) deptCode: string;
  @Column({ name: 'held_until', type: 'datetime', precision: 3 }) heldUntil: Date;
  @Column({ type: 'varchar', length: 200 }) reason: string;
  @Column({ name: 'held_by', type: 'varchar', length: 64 }) heldBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) createdAt: Date;
}
