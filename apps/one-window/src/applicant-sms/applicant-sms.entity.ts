import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { piiColumn } from '../database/pii';
import { SmsEvent, SmsState } from './applicant-sms.rules';

/**
 * One SMS to the applicant for one event of one version (补正补齐, 办结): the outbox row, written in
 * the transaction of the callback that made the transition, then the record of its delivery.
 */
@Entity('applicant_sms')
@Index('ux_applicant_sms_event', ['applyNo', 'version', 'event'], { unique: true })
@Index('ix_applicant_sms_due', ['state', 'nextAttemptAt'])
export class ApplicantSmsEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'varchar', length: 16 }) event: SmsEvent;
  /** the applicant's phone when the event happened, SM4-encrypted like the application's */
  @Column({ type: 'varchar', length: 128, transformer: piiColumn }) phone: string;
  /** the text as rendered from the event's template */
  @Column({ type: 'varchar', length: 1000 }) content: string;
  @Column({ type: 'varchar', length: 16 }) state: SmsState;
  /** attempts at a moment the gateway could not be reached (nothing sent), and the one submit */
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 }) nextAttemptAt: Date;
  /** while SENDING: after this instant any replica sets the row UNKNOWN (its sender died) */
  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true }) leaseUntil: Date | null;
  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true }) claimedBy: string | null;
  /** the gateway's Msg_Id of every segment, comma-separated */
  @Column({ name: 'msg_ids', type: 'varchar', length: 255, nullable: true }) msgIds: string | null;
  @Column({ type: 'int', nullable: true }) segments: number | null;
  /** Stat of the status report that decided the outcome (DELIVRD, UNDELIV, …) */
  @Column({ type: 'varchar', length: 8, nullable: true }) stat: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) error: string | null;
  @Column({ name: 'correlation_id', type: 'varchar', length: 64 }) correlationId: string;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) createdAt: Date;
  @Column({ name: 'sending_at', type: 'datetime', precision: 3, nullable: true }) sendingAt: Date | null;
  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true }) submittedAt: Date | null;
  @Column({ name: 'delivered_at', type: 'datetime', precision: 3, nullable: true }) deliveredAt: Date | null;
  @Column({ name: 'failed_at', type: 'datetime', precision: 3, nullable: true }) failedAt: Date | null;
  @Column({ name: 'unknown_at', type: 'datetime', precision: 3, nullable: true }) unknownAt: Date | null;
}

/** One CMPP segment of a submitted SMS: its Msg_Id, and the Stat of its status report once it came. */
@Entity('applicant_sms_segment')
@Index('ix_applicant_sms_segment_msg', ['msgId'])
export class ApplicantSmsSegmentEntity {
  @PrimaryColumn({ name: 'sms_id', type: 'bigint' }) smsId: string;
  @PrimaryColumn({ type: 'int' }) seq: number;
  @Column({ name: 'msg_id', type: 'varchar', length: 24 }) msgId: string;
  @Column({ type: 'varchar', length: 8, nullable: true }) stat: string | null;
  @Column({ name: 'reported_at', type: 'datetime', precision: 3, nullable: true }) reportedAt: Date | null;
}
