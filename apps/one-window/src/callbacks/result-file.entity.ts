import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Files a department returned with a callback (补正材料清单, 办结结果文件). */
@Entity('result_file')
export class ResultFileEntity {
  @PrimaryColumn({ name: 'apply_no', type: 'varchar', length: 32 }) applyNo: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @PrimaryColumn({ type: 'varchar', length: 16 }) stage: string;
  @PrimaryColumn({ name: 'file_name', type: 'varchar', length: 200 }) fileName: string;
  @Column({ name: 'mime_type', type: 'varchar', length: 100 }) mimeType: string;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes: number;
  @Column({ type: 'char', length: 64 }) sm3: string;
  @Column({ type: 'longblob', select: false }) content: Buffer;
}
