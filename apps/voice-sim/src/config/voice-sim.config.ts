import { SimControlConfig, validateConfig } from '@app/common';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** The voice gateway simulator's environment, validated once at boot. */
export class VoiceSimConfig extends SimControlConfig {
  @IsString() HOST: string = '127.0.0.1';
  /** HTTP API (calls, faults) and Swagger UI */
  @IsInt() @Min(0) @Max(65535) PORT: number = 7620;
  /** time from a call request to its outcome (ringing + playing), ms */
  @IsInt() @Min(0) @Max(600_000) VOICE_CALL_DELAY_MS: number = 500;
  /** calls remembered; the oldest are dropped first */
  @IsInt() @Min(1) @Max(1_000_000) VOICE_MAX_CALLS: number = 10_000;
  /** hosts a callbackUrl may name, comma-separated */
  @Matches(/^[A-Za-z0-9.:_-]+(,[A-Za-z0-9.:_-]+)*$/, { message: 'VOICE_CALLBACK_HOSTS must be host names separated by commas' })
  VOICE_CALLBACK_HOSTS: string = '127.0.0.1,localhost';
  @IsInt() @Min(100) @Max(60_000) VOICE_CALLBACK_TIMEOUT_MS: number = 5_000;

  callbackHosts(): string[] {
    return this.VOICE_CALLBACK_HOSTS.split(',');
  }
}

export function loadVoiceSimConfig(env: NodeJS.ProcessEnv = process.env): VoiceSimConfig {
  return validateConfig(VoiceSimConfig, env);
}
