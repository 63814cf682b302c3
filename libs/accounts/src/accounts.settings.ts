import { validateConfig } from '@app/common';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { AccountsApp, APP_ROLES, Role } from './model/roles';
import { PASSWORD_PROFILES, PasswordPolicy } from './policy/password-policy';

/** The account settings every human-facing app reads from its environment (validated at boot). */
export class AccountsConfig {
  /** `standard` (≥ 8, 2 of letters/digits/symbols, 90-day rotation) or `strict` (≥ 18, upper+lower+digit+symbol, 30 days) */
  @IsIn(['standard', 'strict']) PASSWORD_PROFILE: 'standard' | 'strict' = 'standard';
  @IsOptional() @IsInt() @Min(8) @Max(64) PASSWORD_MIN_LENGTH?: number;
  @IsOptional() @IsInt() @Min(0) @Max(24) PASSWORD_HISTORY?: number;
  /** 0 = no rotation */
  @IsOptional() @IsInt() @Min(0) @Max(3650) PASSWORD_MAX_AGE_DAYS?: number;
  @IsInt() @Min(1) @Max(100) LOGIN_MAX_FAILURES: number = 5;
  @IsInt() @Min(10) LOGIN_FAILURE_WINDOW_SECONDS: number = 900;
  @IsInt() @Min(1) LOGIN_LOCK_SECONDS: number = 1800;
  @IsInt() @Min(2) @Max(86_400) SESSION_IDLE_SECONDS: number = 1800;
  @IsInt() @Min(60) @Max(7 * 86_400) SESSION_MAX_SECONDS: number = 8 * 3600;
  /** `username:ROLE:password[:windowNo]`, comma-separated: accounts provisioned at installation (created, or brought in line) */
  @IsOptional() @IsString() SEED_ACCOUNTS?: string;
  /** `on` exposes the simulator's control routes (device faults, the upstream writer) — demo and tests only */
  @IsIn(['on', 'off']) SIMULATOR_CONTROLS: 'on' | 'off' = 'off';
}

export interface AccountsSettings {
  app: AccountsApp;
  roles: readonly Role[];
  policy: PasswordPolicy;
  maxFailures: number;
  failureWindowMs: number;
  lockMs: number;
  idleMs: number;
  maxSessionMs: number;
  seed?: string;
  simulatorControls: boolean;
}

export const ACCOUNTS_SETTINGS = Symbol('ACCOUNTS_SETTINGS');

export function loadAccountsSettings(app: AccountsApp, env: NodeJS.ProcessEnv = process.env): AccountsSettings {
  const c = validateConfig(AccountsConfig, env);
  const base = PASSWORD_PROFILES[c.PASSWORD_PROFILE];
  const policy: PasswordPolicy = {
    ...base,
    minLength: Math.max(c.PASSWORD_MIN_LENGTH ?? base.minLength, 8),
    historyCount: c.PASSWORD_HISTORY ?? base.historyCount,
    maxAgeDays: c.PASSWORD_MAX_AGE_DAYS ?? base.maxAgeDays,
  };
  return {
    app,
    roles: APP_ROLES[app],
    policy,
    maxFailures: c.LOGIN_MAX_FAILURES,
    failureWindowMs: c.LOGIN_FAILURE_WINDOW_SECONDS * 1000,
    lockMs: c.LOGIN_LOCK_SECONDS * 1000,
    idleMs: c.SESSION_IDLE_SECONDS * 1000,
    maxSessionMs: c.SESSION_MAX_SECONDS * 1000,
    seed: c.SEED_ACCOUNTS,
    simulatorControls: c.SIMULATOR_CONTROLS === 'on',
  };
}
