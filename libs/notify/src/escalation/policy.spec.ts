import { DEFAULT_POLICIES, loadEscalationPolicies, PolicyError } from './policy';
import { rosterProblems } from './roster';

const problemsOf = (raw: unknown): string[] => {
  try {
    loadEscalationPolicies(raw);
    return [];
  } catch (err) {
    if (err instanceof PolicyError) return err.problems;
    throw err;
  }
};

const all = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING'];

describe('escalation policies', () => {
  it('loads the built-in policies: 20-minute timer, critical starts with two channels', () => {
    const book = loadEscalationPolicies(DEFAULT_POLICIES);
    expect(book.forSeverity('CRITICAL').steps[0].channels).toEqual(['email', 'sms']);
    expect(book.forSeverity('WARNING').steps.map((s) => s.channels)).toEqual([['email'], ['sms'], ['voice'], ['email', 'sms', 'voice']]);
    expect(book.forSeverity('MAJOR').responseTimeoutMs).toBe(20 * 60_000);
  });

  it('refuses a critical policy whose first step has one channel', () => {
    const problems = problemsOf({ policies: [{ name: 'p', severities: all, steps: [{ notify: ['A'], channels: ['email'] }] }] });
    expect(problems).toEqual([expect.stringContaining('at least two channels')]);
  });

  it('accepts one channel at the first step when the policy is not for critical alerts', () => {
    expect(
      problemsOf({
        policies: [
          { name: 'c', severities: ['CRITICAL'], steps: [{ notify: ['A'], channels: ['sms', 'voice'] }] },
          { name: 'o', severities: ['MAJOR', 'MINOR', 'WARNING'], steps: [{ notify: ['A'], channels: ['email'] }] },
        ],
      }),
    ).toEqual([]);
  });

  it('names every problem at once', () => {
    const problems = problemsOf({
      policies: [
        {
          name: 'x',
          severities: ['CRITICAL', 'LOUD'],
          responseTimeoutMs: -1,
          steps: [{ notify: ['C'], channels: ['fax', 'sms'] }],
          retry: { maxAttempts: 0 },
          colour: 'red',
        },
        { name: 'x', severities: ['CRITICAL'], steps: [] },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('policies[0].severities: "LOUD"'),
        expect.stringContaining('policies[0].responseTimeoutMs'),
        expect.stringContaining('policies[0].steps[0].notify: "C"'),
        expect.stringContaining('policies[0].steps[0].channels: "fax"'),
        expect.stringContaining('policies[0].retry.maxAttempts'),
        expect.stringContaining('policies[0].colour: unknown field'),
        expect.stringContaining('policies[1].steps'),
      ]),
    );
  });

  it('requires every severity to have exactly one policy', () => {
    expect(problemsOf({ policies: [{ name: 'c', severities: ['CRITICAL'], steps: [{ notify: ['A'], channels: ['sms', 'email'] }] }] })).toEqual([
      'severity MAJOR has no policy',
      'severity MINOR has no policy',
      'severity WARNING has no policy',
    ]);
    expect(
      problemsOf({
        policies: [
          { name: 'a', severities: all, steps: [{ notify: ['A'], channels: ['sms', 'email'] }] },
          { name: 'b', severities: ['MINOR'], steps: [{ notify: ['A'], channels: ['sms'] }] },
        ],
      }),
    ).toEqual([expect.stringContaining('MINOR is already handled by policy "a"')]);
  });

  it('takes the response timer in minutes or milliseconds', () => {
    const book = loadEscalationPolicies({
      policies: [{ name: 'fast', severities: all, responseTimeoutMs: 1000, steps: [{ notify: ['A'], channels: ['email', 'sms'] }] }],
    });
    expect(book.forSeverity('MINOR').responseTimeoutMs).toBe(1000);
    expect(
      problemsOf({
        policies: [
          { name: 'both', severities: all, responseTimeoutMs: 1000, responseTimeoutMinutes: 1, steps: [{ notify: ['A'], channels: ['email', 'sms'] }] },
        ],
      }),
    ).toEqual([expect.stringContaining('not both')]);
  });

  it('checks the roster against the policies: roles staffed, addresses present', () => {
    const book = loadEscalationPolicies();
    expect(
      rosterProblems(book, {
        A: [{ id: 'a', name: '甲', email: 'a@x.cn', phone: '13800000001' }],
        B: [{ id: 'b', name: '乙', email: 'b@x.cn', phone: '13800000002' }],
      }),
    ).toEqual([]);
    const problems = rosterProblems(book, { A: [{ id: 'a', name: '甲', email: 'a@x.cn' }], B: [] });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining('A 甲 (a) has no address for sms'), expect.stringContaining('role B has nobody')]),
    );
  });
});
