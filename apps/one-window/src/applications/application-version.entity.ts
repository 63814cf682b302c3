import { jsonLongText } from '../database/json-column';
import { piiJsonColumn } from '../database/pii';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export interface SupplementRequest {
  opinion: string;
  materials: { code: string; reason: string }[];
  handledBy: string;
  handledAt: string;
}

@Entity('application_version')
export class ApplicationVersionEntity {
  @PrimaryColumn({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  /** the application form (申请表): it holds ID numbers, phones, addresses of persons, so it is stored SM4-encrypted */
  @Column({ name: 'form_data', type: 'longtext', transformer: piiJsonColumn }) formData: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) createdAt: Date;
  @Column({ name: 'created_by', type: 'varchar', length: 64 }) createdBy: string;
  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true }) submittedAt: Date | null;
  @Column({ name: 'submitted_by', type: 'varchar', length: 64, nullable: true }) submittedBy: string | null;
  /** what the department asked for when it sent 补正补齐 for this version */
  @Column({ name: 'supplement_request', type: 'longtext', nullable: true, transformer: jsonLongText }) supplementRequest: SupplementRequest | null;
}
