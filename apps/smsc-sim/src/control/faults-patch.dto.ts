import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsObject, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { SmscFaults, statusByNumberProblem } from '../gateway/smsc-faults';

/** A partial change of the simulator's faults: only the fields sent change. */
export class FaultsPatchDto {
  @ApiPropertyOptional({ description: '0..1 share of SUBMITs discarded unanswered (丢弃)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  dropSubmitRate?: number;

  @ApiPropertyOptional({ description: '0..1 share of SUBMITs stored but whose SUBMIT_RESP is lost (resend → duplicate)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  loseResponseRate?: number;

  @ApiPropertyOptional({ description: 'delay before each SUBMIT_RESP, ms (慢响应)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600_000)
  responseDelayMs?: number;

  @ApiPropertyOptional({ description: 'delay before each status report, ms (状态报告延迟)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  reportDelayMs?: number;

  @ApiPropertyOptional({ description: '0..1 share of status reports sent twice (重复状态报告)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  duplicateReportRate?: number;

  @ApiPropertyOptional({
    description: 'Stat to report per recipient instead of DELIVRD, e.g. {"13900000001":"UNDELIV"}',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  statusByNumber?: Record<string, string>;

  @ApiPropertyOptional({ description: 'one-shot: drop the connection on the SUBMIT after this many more (null clears)', nullable: true, type: Number })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  disconnectAfterSubmits?: number | null;

  @ApiPropertyOptional({
    description: 'SUBMITs per second per connection above which Result 8 (流量控制) is returned (null clears)',
    nullable: true,
    type: Number,
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  flowControlPerSec?: number | null;
}

/** Keeps only the fields that were sent; returns an error text for a bad statusByNumber. */
export function toFaultsPatch(dto: FaultsPatchDto): Partial<SmscFaults> | string {
  const patch = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<SmscFaults>;
  if (patch.statusByNumber !== undefined) {
    const problem = statusByNumberProblem(patch.statusByNumber);
    if (problem) return problem;
  }
  return patch;
}
