import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 综合窗口人员. OPERATOR registers and submits; APPROVER may also review (spec 7: one approval, two operation accounts). */
@Entity('clerk')
export class ClerkEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64, unique: true }) username: string;
  @Column({ name: 'display_name', type: 'varchar', length: 64 }) displayName: string;
  @Column({ name: 'password_hash', type: 'varchar', length: 255 }) passwordHash: string;
  @Column({ type: 'varchar', length: 16, default: 'OPERATOR' }) role: 'OPERATOR' | 'APPROVER';
  @Column({ name: 'window_no', type: 'varchar', length: 16, default: '01' }) windowNo: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3 }) passwordChangedAt: Date;
  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) createdAt: Date;
}
