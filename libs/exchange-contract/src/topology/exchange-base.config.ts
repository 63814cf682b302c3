import { DbConfig } from '@app/common';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { loadTopology } from './topology.loader';
import { Topology } from './topology.types';

/** Settings both the platform and the department simulator need to find each other and the databases (DB_* in DbConfig). */
export class ExchangeBaseConfig extends DbConfig {
  /** `development` allows the derived development keys and secrets; anything else must be configured explicitly */
  @IsIn(['production', 'development']) APP_MODE: 'production' | 'development' = 'production';

  @IsOptional() @IsString() EXCHANGE_TOPOLOGY_FILE?: string;
  /** APP_MODE=development only: the departments' WebService passwords missing from the topology are derived from it */
  @IsString() @MinLength(16) EXCHANGE_SHARED_SECRET: string = 'demo-shared-secret-change-me';
  @IsString() DEPT_SIM_URL: string = 'http://127.0.0.1:7200';
  @IsString() PLATFORM_URL: string = 'http://127.0.0.1:7100';
  /** JSON object merged into every department's behaviour profile */
  @IsOptional() @IsString() SIM_PROFILE_OVERRIDE?: string;

  /** node-cron expression of the shadow-table scan (six fields: seconds first) */
  @IsString() SCAN_CRON: string = '*/5 * * * * *';
  /** only records older than this are scanned, so the notification path gets its chance first */
  @IsInt() @Min(0) SCAN_LAG_MS: number = 3000;
  @IsInt() @Min(1) @Max(5000) SCAN_BATCH: number = 200;
  @IsInt() @Min(100) NOTIFY_TIMEOUT_MS: number = 5000;
  /** how often an unreachable front DB is tried again */
  @IsInt() @Min(100) FRONT_DB_RETRY_MS: number = 5000;
  @IsInt() @Min(100) SOAP_HANDLER_TIMEOUT_MS: number = 10_000;
  @IsInt() @Min(1024) SOAP_BODY_LIMIT_BYTES: number = 1024 * 1024;

  buildTopology(): Topology {
    return loadTopology({
      topologyFile: this.EXCHANGE_TOPOLOGY_FILE,
      dbHost: this.DB_HOST,
      dbPort: this.DB_PORT,
      dbUser: this.DB_USER,
      dbPassword: this.DB_PASSWORD,
      dbNamePrefix: this.DB_NAME_PREFIX,
      deptSimUrl: this.DEPT_SIM_URL,
      sharedSecret: this.EXCHANGE_SHARED_SECRET,
      appMode: this.APP_MODE,
      profileOverride: this.SIM_PROFILE_OVERRIDE,
    });
  }
}
