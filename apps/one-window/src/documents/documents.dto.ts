import { Label, PlainText } from '@app/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ApplyNoParam, MaterialParam } from '../applications/dto/params';

export class VersionMaterialParam extends MaterialParam {
  @ApiProperty({ description: '版本号' }) @Type(() => Number) @IsInt() @Min(1) @Max(999) version: number;
}

export class ResultFileParam extends ApplyNoParam {
  @ApiProperty({ description: '版本号' }) @Type(() => Number) @IsInt() @Min(1) @Max(999) version: number;
  @ApiProperty({ enum: ['SUPPLEMENT', 'ACCEPT', 'CONCLUDE'], description: '回调环节' }) @IsIn(['SUPPLEMENT', 'ACCEPT', 'CONCLUDE']) stage:
    'SUPPLEMENT' | 'ACCEPT' | 'CONCLUDE';
}

export class ResultFileQuery {
  @ApiProperty({ description: '文件名（与详情中 resultFiles 的 fileName 相同）' })
  @Label('文件名')
  @PlainText()
  @IsString()
  @Length(1, 200)
  @Matches(/^[^/\\]+$/)
  name: string;
}

/** 收件: what the clerk saw at the window for one material of the draft version. */
export class MaterialCheckDto {
  @ApiProperty({ description: '已核验原件' }) @Label('已核验原件') @IsBoolean() originalSeen: boolean;
  @ApiProperty({ description: '收取纸质份数（0 表示未收取纸质件）', example: 1 }) @Label('纸质份数') @IsInt() @Min(0) @Max(99) paperCopies: number;
}

export class MaterialCheckRecordDto {
  @ApiProperty({ description: '申报号' }) applyNo: string;
  @ApiProperty({ description: '版本号' }) version: number;
  @ApiProperty({ description: '材料代码' }) materialCode: string;
  @ApiProperty({ description: '已核验原件' }) originalSeen: boolean;
  @ApiProperty({ description: '收取纸质份数' }) paperCopies: number;
  @ApiProperty({ description: '收件人账号' }) checkedBy: string;
  @ApiProperty({ type: String, format: 'date-time', description: '收件时间' }) checkedAt: Date;
}
