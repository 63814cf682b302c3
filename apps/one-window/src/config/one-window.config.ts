import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { refuseTestSwitchesOutsideTestMode, TEST_HOOKS_VALUES, validateConfig } from '@app/common';
import { ExchangeBaseConfig, Topology } from '@app/exchange-contract';
import { loadHolidayCalendar } from '../supervision/holiday-calendar.loader';

/** Every setting of the platform process, read once from the environment and validated at boot. */
export class OneWindowConfig extends ExchangeBaseConfig {
  @IsInt() @Min(0) @Max(65535) PORT: number = 7100;
  @IsString() HOST: string = '127.0.0.1';
  @IsInt() @Min(2) @Max(200) DB_POOL_SIZE: number = 20;
  /** URL at which departments reach this platform (used in the published WSDL) */
  @IsString() PUBLIC_URL: string = 'http://127.0.0.1:7100';

  // accounts, passwords and sessions: AccountsConfig of @app/accounts (read separately at boot)
  /** SM4 master key (32 hex characters) of the applicants' ID and phone numbers in the platform DB; required outside APP_MODE=development */
  @IsOptional() @Matches(/^[0-9a-fA-F]{32}$/, { message: 'PII_SM4_KEY must be 32 hexadecimal characters (16 bytes)' }) PII_SM4_KEY?: string;

  @Matches(/^[0-9A-Z]{4,12}$/) REGION_CODE: string = '410404';
  @IsInt() @Min(1024) MAX_MATERIAL_BYTES: number = 10 * 1024 * 1024;
  /** a DRAFT with no activity (registration, upload, new version) for this long is expired; Idempotency-Keys are kept as long */
  @IsInt() @Min(1) @Max(24 * 365) DRAFT_EXPIRE_HOURS: number = 72;
  /** node-cron expression of the draft-expiry job (six fields: seconds first) */
  @IsString() DRAFT_EXPIRE_CRON: string = '0 */5 * * * *';

  @IsInt() @Min(10) DISPATCH_POLL_MS: number = 200;
  /**
   * Outbox rows per claim. A claim is split by department, so each notification carries about
   * DISPATCH_BATCH / (departments with work) items; per-notification costs (a front-DB
   * transaction on each side, a SOAP call) dominate below ~50 items.
   */
  @IsInt() @Min(1) @Max(500) DISPATCH_BATCH: number = 300;
  /** Material bytes per front-DB transaction (and held in memory at once) when a batch is written; a larger single application goes alone. */
  @IsInt() @Min(1024 * 1024) DISPATCH_TX_BYTES: number = 32 * 1024 * 1024;
  @IsInt() @Min(1) @Max(16) DISPATCH_LANES: number = 4;
  @IsInt() @Min(1) DISPATCH_MAX_NOTIFY_ATTEMPTS: number = 6;
  /**
   * How long a claimed outbox row is reserved for the lane that claimed it. After a crash
   * its rows wait this long before another lane or replica retries them; it must outlast
   * one batch (front-DB write + a notification timeout).
   */
  @IsInt() @Min(1000) DISPATCH_LEASE_MS: number = 30_000;

  // time limits and 电子监察 (docs/time-limits.md)
  /** the holiday calendar (法定节假日与调休) file; unset = the one shipped in apps/one-window/src/supervision/calendar/ */
  @IsOptional() @IsString() HOLIDAY_CALENDAR_FILE?: string;
  /** how often the deadline job recomputes the applications whose time-limit state may have changed */
  @IsInt() @Min(100) @Max(3_600_000) SUPERVISION_TICK_MS: number = 60_000;
  /** yellow card (黄牌) when at most this many working days are left before the promised deadline (0 = not by days) */
  @IsNumber() @Min(0) @Max(30) DEADLINE_WARN_DAYS: number = 1;
  /** … or when at most this fraction of the promised limit is left (0 = not by fraction) */
  @IsNumber() @Min(0) @Max(1) DEADLINE_WARN_FRACTION: number = 0;
  /** Test-only (needs TEST_HOOKS=on): the deadline job and the supervision API read "now" from this file (an ISO 8601 time; empty = the system clock). */
  @IsOptional() @IsString() SUPERVISION_TEST_CLOCK_FILE?: string;

  // SMS to the applicant on 补正补齐 and 办结, over CMPP 2.0 (docs/applicant-sms.md)
  /** on: queue and send the applicant's SMS; off (the default) when not set and no CMPP_HOST is given */
  @IsOptional() @IsIn(['on', 'off']) APPLICANT_SMS_ENABLED?: 'on' | 'off';
  /** the carrier gateway (ISMG) or apps/smsc-sim */
  @IsOptional() @IsString() CMPP_HOST?: string;
  @IsInt() @Min(1) @Max(65535) CMPP_PORT: number = 7890;
  /** SP id (企业代码), Source_Addr of CONNECT */
  @IsOptional() @Matches(/^[A-Za-z0-9]{1,6}$/) CMPP_SP_ID?: string;
  /** the shared secret agreed with the carrier; no default */
  @IsOptional() @IsString() CMPP_SECRET?: string;
  /** Src_Id: the SP access number the handset shows as sender */
  @IsOptional() @Matches(/^[0-9]{1,21}$/) CMPP_SRC_ID?: string;
  /** Service_Id (业务代码) of SUBMIT */
  @Matches(/^[A-Za-z0-9]{0,10}$/) CMPP_SERVICE_ID: string = 'OWNOTICE';
  /** how often the SMS worker looks for queued messages */
  @IsInt() @Min(50) @Max(600_000) APPLICANT_SMS_POLL_MS: number = 1000;
  /** messages claimed per tick */
  @IsInt() @Min(1) @Max(500) APPLICANT_SMS_BATCH: number = 50;
  /** attempts while the gateway cannot be reached (the message certainly not sent) before the message is FAILED */
  @IsInt() @Min(1) @Max(100) APPLICANT_SMS_MAX_ATTEMPTS: number = 10;
  /** first retry delay, doubling per attempt up to APPLICANT_SMS_BACKOFF_MAX_MS */
  @IsInt() @Min(10) APPLICANT_SMS_BACKOFF_MS: number = 2000;
  @IsInt() @Min(10) APPLICANT_SMS_BACKOFF_MAX_MS: number = 300_000;
  /** how long a message may stay SENDING before any replica calls it UNKNOWN (must outlast the CMPP resends) */
  @IsInt() @Min(1000) APPLICANT_SMS_LEASE_MS: number = 60_000;

  /** Test-only (needs TEST_HOOKS=on) fault injection: SIGKILL this process right after a front-DB write, before notifying (after-front-insert), or right after a CMPP submit, before recording it (after-sms-submit). */
  @IsIn(['', 'after-front-insert', 'after-sms-submit']) FAULT_CRASH_POINT: string = '';
  /** the explicit test mode of the test-only switches; never `on` in an installation */
  @IsIn(TEST_HOOKS_VALUES) TEST_HOOKS: 'on' | 'off' = 'off';

  /** SMS to applicants on: APPLICANT_SMS_ENABLED, or by default when a CMPP_HOST is given */
  get applicantSmsOn(): boolean {
    return this.APPLICANT_SMS_ENABLED === undefined ? !!this.CMPP_HOST?.trim() : this.APPLICANT_SMS_ENABLED === 'on';
  }

  /** the SM4 master key of personal data (development mode falls back to a fixed, public key) */
  get piiKey(): Buffer {
    return Buffer.from(this.PII_SM4_KEY ?? '6465762d6f6e6c792d7069692d6b6579', 'hex');
  }

  get platformDbName(): string {
    return `${this.DB_NAME_PREFIX}ow_platform`;
  }
}

export function loadOneWindowConfig(env: NodeJS.ProcessEnv = process.env): { config: OneWindowConfig; topology: Topology } {
  const config = validateConfig(OneWindowConfig, env);
  refuseTestSwitchesOutsideTestMode(config.TEST_HOOKS, {
    SUPERVISION_TEST_CLOCK_FILE: config.SUPERVISION_TEST_CLOCK_FILE,
    FAULT_CRASH_POINT: config.FAULT_CRASH_POINT,
  });
  if (config.DISPATCH_LEASE_MS < config.NOTIFY_TIMEOUT_MS + 2000) {
    throw new Error(
      `Invalid configuration:\n  DISPATCH_LEASE_MS=${config.DISPATCH_LEASE_MS}: must exceed NOTIFY_TIMEOUT_MS (${config.NOTIFY_TIMEOUT_MS}) by at least 2000`,
    );
  }
  if (!config.PII_SM4_KEY && config.APP_MODE !== 'development') {
    throw new Error(
      'Invalid configuration:\n  PII_SM4_KEY is not set: the SM4 key of the personal data in the platform DB (32 hex characters; only APP_MODE=development has a built-in one)',
    );
  }
  if (config.applicantSmsOn) {
    const missing = (['CMPP_HOST', 'CMPP_SP_ID', 'CMPP_SECRET', 'CMPP_SRC_ID'] as const).filter((k) => !config[k]?.trim());
    if (missing.length > 0)
      throw new Error(
        `Invalid configuration:\n${missing.map((k) => `  ${k} is not set: required when the applicant SMS is on (APPLICANT_SMS_ENABLED=on or a CMPP_HOST given)`).join('\n')}`,
      );
  }
  loadHolidayCalendar(config.HOLIDAY_CALENDAR_FILE);
  return { config, topology: config.buildTopology() };
}

export const TOPOLOGY = Symbol('TOPOLOGY');
