import { piiJsonColumn } from '../database/pii';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every callback the platform has taken, with what it did about it. The primary key makes
 * taking idempotent across the notification path, the scan and replicas.
 */
@Entity('callback_inbox')
@Index('ix_inbox_taken', ['takenAt'])
export class CallbackInboxEntity {
  @PrimaryColumn({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @PrimaryColumn({ type: 'varchar', length: 16 }) stage: 'SUPPLEMENT' | 'ACCEPT' | 'CONCLUDE';
  @Column({ name: 'dept_code', type: 'varchar', length: 16 }) deptCode: string;
  /** APPLIED / STALE / REJECTED */
  @Column({ type: 'varchar', length: 16 }) outcome: 'APPLIED' | 'STALE' | 'REJECTED';
  @Column({ type: 'varchar', length: 255, nullable: true }) note: string | null;
  /** NOTIFY (the department's notification) or SCAN (found by the scheduled scan) */
  @Column({ type: 'varchar', length: 8 }) via: 'NOTIFY' | 'SCAN';
  @Column({ name: 'conclude_outcome', type: 'varchar', length: 16, nullable: true }) concludeOutcome: string | null;
  @Column({ type: 'varchar', length: 1000 }) opinion: string;
  /** the department's detail JSON (a 办结 names the express recipient and address): stored SM4-encrypted */
  @Column({ type: 'longtext', transformer: piiJsonColumn }) detail: Record<string, unknown>;
  @Column({ name: 'handled_by', type: 'varchar', length: 64 }) handledBy: string;
  @Column({ name: 'handled_at', type: 'datetime', precision: 3 }) handledAt: Date;
  @Column({ name: 'written_at', type: 'datetime', precision: 3 }) writtenAt: Date;
  @Column({ name: 'taken_at', type: 'datetime', precision: 3 }) takenAt: Date;
  @Column({ name: 'correlation_id', type: 'varchar', length: 64 }) correlationId: string;
}
