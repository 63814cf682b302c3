import { AppError, ReturnCode, stateMachineDocFileDifferences } from '@app/common';
import { AlertStatus as S } from '@app/ops-contract';
import { join } from 'node:path';
import { AlertEvent as E, alertMachine as machine, recoveryEventOf } from './alert-state-machine';

describe('alert state machine', () => {
  it('raises, acknowledges, recovers and closes', () => {
    expect(machine.next(null, E.RAISE, 'A1')).toBe(S.FIRING);
    expect(machine.next(S.FIRING, E.ACKNOWLEDGE, 'A1')).toBe(S.ACKNOWLEDGED);
    expect(machine.next(S.ACKNOWLEDGED, E.RECOVER, 'A1')).toBe(S.RESOLVED);
    expect(machine.next(S.RESOLVED, E.CLOSE, 'A1')).toBe(S.CLOSED);
    expect(machine.next(S.FIRING, E.RECOVER, 'A1')).toBe(S.RESOLVED);
    expect(machine.next(S.ACKNOWLEDGED, E.CLOSE, 'A1')).toBe(S.CLOSED);
  });

  it('keeps a closed alert closed when it recovers', () => {
    expect(recoveryEventOf(S.CLOSED)).toBe(E.RECOVER_CLOSED);
    expect(machine.next(S.CLOSED, E.RECOVER_CLOSED, 'A1')).toBe(S.CLOSED);
    for (const s of [S.FIRING, S.ACKNOWLEDGED]) expect(recoveryEventOf(s)).toBe(E.RECOVER);
    expect(machine.can(S.RESOLVED, recoveryEventOf(S.RESOLVED))).toBe(false);
    expect(machine.allowedFrom(E.RECOVER)).toEqual([S.FIRING, S.ACKNOWLEDGED]);
  });

  it('refuses operator actions with the answers the API gave before the machine (2006)', () => {
    const ack = machine.refusalOf(S.RESOLVED, E.ACKNOWLEDGE, 'A1');
    expect(ack).toBeInstanceOf(AppError);
    expect([ack?.code, ack?.message]).toEqual([ReturnCode.CONFLICT, '当前状态不允许该操作：告警 A1 当前状态为 RESOLVED，只有告警中的告警可以确认']);
    expect(() => machine.next(S.RESOLVED, E.ACKNOWLEDGE, 'A1')).toThrow(ack!);
    const close = machine.refusalOf(S.FIRING, E.CLOSE, 'A1');
    expect([close?.code, close?.message]).toEqual([ReturnCode.CONFLICT, '当前状态不允许该操作：告警 A1 当前状态为 FIRING，只能关闭已确认或已恢复的告警']);
    expect(machine.refusalOf(S.RESOLVED, E.RECOVER, 'A1')?.message).toBe('当前状态不允许该操作：告警 A1 当前状态为 RESOLVED，不能恢复');
    expect(machine.can(S.FIRING, E.RAISE)).toBe(false);
  });

  it('lets nothing but a late recovery touch a CLOSED alert', () => {
    for (const t of machine.transitions) expect(machine.can(S.CLOSED, t.event)).toBe(t.event === E.RECOVER_CLOSED);
  });

  it('is the table of docs/alert-states.md', () => {
    expect([machine.states, machine.transitions.map((t) => t.event)]).toEqual([Object.values(S), Object.values(E)]);
    expect(stateMachineDocFileDifferences(join(__dirname, '..', '..', '..', '..', 'docs', 'alert-states.md'), machine)).toEqual([]);
  });
});
