import { CHANNEL_KINDS, ChannelKind, NOTICE_SEVERITIES, NoticeSeverity } from '../model/notice';

export const ON_CALL_ROLES = ['A', 'B'] as const;
/** A/B on-call roles (AB角): A is called first, B when A does not acknowledge. */
export type OnCallRole = (typeof ON_CALL_ROLES)[number];

export interface EscalationStep {
  /** roles notified at this step */
  notify: OnCallRole[];
  /** channels used for each of them, all at once */
  channels: ChannelKind[];
}

export interface RetryPolicy {
  /** tries of one delivery (notice × recipient × channel), the first included */
  maxAttempts: number;
  /** delay before the 2nd try; doubles each time up to maxDelayMs */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface EscalationPolicy {
  name: string;
  severities: NoticeSeverity[];
  /** how long a step waits for an acknowledgement before the next step (the 20-minute response rule) */
  responseTimeoutMs: number;
  steps: EscalationStep[];
  retry: RetryPolicy;
  /** channels of the recovery notice, for everyone who was notified */
  recoveryChannels: ChannelKind[];
}

export const DEFAULT_RESPONSE_TIMEOUT_MS = 20 * 60_000;
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 5_000, maxDelayMs: 120_000 };

/** Built-in policies: A climbs e-mail → SMS → voice, then B gets everything; a critical alert starts with two channels. */
export const DEFAULT_POLICIES = {
  policies: [
    {
      name: 'critical',
      severities: ['CRITICAL'],
      responseTimeoutMinutes: 20,
      steps: [
        { notify: ['A'], channels: ['email', 'sms'] },
        { notify: ['A'], channels: ['voice'] },
        { notify: ['B'], channels: ['email', 'sms', 'voice'] },
      ],
      recoveryChannels: ['email', 'sms'],
    },
    {
      name: 'standard',
      severities: ['MAJOR', 'MINOR', 'WARNING'],
      responseTimeoutMinutes: 20,
      steps: [
        { notify: ['A'], channels: ['email'] },
        { notify: ['A'], channels: ['sms'] },
        { notify: ['A'], channels: ['voice'] },
        { notify: ['B'], channels: ['email', 'sms', 'voice'] },
      ],
      recoveryChannels: ['email', 'sms'],
    },
  ],
};

export class PolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid escalation policies:\n  ${problems.join('\n  ')}`);
    this.name = 'PolicyError';
  }
}

/** The validated policies, one per severity. */
export class PolicyBook {
  private readonly bySeverity = new Map<NoticeSeverity, EscalationPolicy>();
  private readonly byName = new Map<string, EscalationPolicy>();

  constructor(readonly policies: readonly EscalationPolicy[]) {
    for (const p of policies) {
      this.byName.set(p.name, p);
      for (const s of p.severities) this.bySeverity.set(s, p);
    }
  }

  forSeverity(severity: NoticeSeverity): EscalationPolicy {
    const p = this.bySeverity.get(severity);
    if (!p) throw new Error(`no escalation policy for severity ${severity}`);
    return p;
  }

  get(name: string): EscalationPolicy | undefined {
    return this.byName.get(name);
  }
}

/**
 * Reads and validates the policy document (JSON, see the README). Every problem is reported at once.
 * Rules: every severity has exactly one policy; steps and channels are known and not repeated;
 * a policy for CRITICAL alerts uses at least two channels at its first step (两种以上通知方式).
 */
export function loadEscalationPolicies(raw: unknown = DEFAULT_POLICIES): PolicyBook {
  const problems: string[] = [];
  const policies: EscalationPolicy[] = [];
  const list = isObject(raw) ? raw.policies : undefined;
  if (!Array.isArray(list) || list.length === 0) throw new PolicyError(['policies: must be a non-empty array']);
  const owner = new Map<string, string>();
  list.forEach((item: unknown, i) => {
    const at = `policies[${i}]`;
    if (!isObject(item)) {
      problems.push(`${at}: must be an object`);
      return;
    }
    const p = readPolicy(item, at, problems);
    if (!p) return;
    if (policies.some((q) => q.name === p.name)) problems.push(`${at}.name: "${p.name}" appears twice`);
    for (const s of p.severities) {
      const first = owner.get(s);
      if (first) problems.push(`${at}.severities: ${s} is already handled by policy "${first}"`);
      else owner.set(s, p.name);
    }
    policies.push(p);
  });
  // a severity looks uncovered when its policy was refused; only report gaps of an otherwise valid document
  if (problems.length === 0) for (const s of NOTICE_SEVERITIES) if (!owner.has(s)) problems.push(`severity ${s} has no policy`);
  if (problems.length > 0) throw new PolicyError(problems);
  return new PolicyBook(policies);
}

function readPolicy(o: Record<string, unknown>, at: string, problems: string[]): EscalationPolicy | null {
  const before = problems.length;
  const name = typeof o.name === 'string' && o.name.trim() !== '' ? o.name : '';
  if (name === '') problems.push(`${at}.name: required text`);
  const severities = enumList(o.severities, NOTICE_SEVERITIES, `${at}.severities`, problems);
  let responseTimeoutMs = DEFAULT_RESPONSE_TIMEOUT_MS;
  if (o.responseTimeoutMs !== undefined && o.responseTimeoutMinutes !== undefined)
    problems.push(`${at}: give responseTimeoutMs or responseTimeoutMinutes, not both`);
  else if (o.responseTimeoutMs !== undefined) responseTimeoutMs = positive(o.responseTimeoutMs, `${at}.responseTimeoutMs`, problems, 86_400_000);
  else if (o.responseTimeoutMinutes !== undefined)
    responseTimeoutMs = positive(o.responseTimeoutMinutes, `${at}.responseTimeoutMinutes`, problems, 1_440) * 60_000;
  const steps: EscalationStep[] = [];
  if (!Array.isArray(o.steps) || o.steps.length === 0 || o.steps.length > 20) problems.push(`${at}.steps: must be an array of 1..20 steps`);
  else
    o.steps.forEach((s: unknown, j) => {
      const sat = `${at}.steps[${j}]`;
      if (!isObject(s)) {
        problems.push(`${sat}: must be an object`);
        return;
      }
      steps.push({
        notify: enumList(s.notify, ON_CALL_ROLES, `${sat}.notify`, problems),
        channels: enumList(s.channels, CHANNEL_KINDS, `${sat}.channels`, problems),
      });
    });
  if (severities.includes('CRITICAL') && steps[0] && steps[0].channels.length < 2) {
    problems.push(`${at}.steps[0].channels: a policy for CRITICAL alerts must use at least two channels at its first step (两种以上通知方式)`);
  }
  const retry = readRetry(o.retry, `${at}.retry`, problems);
  const recoveryChannels =
    o.recoveryChannels === undefined ? (['email', 'sms'] as ChannelKind[]) : enumList(o.recoveryChannels, CHANNEL_KINDS, `${at}.recoveryChannels`, problems);
  const known = new Set(['name', 'severities', 'responseTimeoutMs', 'responseTimeoutMinutes', 'steps', 'retry', 'recoveryChannels']);
  for (const k of Object.keys(o)) if (!known.has(k)) problems.push(`${at}.${k}: unknown field`);
  return problems.length === before ? { name, severities, responseTimeoutMs, steps, retry, recoveryChannels } : null;
}

function readRetry(v: unknown, at: string, problems: string[]): RetryPolicy {
  if (v === undefined) return { ...DEFAULT_RETRY };
  if (!isObject(v)) {
    problems.push(`${at}: must be an object`);
    return { ...DEFAULT_RETRY };
  }
  const r: RetryPolicy = {
    maxAttempts: v.maxAttempts === undefined ? DEFAULT_RETRY.maxAttempts : positive(v.maxAttempts, `${at}.maxAttempts`, problems, 20, true),
    baseDelayMs: v.baseDelayMs === undefined ? DEFAULT_RETRY.baseDelayMs : positive(v.baseDelayMs, `${at}.baseDelayMs`, problems, 3_600_000),
    maxDelayMs: v.maxDelayMs === undefined ? DEFAULT_RETRY.maxDelayMs : positive(v.maxDelayMs, `${at}.maxDelayMs`, problems, 86_400_000),
  };
  if (r.maxDelayMs < r.baseDelayMs) problems.push(`${at}.maxDelayMs: must not be below baseDelayMs`);
  return r;
}

function enumList<T extends string>(v: unknown, allowed: readonly T[], at: string, problems: string[]): T[] {
  if (!Array.isArray(v) || v.length === 0) {
    problems.push(`${at}: must be a non-empty array of ${allowed.join(' | ')}`);
    return [];
  }
  const out: T[] = [];
  for (const x of v) {
    if (typeof x !== 'string' || !(allowed as readonly string[]).includes(x)) problems.push(`${at}: ${JSON.stringify(x)} is not one of ${allowed.join(' | ')}`);
    else if (out.includes(x as T)) problems.push(`${at}: ${x} appears twice`);
    else out.push(x as T);
  }
  return out;
}

function positive(v: unknown, at: string, problems: string[], max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > max || (integer && !Number.isInteger(v))) {
    problems.push(`${at}: must be a ${integer ? 'whole ' : ''}number in (0, ${max}]`);
    return 1;
  }
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
