import { SimControlConfig, validateConfig } from '@app/common';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { SmscAccount } from '../gateway/smsc-server';
import { FaultsPatchDto, toFaultsPatch } from '../control/faults-patch.dto';
import { SmscFaults } from '../gateway/smsc-faults';

/** The simulator's environment, validated once at boot (one line per bad variable). */
export class SmscSimConfig extends SimControlConfig {
  /** interface of both listeners; the simulator never listens beyond loopback by default */
  @IsString() HOST: string = '127.0.0.1';
  /** HTTP control API and Swagger UI */
  @IsInt() @Min(0) @Max(65535) PORT: number = 7600;
  /** CMPP listener */
  @IsInt() @Min(0) @Max(65535) CMPP_PORT: number = 7890;
  /** SP accounts allowed to log in: `spId:secret` pairs separated by commas (simulator credentials only) */
  @Matches(/^[A-Za-z0-9]{1,6}:[^,:\s]+(,[A-Za-z0-9]{1,6}:[^,:\s]+)*$/, {
    message: 'SMSC_ACCOUNTS must be spId:secret[,spId:secret…] with spId of 1..6 letters/digits',
  })
  SMSC_ACCOUNTS: string = '901234:sim-secret';
  /** gateway code in the Msg_Ids this gateway assigns (22 bits) */
  @IsInt() @Min(0) @Max(0x3fffff) SMSC_GATEWAY_ID: number = 1;
  @IsInt() @Min(0) @Max(3_600_000) SMSC_REPORT_DELAY_MS: number = 200;
  @IsInt() @Min(50) @Max(600_000) SMSC_ACTIVE_TEST_IDLE_MS: number = 30_000;
  @IsInt() @Min(50) @Max(600_000) SMSC_RESPONSE_TIMEOUT_MS: number = 10_000;
  @IsInt() @Min(1) @Max(10_000) SMSC_MAX_CONNECTIONS: number = 64;
  /** faults active from boot, as the JSON body of PUT /sim/faults */
  @IsOptional() @IsString() SMSC_FAULTS?: string;

  accounts(): SmscAccount[] {
    return this.SMSC_ACCOUNTS.split(',').map((pair) => {
      const i = pair.indexOf(':');
      return { spId: pair.slice(0, i), secret: pair.slice(i + 1) };
    });
  }

  bootFaults(): Partial<SmscFaults> {
    if (!this.SMSC_FAULTS) return {};
    const fail = (why: string): never => {
      throw new Error(`Invalid configuration:\n  SMSC_FAULTS=${JSON.stringify(this.SMSC_FAULTS)}: ${why}`);
    };
    let raw: unknown;
    try {
      raw = JSON.parse(this.SMSC_FAULTS);
    } catch {
      return fail('not valid JSON');
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('must be a JSON object');
    const dto = plainToInstance(FaultsPatchDto, raw);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) return fail(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`).join('; '));
    const patch = toFaultsPatch(dto);
    return typeof patch === 'string' ? fail(patch) : patch;
  }
}

export function loadSmscSimConfig(env: NodeJS.ProcessEnv = process.env): SmscSimConfig {
  const config = validateConfig(SmscSimConfig, env);
  const ids = config.accounts().map((a) => a.spId);
  if (new Set(ids).size !== ids.length) throw new Error('Invalid configuration:\n  SMSC_ACCOUNTS: an spId appears twice');
  if (config.PORT !== 0 && config.PORT === config.CMPP_PORT) throw new Error('Invalid configuration:\n  CMPP_PORT: must differ from PORT');
  config.bootFaults();
  return config;
}
