import { refuseTestSwitchesOutsideTestMode, TEST_HOOKS_VALUES, validateConfig } from '@app/common';
import { ExchangeBaseConfig, Topology } from '@app/exchange-contract';
import { NodeLevel, REPORT_CATEGORIES, ReportCategory } from '@app/ops-contract';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { validate as validateCron } from 'node-cron';
import { probePolicyConfigProblems } from '../shared/probe-policy';
import { DEFAULT_SLA, parseSlaTable } from '../shared/work-order-sla-table';
import { notificationConfigProblems } from './notification-config';

/** Every setting of the district ops node (运维节点), read once from the environment and validated at boot. */
export class OpsNodeConfig extends ExchangeBaseConfig {
  @IsInt() @Min(0) @Max(65535) PORT: number = 7140;
  @IsString() HOST: string = '127.0.0.1';
  @IsString() PUBLIC_URL: string = 'http://127.0.0.1:7140';
  @IsInt() @Min(2) @Max(100) DB_POOL_SIZE: number = 10;

  // 接入节点信息 (seeded at first boot, then edited through the API)
  @Matches(/^[A-Za-z0-9_-]{2,32}$/) NODE_CODE: string = 'SLQ-410404';
  @IsString() NODE_UNIT_NAME: string = '石龙区政务服务和大数据管理局';
  @IsString() NODE_PERSON_IN_CHARGE: string = '王运维';
  @Matches(/^[0-9+\-() ]{5,32}$/) NODE_PERSON_PHONE: string = '13800000001';
  @Matches(/^[0-9+\-() ]{5,32}$/) NODE_DUTY_PHONE: string = '0375-0000110';
  @IsString() NODE_ADDRESS: string = '河南省平顶山市石龙区政务服务中心';
  @IsIn(Object.values(NodeLevel)) NODE_LEVEL: string = NodeLevel.DISTRICT;

  // keys (PEM files); APP_MODE=development may derive them from OPS_DEV_KEY_SEED instead
  @IsOptional() @IsString() OPS_DEV_KEY_SEED?: string;
  /** this node's SM2 private key: signs reports, decrypts work orders and downlink records */
  @IsOptional() @IsString() NODE_KEY_FILE?: string;
  /** the SM2 public key issued by the provincial ops node: reports are encrypted to it */
  @IsOptional() @IsString() PROVINCE_PUBLIC_KEY_FILE?: string;
  /** the city's signing key (verifies work orders sent down) */
  @IsOptional() @IsString() CITY_PUBLIC_KEY_FILE?: string;
  @Matches(/^[A-Za-z0-9_-]{2,32}$/) CITY_NODE_CODE: string = 'CITY-4104';
  /** the upstream (national) node's signing key (verifies downlink records) */
  @IsOptional() @IsString() NATIONAL_PUBLIC_KEY_FILE?: string;

  // reporting to the city
  @IsString() CITY_URL: string = 'http://127.0.0.1:7160';
  @IsIn(['soap', 'http']) REPORT_TRANSPORT: 'soap' | 'http' = 'http';
  @IsIn(['SM2', 'SM2-SM4']) REPORT_ENCRYPTION: 'SM2' | 'SM2-SM4' = 'SM2';
  @IsIn(['C1C3C2', 'C1C2C3']) REPORT_CIPHER_MODE: 'C1C3C2' | 'C1C2C3' = 'C1C3C2';
  @IsIn(['prefixed04', 'raw', 'der']) REPORT_CIPHER_FORMAT: 'prefixed04' | 'raw' | 'der' = 'prefixed04';
  @IsInt() @Min(100) REPORT_TIMEOUT_MS: number = 10_000;
  @IsInt() @Min(20) REPORT_POLL_MS: number = 500;
  /** max items in one message; larger reports are split into several messages */
  @IsInt() @Min(1) @Max(20_000) REPORT_MAX_ITEMS: number = 2000;
  @IsInt() @Min(100) REPORT_BACKOFF_MAX_MS: number = 60_000;
  /** per-category schedules (node-cron, seconds first), e.g. REPORT_CRON_PERFORMANCE='*\/30 * * * * *'; empty disables */
  @IsString() REPORT_CRON_RESOURCE: string = '0 */10 * * * *';
  @IsString() REPORT_CRON_SUB_RESOURCE: string = '30 */10 * * * *';
  @IsString() REPORT_CRON_PERFORMANCE: string = '*/30 * * * * *';
  @IsString() REPORT_CRON_ALERT: string = '*/10 * * * * *';
  @IsString() REPORT_CRON_WORK_ORDER: string = '*/15 * * * * *';
  @IsString() REPORT_CRON_NODE_INFO: string = '0 0 * * * *';
  /** a FULL report of every category on this schedule (incremental otherwise) */
  @IsString() REPORT_FULL_CRON: string = '0 0 2 * * *';

  // monitoring (运维监控): sampling, performance store, alerts, application probes
  /** default sampling interval of every series; operators override it per resource or metric through the API; 0 turns scheduled collection off */
  @IsInt() @Min(0) @Max(86_400) SAMPLE_INTERVAL_SECONDS: number = 15;
  /** deprecated: '' turns scheduled collection off; '*\/N * * * * *' sets the default interval to N s */
  @IsOptional() @IsString() SAMPLE_CRON?: string;
  /** how often the sampling scheduler looks for series that are due */
  @IsInt() @Min(100) @Max(60_000) SAMPLER_TICK_MS: number = 1000;
  /** raw samples (and probe history) are kept this many days; the requirement is at least one week */
  @IsInt() @Min(7) @Max(3650) RAW_RETENTION_DAYS: number = 8;
  @IsInt() @Min(1) @Max(3650) ROLLUP_5M_RETENTION_DAYS: number = 35;
  @IsInt() @Min(1) @Max(3650) ROLLUP_1H_RETENTION_DAYS: number = 400;
  @IsInt() @Min(1) @Max(36_500) ROLLUP_1D_RETENTION_DAYS: number = 1900;
  /** 系统日志 retention (MLPS level 3 asks for at least six months) */
  @IsInt() @Min(180) @Max(36_500) SYSTEM_LOG_RETENTION_DAYS: number = 200;
  /** how often dirty 5-minute buckets are rolled up; 0 turns the scheduled rollup off (the API can still run it) */
  @IsInt() @Min(0) ROLLUP_INTERVAL_MS: number = 10_000;
  /** a 5-minute bucket is computed once it has been closed this long (later samples re-dirty it) */
  @IsInt() @Min(0) @Max(3600) ROLLUP_GRACE_SECONDS: number = 30;
  /** retention runs this often; 0 turns the schedule off */
  @IsInt() @Min(0) RETENTION_INTERVAL_SECONDS: number = 600;
  /** rows per DELETE statement (each its own short transaction) and the pause between statements */
  @IsInt() @Min(100) @Max(100_000) RETENTION_BATCH_ROWS: number = 5000;
  @IsInt() @Min(0) @Max(10_000) RETENTION_PAUSE_MS: number = 20;
  /** alerts raised within this window (per group) leave as one notice */
  @IsInt() @Min(0) @Max(3600) ALERT_GROUP_WINDOW_SECONDS: number = 10;
  @IsIn(['resource', 'rule', 'severity', 'none']) ALERT_GROUP_BY: 'resource' | 'rule' | 'severity' | 'none' = 'resource';
  /** the notification sweep (grouping, repeats, end of silences) runs this often */
  @IsInt() @Min(100) @Max(60_000) ALERT_NOTIFY_TICK_MS: number = 1000;
  /** the live alert window (GET /ops/api/alerts/stream) reads the changes this often while someone watches (docs/consoles.md) */
  @IsInt() @Min(100) @Max(60_000) ALERT_STREAM_POLL_MS: number = 1000;
  /** the stream's keep-alive event, so proxies and browsers keep an idle stream open */
  @IsInt() @Min(1000) @Max(300_000) ALERT_STREAM_HEARTBEAT_MS: number = 15_000;
  /** application monitoring (应用监控) defaults; each business system can be given its own through the API */
  @IsInt() @Min(1) @Max(86_400) APP_PROBE_INTERVAL_SECONDS: number = 30;
  @IsInt() @Min(1) @Max(600_000) APP_PROBE_SLOW_MS: number = 1000;
  @IsInt() @Min(100) @Max(600_000) APP_PROBE_TIMEOUT_MS: number = 5000;
  @Matches(/^\/[^\s]{0,255}$/) APP_PROBE_PATH: string = '/health/live';
  /** the HTTP statuses a probe counts as up (comma-separated codes and ranges, e.g. 200-299,401); anything else is 中断 */
  @Matches(/^\s*[1-5]\d\d(\s*-\s*[1-5]\d\d)?(\s*,\s*[1-5]\d\d(\s*-\s*[1-5]\d\d)?)*\s*$/) APP_PROBE_UP_STATUSES: string = '200-399';
  /** hosts a business-system probe may call (comma-separated names or IPs); default the loopback and the hosts of BUSINESS_SYSTEMS */
  @IsOptional() @IsString() PROBE_ALLOWED_HOSTS?: string;
  /** ports a business-system probe may call (comma-separated); default the ports of BUSINESS_SYSTEMS */
  @IsOptional() @IsString() PROBE_ALLOWED_PORTS?: string;
  @IsString() DISCOVERY_CRON: string = '0 */5 * * * *';
  /** business systems to inventory and probe: name=url pairs separated by commas; default: this platform's own apps */
  @IsOptional() @IsString() BUSINESS_SYSTEMS?: string;
  @IsInt() @Min(1) DEVICE_SIM_SEED: number = 4104;
  /** probability per sample that a simulated device develops a fault */
  @IsNumber() @Min(0) @Max(1) DEVICE_SIM_FAULT_RATE: number = 0.01;

  // alert notification (告警通知): channels, escalation, on-call roster. An empty host/URL disables a channel.
  @IsString() SMTP_HOST: string = '127.0.0.1';
  @IsInt() @Min(1) @Max(65535) SMTP_PORT: number = 2525;
  @IsString() SMTP_FROM: string = '石龙区运维值班 <ops-alert@slq.example.gov.cn>';
  /** none (loopback only), starttls or implicit; default none on loopback, starttls elsewhere */
  @IsOptional() @IsIn(['none', 'starttls', 'implicit']) SMTP_TLS?: 'none' | 'starttls' | 'implicit';
  @IsOptional() @IsString() SMTP_USER?: string;
  @IsOptional() @IsString() SMTP_PASSWORD?: string;
  @IsInt() @Min(100) @Max(120_000) SMTP_TIMEOUT_MS: number = 10_000;
  @IsString() CMPP_HOST: string = '127.0.0.1';
  @IsInt() @Min(1) @Max(65535) CMPP_PORT: number = 7890;
  /** 企业代码 (Source_Addr), as agreed with the carrier; the default is the SMSC simulator's account */
  @Matches(/^[A-Za-z0-9]{0,6}$/) CMPP_SP_ID: string = '901234';
  @IsString() CMPP_SECRET: string = 'sim-secret';
  /** SP access number shown as the sender */
  @Matches(/^[0-9]{0,21}$/) CMPP_SRC_ID: string = '106900001234';
  @Matches(/^[A-Za-z0-9]{0,10}$/) CMPP_SERVICE_ID: string = 'OPSALERT';
  /** how long one SMS send waits for its SUBMIT_RESPs before the attempt counts as unknown (it stays queued) */
  @IsInt() @Min(100) @Max(600_000) SMS_SEND_TIMEOUT_MS: number = 30_000;
  @IsString() VOICE_GATEWAY_URL: string = 'http://127.0.0.1:7620';
  /** where the gateway POSTs call outcomes; default PUBLIC_URL + /ops/api/notifications/voice-callback ('' = poll only) */
  @IsOptional() @IsString() VOICE_CALLBACK_URL?: string;
  @IsInt() @Min(100) @Max(60_000) VOICE_TIMEOUT_MS: number = 5_000;
  @IsInt() @Min(1000) @Max(3_600_000) VOICE_OUTCOME_TIMEOUT_MS: number = 300_000;
  /**
   * channels of the first step of the built-in policies, for every severity (the seeds' two channels per
   * incident); a critical policy needs at least two. Ignored with ESCALATION_POLICY_FILE (the file says).
   */
  @Matches(/^\s*(email|sms|voice)(\s*,\s*(email|sms|voice))*\s*$/) ESCALATION_FIRST_STEP_CHANNELS: string = 'email,sms';
  /** escalation policies (JSON, see libs/notify/README.md); default: the built-in critical and standard policies */
  @IsOptional() @IsString() ESCALATION_POLICY_FILE?: string;
  /** response timer of a step where a policy sets none (the emergency-SMS platform's 20-minute rule); fractions allowed */
  @IsNumber() @Min(0.001) @Max(1440) ESCALATION_RESPONSE_MINUTES: number = 20;
  /** the same in milliseconds; overrides ESCALATION_RESPONSE_MINUTES (tests) */
  @IsOptional() @IsInt() @Min(100) @Max(86_400_000) ESCALATION_RESPONSE_MS?: number;
  /** how often due steps and retries are run */
  @IsInt() @Min(50) @Max(60_000) ESCALATION_TICK_MS: number = 1000;
  /** how often the notification outbox is read (a new notice also wakes the reader at once) */
  @IsInt() @Min(50) @Max(60_000) ESCALATION_OUTBOX_POLL_MS: number = 1000;
  /** people seeded into the on-call table (值班表) when it is empty: JSON [{ name, role: A|B, email?, mobile?, phone? }] */
  @IsString() ON_CALL_SEED: string = JSON.stringify([
    { name: '张值班', role: 'A', email: 'oncall-a@slq.example.gov.cn', mobile: '13800000011', phone: '0375-0000111' },
    { name: '李值班', role: 'B', email: 'oncall-b@slq.example.gov.cn', mobile: '13800000012', phone: '0375-0000112' },
  ]);

  // work orders (工单): SLA targets per ops level, the SLA job, the reopen window (docs/work-order-states.md)
  /** level:respondSeconds/resolveSeconds for each ops level 1–4 */
  @IsString() WORK_ORDER_SLA: string = DEFAULT_SLA;
  /** how often the SLA job marks 75 % warnings and 100 % breaches */
  @IsInt() @Min(100) @Max(600_000) WORK_ORDER_SLA_TICK_MS: number = 15_000;
  /** a resolved order may be reopened this long after its resolution (seconds) */
  @IsInt() @Min(0) @Max(90 * 86_400) WORK_ORDER_REOPEN_WINDOW_SECONDS: number = 7 * 86_400;

  // downlink (national node → ops front DB → units)
  @IsString() DOWNLINK_SCAN_CRON: string = '*/2 * * * * *';
  @IsInt() @Min(0) DOWNLINK_SCAN_LAG_MS: number = 0;
  @IsInt() @Min(20) DOWNLINK_DELIVER_POLL_MS: number = 500;

  /** Test-only (needs TEST_HOOKS=on) fault injection: SIGKILL this process after the city accepted a report, before it is marked sent. */
  @IsIn(['', 'after-report-send']) FAULT_CRASH_POINT: string = '';
  /** the explicit test mode of the test-only switch above; never `on` in an installation */
  @IsIn(TEST_HOOKS_VALUES) TEST_HOOKS: 'on' | 'off' = 'off';

  get opsDbName(): string {
    return `${this.DB_NAME_PREFIX}ops_node`;
  }

  get opsFrontDbName(): string {
    return `${this.DB_NAME_PREFIX}ops_front`;
  }

  /** Default sampling interval in seconds, 0 when scheduled collection is off (SAMPLE_CRON='' is the older spelling of "off"). */
  get defaultSampleIntervalSeconds(): number {
    if (this.SAMPLE_CRON === undefined) return this.SAMPLE_INTERVAL_SECONDS;
    if (this.SAMPLE_CRON.trim() === '') return 0;
    return Number(/^\*\/(\d+) \* \* \* \* \*$/.exec(this.SAMPLE_CRON.trim())?.[1] ?? this.SAMPLE_INTERVAL_SECONDS);
  }

  reportCron(category: ReportCategory): string {
    return this[`REPORT_CRON_${category}`];
  }

  businessSystems(): { name: string; url: string }[] {
    if (!this.BUSINESS_SYSTEMS) {
      return [
        { name: '一窗受理平台', url: this.PLATFORM_URL },
        { name: '部门业务系统（模拟）', url: this.DEPT_SIM_URL },
        { name: '运维节点', url: this.PUBLIC_URL },
      ];
    }
    return this.BUSINESS_SYSTEMS.split(',').map((pair) => {
      const i = pair.indexOf('=');
      return { name: pair.slice(0, i).trim(), url: pair.slice(i + 1).trim() };
    });
  }
}

export function loadOpsNodeConfig(env: NodeJS.ProcessEnv = process.env): { config: OpsNodeConfig; topology: Topology } {
  const config = validateConfig(OpsNodeConfig, env);
  refuseTestSwitchesOutsideTestMode(config.TEST_HOOKS, { FAULT_CRASH_POINT: config.FAULT_CRASH_POINT });
  const problems: string[] = [];
  const crons: [string, string][] = [
    ...REPORT_CATEGORIES.map((c) => [`REPORT_CRON_${c}`, config.reportCron(c)] as [string, string]),
    ['REPORT_FULL_CRON', config.REPORT_FULL_CRON],
    ['DISCOVERY_CRON', config.DISCOVERY_CRON],
    ['DOWNLINK_SCAN_CRON', config.DOWNLINK_SCAN_CRON],
  ];
  for (const [name, expr] of crons) if (expr && !validateCron(expr)) problems.push(`  ${name}=${JSON.stringify(expr)}: not a valid cron expression`);
  if (config.SAMPLE_CRON && !/^\*\/\d+ \* \* \* \* \*$/.test(config.SAMPLE_CRON.trim()))
    problems.push(
      `  SAMPLE_CRON=${JSON.stringify(config.SAMPLE_CRON)}: deprecated; only '' or '*/N * * * * *' is understood — set SAMPLE_INTERVAL_SECONDS instead`,
    );
  if (config.BUSINESS_SYSTEMS !== undefined) {
    for (const s of config.businessSystems())
      if (!s.name || !/^https?:\/\//.test(s.url)) problems.push(`  BUSINESS_SYSTEMS: bad entry ${JSON.stringify(s)} (expected name=http://…)`);
  }
  problems.push(...notificationConfigProblems(config).map((p) => `  ${p}`));
  try {
    parseSlaTable(config.WORK_ORDER_SLA);
  } catch (err) {
    problems.push(`  WORK_ORDER_SLA=${JSON.stringify(config.WORK_ORDER_SLA)}: ${(err as Error).message}`);
  }
  problems.push(...probePolicyConfigProblems({ allowedHosts: config.PROBE_ALLOWED_HOSTS, allowedPorts: config.PROBE_ALLOWED_PORTS }).map((p) => `  ${p}`));
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  return { config, topology: config.buildTopology() };
}
