import { SimControlConfig, validateConfig } from '@app/common';
import { IsInt, IsString, Max, Min } from 'class-validator';

/** The development mail server's environment, validated once at boot. */
export class MailSimConfig extends SimControlConfig {
  /** interface of both listeners; loopback by default */
  @IsString() HOST: string = '127.0.0.1';
  /** HTTP API (received mail, faults) and Swagger UI */
  @IsInt() @Min(0) @Max(65535) PORT: number = 7610;
  /** SMTP listener (plain, no TLS, no AUTH: development only) */
  @IsInt() @Min(0) @Max(65535) SMTP_PORT: number = 2525;
  /** most messages kept; the oldest are dropped first */
  @IsInt() @Min(1) @Max(1_000_000) MAIL_SIM_MAX_MESSAGES: number = 5_000;
  /** largest message accepted (SMTP SIZE), bytes */
  @IsInt() @Min(1024) @Max(100 * 1024 * 1024) MAIL_SIM_MAX_BYTES: number = 10 * 1024 * 1024;
}

export function loadMailSimConfig(env: NodeJS.ProcessEnv = process.env): MailSimConfig {
  const config = validateConfig(MailSimConfig, env);
  if (config.PORT !== 0 && config.PORT === config.SMTP_PORT) throw new Error('Invalid configuration:\n  SMTP_PORT: must differ from PORT');
  return config;
}
