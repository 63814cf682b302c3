import { creditCodeProblem, residentIdProblem } from '../../apps/one-window/src/applications/rules/applicant-id';
import { creditCode, DEFAULT_ID_NO, residentIdNo } from '../support/identity-numbers';

// the fixtures' generator and the platform's rules are two implementations: each checks the other
describe('identity numbers of the fixtures', () => {
  const today = new Date('2026-11-22T02:00:00Z');

  it('the default is the fixtures’ old number with its real check digit', () => {
    expect(DEFAULT_ID_NO).toBe('410404199001011233');
  });

  it('every generated ID number and credit code passes the platform’s rules', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = residentIdNo(i, '19850615');
      expect(residentIdProblem(id, today)).toBeNull();
      ids.add(id);
      const cc = creditCode(i * 7919 + 3);
      expect(creditCodeProblem(cc)).toBeNull();
    }
    expect(ids.size).toBe(1000);
    expect(creditCode(1)).toMatch(/^91410404[0-9A-HJ-NP-RT-UW-Y]{10}$/);
  });
});
