import { SIM_CONTROL_TOKEN_PATTERN, validateConfig } from '@app/common';
import { ExchangeBaseConfig, Topology } from '@app/exchange-contract';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class DeptSimConfig extends ExchangeBaseConfig {
  @IsInt() @Min(0) @Max(65535) PORT: number = 7200;
  @IsString() HOST: string = '127.0.0.1';
  /** comma-separated department codes this process plays (default: all of the topology) */
  @IsOptional() @Matches(/^[A-Z0-9_,]*$/) DEPT_SIM_ONLY?: string;
  /** bearer token the control routes that change a department's behaviour require; unset = those routes are refused */
  @IsOptional()
  @IsString()
  @Matches(SIM_CONTROL_TOKEN_PATTERN, { message: 'SIM_CONTROL_TOKEN must be 16-128 characters of A-Z a-z 0-9 _ -' })
  SIM_CONTROL_TOKEN?: string;
  @IsInt() @Min(10) WORKER_POLL_MS: number = 100;
  @IsInt() @Min(1) @Max(500) WORKER_BATCH: number = 100;
  @IsInt() @Min(1) NOTIFY_MAX_ATTEMPTS: number = 5;
}

export function loadDeptSimConfig(env: NodeJS.ProcessEnv = process.env): { config: DeptSimConfig; topology: Topology } {
  const config = validateConfig(DeptSimConfig, env);
  const full = config.buildTopology();
  const only = config.DEPT_SIM_ONLY ? new Set(config.DEPT_SIM_ONLY.split(',').filter(Boolean)) : null;
  if (only) {
    for (const code of only) if (!full.departments.some((d) => d.code === code)) throw new Error(`DEPT_SIM_ONLY: unknown department ${code}`);
  }
  return { config, topology: { departments: full.departments.filter((d) => !only || only.has(d.code)) } };
}
