import { AppError, ReturnCode } from '@app/common';
import { AlertStatus as S } from '@app/ops-contract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_STATE_LABEL, ALERT_TRANSITIONS, AlertEvent as E, alertSourcesOf, canMoveAlert, nextAlertStatus, recoveryEventOf } from './alert-state-machine';

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
};

describe('alert state machine', () => {
  it('raises, acknowledges, recovers and closes', () => {
    expect(nextAlertStatus('A1', null, E.RAISE)).toBe(S.FIRING);
    expect(nextAlertStatus('A1', S.FIRING, E.ACKNOWLEDGE)).toBe(S.ACKNOWLEDGED);
    expect(nextAlertStatus('A1', S.ACKNOWLEDGED, E.RECOVER)).toBe(S.RESOLVED);
    expect(nextAlertStatus('A1', S.RESOLVED, E.CLOSE)).toBe(S.CLOSED);
    expect(nextAlertStatus('A1', S.FIRING, E.RECOVER)).toBe(S.RESOLVED);
    expect(nextAlertStatus('A1', S.ACKNOWLEDGED, E.CLOSE)).toBe(S.CLOSED);
  });

  it('keeps a closed alert closed when it recovers', () => {
    expect(recoveryEventOf(S.CLOSED)).toBe(E.RECOVER_CLOSED);
    expect(nextAlertStatus('A1', S.CLOSED, E.RECOVER_CLOSED)).toBe(S.CLOSED);
    for (const s of [S.FIRING, S.ACKNOWLEDGED]) expect(recoveryEventOf(s)).toBe(E.RECOVER);
    expect(canMoveAlert(S.RESOLVED, recoveryEventOf(S.RESOLVED))).toBe(false);
    expect(alertSourcesOf(E.RECOVER)).toEqual([S.FIRING, S.ACKNOWLEDGED]);
  });

  it('refuses operator actions with the answers the API gave before the machine (2006)', () => {
    const ack = refusal(() => nextAlertStatus('A1', S.RESOLVED, E.ACKNOWLEDGE));
    expect(ack).toBeInstanceOf(AppError);
    expect(ack.code).toBe(ReturnCode.CONFLICT);
    expect(ack.message).toContain('告警 A1 当前状态为 RESOLVED，只有告警中的告警可以确认');
    const close = refusal(() => nextAlertStatus('A1', S.FIRING, E.CLOSE));
    expect(close.code).toBe(ReturnCode.CONFLICT);
    expect(close.message).toContain('告警 A1 当前状态为 FIRING，只能关闭已确认或已恢复的告警');
    expect(canMoveAlert(S.FIRING, E.RAISE)).toBe(false);
  });

  it('lets nothing but a late recovery touch a CLOSED alert', () => {
    for (const t of ALERT_TRANSITIONS) expect(canMoveAlert(S.CLOSED, t.event)).toBe(t.event === E.RECOVER_CLOSED);
  });

  it('is the table of docs/alert-states.md', () => {
    const md = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'alert-states.md'), 'utf8');
    const transitions = [...md.matchAll(/^\| ([A-Z_]+) \| ([^|]+) \| ([A-Z_]+) \| ([^|]+) \|/gm)].map((m) => ({
      event: m[1],
      from: m[2].trim() === '—' ? [] : m[2].split(',').map((x) => x.trim()),
      to: m[3],
      label: m[4].trim(),
    }));
    expect(transitions).toEqual(ALERT_TRANSITIONS.map((t) => ({ event: t.event, from: [...t.from], to: t.to, label: t.label })));
    const states = [...md.matchAll(/^\| ([A-Z_]+) \| ([^|A-Za-z]+) \|$/gm)].map((m) => [m[1], m[2].trim()]);
    expect(states).toEqual(Object.values(S).map((s) => [s, ALERT_STATE_LABEL[s]]));
  });
});
