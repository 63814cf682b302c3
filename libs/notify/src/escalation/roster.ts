import { ChannelKind, Recipient } from '../model/notice';
import { EscalationPolicy, OnCallRole, PolicyBook } from './policy';

/** Who holds each on-call role at a given time (值班表). The ops node backs it with its duty table. */
export interface OnCallRoster {
  membersOf(role: OnCallRole, at: Date): Promise<Recipient[]>;
}

/** A fixed roster, e.g. from configuration. */
export class StaticRoster implements OnCallRoster {
  constructor(private readonly roles: Record<OnCallRole, Recipient[]>) {}

  membersOf(role: OnCallRole): Promise<Recipient[]> {
    return Promise.resolve(this.roles[role]);
  }
}

/** The address a channel needs. */
export function addressFor(recipient: Recipient, channel: ChannelKind): string | undefined {
  switch (channel) {
    case 'email':
      return recipient.email;
    case 'sms':
    case 'voice':
      return recipient.phone;
  }
}

/**
 * Checks a roster against the policies before use: each role a policy notifies has somebody, and
 * everybody has the address of every channel they will be reached by — otherwise a critical alert
 * could silently go out over one channel only.
 */
export function rosterProblems(book: PolicyBook, roles: Record<OnCallRole, Recipient[]>): string[] {
  const problems: string[] = [];
  for (const policy of book.policies) problems.push(...policyRosterProblems(policy, roles));
  return [...new Set(problems)];
}

function policyRosterProblems(policy: EscalationPolicy, roles: Record<OnCallRole, Recipient[]>): string[] {
  const problems: string[] = [];
  policy.steps.forEach((step, i) => {
    for (const role of step.notify) {
      const members = roles[role];
      if (members.length === 0) problems.push(`policy "${policy.name}" step ${i + 1}: on-call role ${role} has nobody`);
      for (const m of members) {
        for (const ch of step.channels)
          if (!addressFor(m, ch)) problems.push(`policy "${policy.name}" step ${i + 1}: ${role} ${m.name} (${m.id}) has no address for ${ch}`);
      }
    }
  });
  return problems;
}
