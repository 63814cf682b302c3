import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Daily counter behind 申报号; allocated outside the registration transaction (gaps allowed, never reuse). */
@Entity('apply_no_seq')
export class ApplyNoSeqEntity {
  @PrimaryColumn({ type: 'char', length: 8 }) day: string;
  @Column({ type: 'int' }) seq: number;
}
