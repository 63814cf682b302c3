import { AppError, ReturnCode } from '@app/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApplicationEvent as E,
  ApplicationState as S,
  assertUploadAllowed,
  canTransition,
  nextState,
  sourcesOf,
  STATE_LABEL,
  TRANSITIONS,
} from './application-state-machine';

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
};

describe('application state machine', () => {
  it('follows the happy path DRAFT → SUBMITTED → DISPATCHED → ACCEPTED → CONCLUDED', () => {
    expect(nextState(null, E.REGISTER)).toBe(S.DRAFT);
    expect(nextState(S.DRAFT, E.SUBMIT)).toBe(S.SUBMITTED);
    expect(nextState(S.SUBMITTED, E.DISPATCH)).toBe(S.DISPATCHED);
    expect(nextState(S.DISPATCHED, E.ACCEPT)).toBe(S.ACCEPTED);
    expect(nextState(S.ACCEPTED, E.CONCLUDE)).toBe(S.CONCLUDED);
  });

  it('treats SUBMITTED and DISPATCHED alike for the callbacks', () => {
    for (const s of [S.SUBMITTED, S.DISPATCHED]) {
      expect(nextState(s, E.ACCEPT)).toBe(S.ACCEPTED);
      expect(nextState(s, E.REQUIRE_SUPPLEMENT)).toBe(S.SUPPLEMENT_REQUIRED);
    }
    expect(sourcesOf(E.DISPATCH)).toEqual([S.SUBMITTED]);
  });

  it('opens a new draft after 补正补齐 and expires only drafts', () => {
    expect(nextState(S.SUPPLEMENT_REQUIRED, E.RESUBMIT)).toBe(S.DRAFT);
    expect(nextState(S.DRAFT, E.EXPIRE)).toBe(S.EXPIRED);
    for (const s of Object.values(S).filter((x) => x !== S.DRAFT)) expect(canTransition(s, E.EXPIRE)).toBe(false);
  });

  it('refuses with the answers the clerk API gave before the machine', () => {
    const submit = refusal(() => nextState(S.SUBMITTED, E.SUBMIT));
    expect(submit).toBeInstanceOf(AppError);
    expect(submit.code).toBe(ReturnCode.CONFLICT);
    expect(submit.message).toContain('状态为 SUBMITTED，不能提交');
    const resubmit = refusal(() => nextState(S.DRAFT, E.RESUBMIT));
    expect(resubmit.code).toBe(ReturnCode.CONFLICT);
    expect(resubmit.message).toContain('状态为 DRAFT，无需补正补齐');
    const upload = refusal(() => assertUploadAllowed(S.ACCEPTED));
    expect(upload.code).toBe(ReturnCode.CONFLICT);
    expect(upload.message).toContain('状态为 ACCEPTED，不能上传材料');
    expect(() => assertUploadAllowed(S.DRAFT)).not.toThrow();
  });

  it('has no way out of CONCLUDED or EXPIRED', () => {
    for (const s of [S.CONCLUDED, S.EXPIRED]) for (const t of TRANSITIONS) expect(canTransition(s, t.event)).toBe(false);
  });

  it('is the table of docs/application-states.md', () => {
    const md = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'application-states.md'), 'utf8');
    const transitions = [...md.matchAll(/^\| ([A-Z_]+) \| ([^|]+) \| ([A-Z_]+) \| ([^|]+) \|/gm)].map((m) => ({
      event: m[1],
      from: m[2].trim() === '—' ? [] : m[2].split(',').map((x) => x.trim()),
      to: m[3],
      label: m[4].trim(),
    }));
    expect(transitions).toEqual(TRANSITIONS.map((t) => ({ event: t.event, from: [...t.from], to: t.to, label: t.label })));
    const states = [...md.matchAll(/^\| ([A-Z_]+) \| ([^|A-Za-z]+) \|$/gm)].map((m) => [m[1], m[2].trim()]);
    expect(states).toEqual(Object.values(S).map((s) => [s, STATE_LABEL[s]]));
  });
});
