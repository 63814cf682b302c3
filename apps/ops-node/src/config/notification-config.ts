import { CHANNEL_KINDS, ChannelKind, DEFAULT_POLICIES, loadEscalationPolicies, ON_CALL_ROLES, OnCallRole, PolicyBook, PolicyError } from '@app/notify';
import { readFileSync } from 'node:fs';
import type { OpsNodeConfig } from './ops-node.config';

/** One person of the on-call table as configured or entered (值班人员). */
export interface OnCallInput {
  name: string;
  role: OnCallRole;
  email?: string | null;
  mobile?: string | null;
  phone?: string | null;
}

export const EMAIL_PATTERN = /^[^\s@<>(),;:"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;
/** mainland mobile number: what SMS goes to */
export const MOBILE_PATTERN = /^1[3-9][0-9]{9}$/;
/** fixed line or any dialable number (area code, extension separators allowed) */
export const PHONE_PATTERN = /^[0-9+\-() ]{5,32}$/;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

export const CHANNEL_LABELS: Record<ChannelKind, string> = { email: '邮件', sms: '短信', voice: '语音电话' };

/** Why a channel is off, or null when its settings are complete. */
export function channelDisabledReason(config: OpsNodeConfig, kind: ChannelKind): string | null {
  switch (kind) {
    case 'email':
      if (!config.SMTP_HOST.trim()) return 'SMTP_HOST is empty';
      if (!config.SMTP_FROM.trim()) return 'SMTP_FROM is empty';
      return null;
    case 'sms':
      if (!config.CMPP_HOST.trim()) return 'CMPP_HOST is empty';
      if (!config.CMPP_SP_ID || !config.CMPP_SECRET || !config.CMPP_SRC_ID) return 'CMPP_SP_ID, CMPP_SECRET or CMPP_SRC_ID is empty';
      return null;
    case 'voice':
      return config.VOICE_GATEWAY_URL.trim() ? null : 'VOICE_GATEWAY_URL is empty';
  }
}

export function enabledChannels(config: OpsNodeConfig): ChannelKind[] {
  return CHANNEL_KINDS.filter((k) => channelDisabledReason(config, k) === null);
}

/** The step timer a policy gets when it names none. */
export function defaultResponseTimeoutMs(config: OpsNodeConfig): number {
  return config.ESCALATION_RESPONSE_MS ?? Math.round(config.ESCALATION_RESPONSE_MINUTES * 60_000);
}

/** ESCALATION_FIRST_STEP_CHANNELS as a list (the format is checked at boot). */
export function firstStepChannels(config: OpsNodeConfig): ChannelKind[] {
  return config.ESCALATION_FIRST_STEP_CHANNELS.split(',').map((c) => c.trim() as ChannelKind);
}

/**
 * The escalation policies: ESCALATION_POLICY_FILE or the built-in ones, whose first step uses the
 * channels of ESCALATION_FIRST_STEP_CHANNELS. A policy without its own
 * timer gets ESCALATION_RESPONSE_MS / ESCALATION_RESPONSE_MINUTES (the built-in ones always do).
 * Throws PolicyError (every problem listed) or an Error naming the unreadable file.
 */
export function loadPolicies(config: OpsNodeConfig): PolicyBook {
  let raw: unknown;
  if (config.ESCALATION_POLICY_FILE) {
    try {
      raw = JSON.parse(readFileSync(config.ESCALATION_POLICY_FILE, 'utf8'));
    } catch (err) {
      throw new Error(`ESCALATION_POLICY_FILE=${JSON.stringify(config.ESCALATION_POLICY_FILE)}: ${(err as Error).message}`);
    }
  } else {
    raw = structuredClone(DEFAULT_POLICIES);
    const first = firstStepChannels(config);
    for (const p of (raw as typeof DEFAULT_POLICIES).policies) {
      delete (p as { responseTimeoutMinutes?: number }).responseTimeoutMinutes;
      // whoever is paged first is reached over ESCALATION_FIRST_STEP_CHANNELS (default e-mail and SMS) at once
      p.steps[0] = { ...p.steps[0], channels: first };
      // the same person's later steps do not repeat a channel of the first step; a step left with none goes
      for (let i = 1; i < p.steps.length && p.steps[i].notify.join() === p.steps[0].notify.join(); i++)
        p.steps[i] = { ...p.steps[i], channels: p.steps[i].channels.filter((c) => !(first as string[]).includes(c)) };
      p.steps = p.steps.filter((st) => st.channels.length > 0);
    }
  }
  const list = isObject(raw) && Array.isArray(raw.policies) ? (raw.policies as unknown[]) : [];
  for (const p of list) {
    if (isObject(p) && p.responseTimeoutMs === undefined && p.responseTimeoutMinutes === undefined) p.responseTimeoutMs = defaultResponseTimeoutMs(config);
  }
  return loadEscalationPolicies(raw);
}

/**
 * What the policies ask of channels that are switched off: each such step, and a CRITICAL policy
 * whose first step is left with fewer than two working channels (两种以上通知方式).
 */
export function policyChannelProblems(book: PolicyBook, enabled: readonly ChannelKind[], reasonOf: (k: ChannelKind) => string | null): string[] {
  const problems: string[] = [];
  for (const policy of book.policies) {
    policy.steps.forEach((step, i) => {
      for (const ch of step.channels)
        if (!enabled.includes(ch))
          problems.push(
            `policy "${policy.name}" step ${i + 1}: channel ${ch} is disabled (${reasonOf(ch) ?? 'not configured'}); its deliveries will be recorded as failed`,
          );
    });
    const first = policy.steps[0]?.channels.filter((c) => enabled.includes(c)) ?? [];
    if (policy.severities.includes('CRITICAL') && first.length < 2)
      problems.push(
        `policy "${policy.name}": CRITICAL alerts would reach people over ${first.length} working channel(s) at the first step; at least two are required (两种以上通知方式)`,
      );
  }
  return problems;
}

/** Problems of one on-call entry; an empty list means it is usable. */
export function onCallProblems(p: Partial<OnCallInput>, at: string): string[] {
  const problems: string[] = [];
  if (typeof p.name !== 'string' || p.name.trim() === '' || p.name.length > 64) problems.push(`${at}.name: required, at most 64 characters`);
  if (!(ON_CALL_ROLES as readonly unknown[]).includes(p.role)) problems.push(`${at}.role: must be A or B`);
  if (p.email != null && !EMAIL_PATTERN.test(p.email)) problems.push(`${at}.email: not an e-mail address`);
  if (p.mobile != null && !MOBILE_PATTERN.test(p.mobile)) problems.push(`${at}.mobile: not a mainland mobile number (11 digits)`);
  if (p.phone != null && !PHONE_PATTERN.test(p.phone)) problems.push(`${at}.phone: not a phone number`);
  if (p.email == null && p.mobile == null && p.phone == null) problems.push(`${at}: needs at least one of email, mobile, phone`);
  return problems;
}

export function parseOnCallSeed(json: string): { people: OnCallInput[]; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    return { people: [], problems: [`ON_CALL_SEED: not JSON (${(err as Error).message})`] };
  }
  if (!Array.isArray(raw)) return { people: [], problems: ['ON_CALL_SEED: must be a JSON array of { name, role, email?, mobile?, phone? }'] };
  const problems: string[] = [];
  const people: OnCallInput[] = [];
  raw.forEach((item: unknown, i) => {
    if (!isObject(item)) {
      problems.push(`ON_CALL_SEED[${i}]: must be an object`);
      return;
    }
    const p = item as Partial<OnCallInput>;
    const own = onCallProblems(p, `ON_CALL_SEED[${i}]`);
    for (const k of Object.keys(item)) if (!['name', 'role', 'email', 'mobile', 'phone'].includes(k)) own.push(`ON_CALL_SEED[${i}].${k}: unknown field`);
    problems.push(...own);
    if (!own.length) people.push({ name: p.name!.trim(), role: p.role!, email: p.email ?? null, mobile: p.mobile ?? null, phone: p.phone ?? null });
  });
  return { people, problems };
}

/** Boot-time checks of the notification settings (added to the config errors: the node does not start on them). */
export function notificationConfigProblems(config: OpsNodeConfig): string[] {
  const problems = parseOnCallSeed(config.ON_CALL_SEED).problems;
  if (config.SMTP_HOST.trim() && (config.SMTP_TLS ?? (LOOPBACK.test(config.SMTP_HOST) ? 'none' : 'starttls')) === 'none' && !LOOPBACK.test(config.SMTP_HOST)) {
    problems.push(`SMTP_TLS=none: plain SMTP is only allowed to a loopback host, not ${config.SMTP_HOST}`);
  }
  if ((config.SMTP_USER === undefined) !== (config.SMTP_PASSWORD === undefined)) problems.push('SMTP_USER and SMTP_PASSWORD: give both or neither');
  for (const [name, url] of [
    ['VOICE_GATEWAY_URL', config.VOICE_GATEWAY_URL],
    ['VOICE_CALLBACK_URL', config.VOICE_CALLBACK_URL ?? ''],
  ] as const) {
    if (url.trim() && !/^https?:\/\/[^\s]+$/.test(url.trim())) problems.push(`${name}=${JSON.stringify(url)}: expected http(s)://…`);
  }
  try {
    loadPolicies(config);
  } catch (err) {
    const source = config.ESCALATION_POLICY_FILE ? 'ESCALATION_POLICY_FILE' : `ESCALATION_FIRST_STEP_CHANNELS=${config.ESCALATION_FIRST_STEP_CHANNELS}`;
    if (err instanceof PolicyError) problems.push(...err.problems.map((p) => `${source}: ${p}`));
    else problems.push((err as Error).message);
  }
  return problems;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
