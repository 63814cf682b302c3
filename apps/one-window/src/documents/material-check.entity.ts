import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 收件: the clerk's tick that the original (or the paper copies) of a material was seen at the window, per version. */
@Entity('material_check')
export class MaterialCheckEntity {
  @PrimaryColumn({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @PrimaryColumn({ name: 'material_code', type: 'varchar', length: 32 }) materialCode: string;
  @Column({ name: 'original_seen', type: 'boolean' }) originalSeen: boolean;
  @Column({ name: 'paper_copies', type: 'int' }) paperCopies: number;
  @Column({ name: 'checked_by', type: 'varchar', length: 64 }) checkedBy: string;
  @Column({ name: 'checked_at', type: 'datetime', precision: 3 }) checkedAt: Date;
}
