import { validateConfig } from '@app/common';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpsNodeConfig } from './ops-node.config';
import {
  channelDisabledReason,
  enabledChannels,
  loadPolicies,
  notificationConfigProblems,
  parseOnCallSeed,
  policyChannelProblems,
} from './notification-config';

const config = (env: Record<string, string> = {}) => validateConfig(OpsNodeConfig, env);

describe('notification settings', () => {
  it('gives the built-in policies the configured response timer, in minutes or milliseconds', () => {
    expect(loadPolicies(config()).policies.map((p) => p.responseTimeoutMs)).toEqual([20 * 60_000, 20 * 60_000]);
    expect(loadPolicies(config({ ESCALATION_RESPONSE_MINUTES: '0.5' })).forSeverity('CRITICAL').responseTimeoutMs).toBe(30_000);
    expect(loadPolicies(config({ ESCALATION_RESPONSE_MINUTES: '5', ESCALATION_RESPONSE_MS: '1500' })).forSeverity('MAJOR').responseTimeoutMs).toBe(1500);
  });

  it('pages the first person over two channels at once for every severity (e-mail and SMS by default, configurable)', () => {
    const steps = (env: Record<string, string> = {}) => {
      const book = loadPolicies(config(env));
      return ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING'].map((s) =>
        book.forSeverity(s as 'CRITICAL').steps.map((st) => `${st.notify.join('')}:${st.channels.join('+')}`),
      );
    };
    // before: a MAJOR alert reached A by e-mail only for its first 20 minutes
    const standard = ['A:email+sms', 'A:voice', 'B:email+sms+voice'];
    expect(steps()).toEqual([standard, standard, standard, standard]);
    // the same person's later steps do not repeat a channel of the first one
    const voiceFirst = ['A:sms+voice', 'B:email+sms+voice'];
    expect(steps({ ESCALATION_FIRST_STEP_CHANNELS: 'sms, voice' })).toEqual([voiceFirst, voiceFirst, voiceFirst, voiceFirst]);
    // one channel: the critical policy would page over one only, so the node does not boot
    const problems = notificationConfigProblems(config({ ESCALATION_FIRST_STEP_CHANNELS: 'email' }));
    expect(problems).toEqual([expect.stringMatching(/^ESCALATION_FIRST_STEP_CHANNELS=email: .*two channels/)]);
    expect(() => config({ ESCALATION_FIRST_STEP_CHANNELS: 'fax,sms' })).toThrow(/ESCALATION_FIRST_STEP_CHANNELS/);
  });

  it('keeps the timer a policy file sets and fills in the one it leaves out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'p.json');
    writeFileSync(
      file,
      JSON.stringify({
        policies: [
          { name: 'c', severities: ['CRITICAL'], responseTimeoutMinutes: 10, steps: [{ notify: ['A'], channels: ['email', 'sms'] }] },
          { name: 's', severities: ['MAJOR', 'MINOR', 'WARNING'], steps: [{ notify: ['A'], channels: ['email'] }] },
        ],
      }),
    );
    const book = loadPolicies(config({ ESCALATION_POLICY_FILE: file, ESCALATION_RESPONSE_MINUTES: '3' }));
    expect([book.forSeverity('CRITICAL').responseTimeoutMs, book.forSeverity('MINOR').responseTimeoutMs]).toEqual([600_000, 180_000]);
  });

  it('refuses to boot on a bad policy file, a bad seed or plain SMTP to a remote host, naming each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ policies: [{ name: 'c', severities: ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING'], steps: [{ notify: ['A'], channels: ['email'] }] }] }),
    );
    const problems = notificationConfigProblems(
      config({ ESCALATION_POLICY_FILE: file, ON_CALL_SEED: '[{"name":"x","role":"C"}]', SMTP_HOST: 'smtp.example.cn', SMTP_TLS: 'none' }),
    );
    expect(problems.some((p) => p.startsWith('ESCALATION_POLICY_FILE:') && p.includes('two channels'))).toBe(true);
    expect(problems.some((p) => p.includes('ON_CALL_SEED[0].role'))).toBe(true);
    expect(problems.some((p) => p.startsWith('SMTP_TLS=none'))).toBe(true);
    expect(notificationConfigProblems(config())).toEqual([]);
  });

  it('says at boot which policy steps lose a channel that is switched off, and when critical alerts fall below two channels', () => {
    const c = config({ CMPP_HOST: '' });
    expect(channelDisabledReason(c, 'sms')).toBe('CMPP_HOST is empty');
    expect(enabledChannels(c)).toEqual(['email', 'voice']);
    const problems = policyChannelProblems(loadPolicies(c), enabledChannels(c), (k) => channelDisabledReason(c, k));
    expect(problems).toContain('policy "critical" step 1: channel sms is disabled (CMPP_HOST is empty); its deliveries will be recorded as failed');
    expect(problems.some((p) => p.includes('"critical": CRITICAL alerts would reach people over 1 working channel(s)'))).toBe(true);
    expect(policyChannelProblems(loadPolicies(config()), enabledChannels(config()), () => null)).toEqual([]);
  });

  it('reads the on-call seed, refusing unknown fields and people nobody can reach', () => {
    expect(parseOnCallSeed(config().ON_CALL_SEED).people.map((p) => p.role)).toEqual(['A', 'B']);
    const r = parseOnCallSeed('[{"name":"王","role":"A","email":"wang@example.cn","pager":"1"},{"name":"赵","role":"B"}]');
    expect(r.problems).toEqual(['ON_CALL_SEED[0].pager: unknown field', 'ON_CALL_SEED[1]: needs at least one of email, mobile, phone']);
  });
});
