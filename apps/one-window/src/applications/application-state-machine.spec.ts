import { AppError, ReturnCode, stateMachineDocFileDifferences } from '@app/common';
import { join } from 'node:path';
import { applicationMachine as machine, ApplicationEvent as E, ApplicationState as S, assertUploadAllowed } from './application-state-machine';

describe('application state machine', () => {
  it('follows the happy path DRAFT → SUBMITTED → DISPATCHED → ACCEPTED → CONCLUDED', () => {
    expect(machine.next(null, E.REGISTER)).toBe(S.DRAFT);
    expect(machine.next(S.DRAFT, E.SUBMIT)).toBe(S.SUBMITTED);
    expect(machine.next(S.SUBMITTED, E.DISPATCH)).toBe(S.DISPATCHED);
    expect(machine.next(S.DISPATCHED, E.ACCEPT)).toBe(S.ACCEPTED);
    expect(machine.next(S.ACCEPTED, E.CONCLUDE)).toBe(S.CONCLUDED);
  });

  it('treats SUBMITTED and DISPATCHED alike for the callbacks', () => {
    for (const s of [S.SUBMITTED, S.DISPATCHED]) {
      expect(machine.next(s, E.ACCEPT)).toBe(S.ACCEPTED);
      expect(machine.next(s, E.REQUIRE_SUPPLEMENT)).toBe(S.SUPPLEMENT_REQUIRED);
    }
    expect(machine.allowedFrom(E.DISPATCH)).toEqual([S.SUBMITTED]);
  });

  it('opens a new draft after 补正补齐 and expires only drafts', () => {
    expect(machine.next(S.SUPPLEMENT_REQUIRED, E.RESUBMIT)).toBe(S.DRAFT);
    expect(machine.next(S.DRAFT, E.EXPIRE)).toBe(S.EXPIRED);
    for (const s of Object.values(S).filter((x) => x !== S.DRAFT)) expect(machine.can(s, E.EXPIRE)).toBe(false);
  });

  it('refuses with the answers the clerk API gave before the machine', () => {
    const submit = machine.refusalOf(S.SUBMITTED, E.SUBMIT);
    expect(submit).toBeInstanceOf(AppError);
    expect([submit?.code, submit?.message]).toEqual([ReturnCode.CONFLICT, '当前状态不允许该操作：状态为 SUBMITTED，不能提交']);
    expect(() => machine.next(S.SUBMITTED, E.SUBMIT)).toThrow(submit!);
    const resubmit = machine.refusalOf(S.DRAFT, E.RESUBMIT);
    expect([resubmit?.code, resubmit?.message]).toEqual([ReturnCode.CONFLICT, '当前状态不允许该操作：状态为 DRAFT，无需补正补齐']);
    expect(machine.refusalOf(null, E.SUBMIT)?.message).toBe('当前状态不允许该操作：状态为 (none)，不能提交');
    expect(machine.refusalOf(S.DRAFT, E.ACCEPT)?.message).toBe('当前状态不允许该操作：状态为 DRAFT，不能部门受理');
    expect(() => assertUploadAllowed(S.ACCEPTED)).toThrow(
      expect.objectContaining({ name: 'AppError', code: ReturnCode.CONFLICT, message: '当前状态不允许该操作：状态为 ACCEPTED，不能上传材料' }),
    );
    expect(() => assertUploadAllowed(S.DRAFT)).not.toThrow();
  });

  it('has no way out of CONCLUDED or EXPIRED', () => {
    for (const s of [S.CONCLUDED, S.EXPIRED]) for (const t of machine.transitions) expect(machine.can(s, t.event)).toBe(false);
  });

  it('is the table of docs/application-states.md', () => {
    expect([machine.states, machine.transitions.map((t) => t.event)]).toEqual([Object.values(S), Object.values(E)]);
    expect(stateMachineDocFileDifferences(join(__dirname, '..', '..', '..', '..', 'docs', 'application-states.md'), machine)).toEqual([]);
  });
});
