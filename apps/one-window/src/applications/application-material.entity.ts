import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** 材料电子化: one digitised material per code and version. */
@Entity('application_material')
export class ApplicationMaterialEntity {
  @PrimaryColumn({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @PrimaryColumn({ name: 'material_code', type: 'varchar', length: 32 }) materialCode: string;
  @Column({ name: 'material_name', type: 'varchar', length: 200 }) materialName: string;
  @Column({ name: 'file_name', type: 'varchar', length: 200 }) fileName: string;
  @Column({ name: 'mime_type', type: 'varchar', length: 100 }) mimeType: string;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes: number;
  /** SM3 digest (hex) of content */
  @Column({ type: 'char', length: 64 }) sm3: string;
  @Column({ type: 'longblob', select: false }) content: Buffer;
  /** set when the file was carried over unchanged from an earlier version */
  @Column({ name: 'carried_from_version', type: 'int', nullable: true }) carriedFromVersion: number | null;
  @Column({ name: 'uploaded_by', type: 'varchar', length: 64 }) uploadedBy: string;
  @CreateDateColumn({ name: 'uploaded_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' }) uploadedAt: Date;
}
