import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

const PHONE = /^\d{5,20}$/;

export class PlaceCallDto {
  @ApiProperty({ description: '被叫号码 (digits)', example: '13800138000' })
  @Matches(PHONE, { message: 'callee must be 5..20 digits' })
  callee: string;

  @ApiProperty({ description: 'text read out by TTS (语音播报内容)', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  text: string;

  @ApiPropertyOptional({ description: 'TTS voice name' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  ttsVoice?: string;

  @ApiPropertyOptional({ description: 'POSTed with the outcome when the call ends (host must be in VOICE_CALLBACK_HOSTS)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  callbackUrl?: string;

  @ApiPropertyOptional({ description: 'idempotency key: the same requestId returns the existing call' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  requestId?: string;
}

export class CallsQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(PHONE) callee?: string;
}

export class VoiceFaultsPatchDto {
  @ApiPropertyOptional({ description: 'refuse every API call with 503 (网关故障)' })
  @IsOptional()
  @IsBoolean()
  down?: boolean;

  @ApiPropertyOptional({ description: 'callees that do not answer (无人接听)', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(PHONE, { each: true })
  noAnswer?: string[];

  @ApiPropertyOptional({ description: 'callees whose line is busy (占线)', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(PHONE, { each: true })
  busy?: string[];

  @ApiPropertyOptional({ description: '0..1 share of other calls that fail (呼叫失败)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  failureRate?: number;

  @ApiPropertyOptional({ description: 'request → outcome delay for new calls, ms (null: configured default)', nullable: true, type: Number })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(600_000)
  callDelayMs?: number | null;
}
