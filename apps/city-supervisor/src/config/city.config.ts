import { DbConfig, validateConfig } from '@app/common';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import * as cron from 'node-cron';
import { CityNode, loadCityNodes } from './city-nodes';

/** Every setting of the city supervisory simulator, read once from the environment and validated at boot (DB_* in DbConfig). */
export class CityConfig extends DbConfig {
  @IsInt() @Min(0) @Max(65535) PORT: number = 7160;
  @IsString() HOST: string = '127.0.0.1';
  /** URL at which district nodes reach the city (goes into the served WSDL) */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/) PUBLIC_URL: string = 'http://127.0.0.1:7160';

  @IsInt() @Min(2) @Max(200) DB_POOL_SIZE: number = 20;

  /** `development` allows the derived development keys; anything else needs every key as a file */
  @IsIn(['production', 'development']) APP_MODE: 'production' | 'development' = 'production';
  /** seed of the development keys (APP_MODE=development only) */
  @IsOptional() @IsString() @MinLength(8) OPS_DEV_KEY_SEED?: string;
  /** PEM private key issued by the provincial ops node: decrypts the reports */
  @IsOptional() @IsString() PROVINCE_KEY_FILE?: string;
  /** PEM private key of the city: signs the work orders sent down */
  @IsOptional() @IsString() CITY_KEY_FILE?: string;
  /** PEM private key of the upstream (national) node: signs the downlink records */
  @IsOptional() @IsString() NATIONAL_KEY_FILE?: string;
  @Matches(/^[A-Za-z0-9_-]{2,32}$/) CITY_NODE_CODE: string = 'CITY-4104';
  @IsString() @MinLength(2) CITY_UNIT_NAME: string = '市运维交换监管中心';
  /** node code the upstream node writes into dl_record.source_node */
  @Matches(/^[A-Za-z0-9_-]{2,32}$/) NATIONAL_NODE_CODE: string = 'NATIONAL-OPS';

  /** JSON array of registered district nodes; unset = one default node (below) */
  @IsOptional() @IsString() CITY_NODES_FILE?: string;
  @Matches(/^[A-Za-z0-9_-]{2,32}$/) DEFAULT_NODE_CODE: string = 'SLQ-410404';
  @Matches(/^https?:\/\/[^\s]+$/) DEFAULT_NODE_URL: string = 'http://127.0.0.1:7140';
  @Matches(/^(soap|http)$/) DEFAULT_NODE_TRANSPORT: string = 'http';
  /** PEM public key of the default node (issued to it by the province) */
  @IsOptional() @IsString() DEFAULT_NODE_PUBLIC_KEY_FILE?: string;

  @IsInt() @Min(1000) MAX_CLOCK_SKEW_MS: number = 300_000;
  /** request size limit of both intakes (SOAP and HTTP JSON) */
  @IsInt() @Min(64 * 1024) BODY_LIMIT_BYTES: number = 16 * 1024 * 1024;
  @IsInt() @Min(100) SOAP_HANDLER_TIMEOUT_MS: number = 60_000;

  /** a node/category without a report for this long is flagged stale in the reporting health */
  @IsInt() @Min(1000) REPORT_STALE_AFTER_MS: number = 3_600_000;
  /** refusals older than this are purged */
  @IsInt() @Min(1) REFUSAL_RETENTION_DAYS: number = 30;
  /** reported performance samples older than this are purged (the district keeps its own rollups for years) */
  @IsInt() @Min(1) PERF_SAMPLE_RETENTION_DAYS: number = 35;

  @IsInt() @Min(50) WORK_ORDER_POLL_MS: number = 1000;
  @IsInt() @Min(100) WORK_ORDER_SEND_TIMEOUT_MS: number = 10_000;
  @IsInt() @Min(10) WORK_ORDER_RETRY_BASE_MS: number = 2000;
  @IsInt() @Min(10) WORK_ORDER_RETRY_MAX_MS: number = 300_000;
  /** how long a claimed outbox row is reserved for the sender that claimed it */
  @IsInt() @Min(1000) WORK_ORDER_LEASE_MS: number = 60_000;

  /** node-cron expression (six fields, seconds first) writing one sample downlink record per node; empty = off */
  @IsString() DOWNLINK_SCHEDULE: string = '';
  @IsString() DOWNLINK_SAMPLE_UNIT: string = 'AMR';

  get cityDbName(): string {
    return `${this.DB_NAME_PREFIX}city_supervisor`;
  }

  get defaultFrontDbName(): string {
    return `${this.DB_NAME_PREFIX}ops_front`;
  }
}

export function loadCityConfig(env: NodeJS.ProcessEnv = process.env): { config: CityConfig; nodes: CityNode[] } {
  const config = validateConfig(CityConfig, env);
  if (config.WORK_ORDER_RETRY_MAX_MS < config.WORK_ORDER_RETRY_BASE_MS) {
    throw new Error(
      `Invalid configuration:\n  WORK_ORDER_RETRY_MAX_MS=${config.WORK_ORDER_RETRY_MAX_MS}: must not be below WORK_ORDER_RETRY_BASE_MS (${config.WORK_ORDER_RETRY_BASE_MS})`,
    );
  }
  if (config.WORK_ORDER_LEASE_MS < config.WORK_ORDER_SEND_TIMEOUT_MS + 1000) {
    throw new Error(
      `Invalid configuration:\n  WORK_ORDER_LEASE_MS=${config.WORK_ORDER_LEASE_MS}: must exceed WORK_ORDER_SEND_TIMEOUT_MS (${config.WORK_ORDER_SEND_TIMEOUT_MS}) by at least 1000`,
    );
  }
  if (config.DOWNLINK_SCHEDULE && !cron.validate(config.DOWNLINK_SCHEDULE)) {
    throw new Error(`Invalid configuration:\n  DOWNLINK_SCHEDULE=${JSON.stringify(config.DOWNLINK_SCHEDULE)}: not a valid node-cron expression`);
  }
  return { config, nodes: loadCityNodes(config) };
}
