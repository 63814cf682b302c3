import { AppError, ReturnCode, stateMachineDocFileDifferences } from '@app/common';
import { join } from 'node:path';
import { deliveryMachine as machine, DeliveryEvent as E, DeliveryState as S, initialDeliveryState } from './delivery-state-machine';

describe('delivery state machine (出件)', () => {
  it('starts only at 办结, in the state of the delivery method', () => {
    expect(initialDeliveryState('CONCLUDED', 'PICKUP')).toBe(S.AWAITING_PICKUP);
    expect(initialDeliveryState('CONCLUDED', 'EXPRESS')).toBe(S.AWAITING_MAILING);
    for (const s of ['DRAFT', 'SUBMITTED', 'DISPATCHED', 'SUPPLEMENT_REQUIRED', 'ACCEPTED', 'EXPIRED']) expect(initialDeliveryState(s, 'PICKUP')).toBeNull();
  });

  it('hands over at the window, or mails and then records the delivery', () => {
    expect(machine.next(S.AWAITING_PICKUP, E.HAND_OVER)).toBe(S.HANDED_OVER);
    expect(machine.next(S.AWAITING_MAILING, E.MAIL)).toBe(S.MAILED);
    expect(machine.next(S.MAILED, E.DELIVER)).toBe(S.DELIVERED);
  });

  it('refuses with 2006 and says why', () => {
    const cases: [S | null, E, string][] = [
      [null, E.HAND_OVER, '申报件尚未办结，不能窗口出件'],
      [null, E.MAIL, '申报件尚未办结，不能证照寄出'],
      [S.AWAITING_MAILING, E.HAND_OVER, '领取方式为证照快递，不能窗口出件；请登记快递寄出'],
      [S.AWAITING_PICKUP, E.MAIL, '领取方式为现场领取，不能登记快递；请在窗口出件'],
      [S.HANDED_OVER, E.DELIVER, '领取方式为现场领取，不能登记快递；请在窗口出件'],
      [S.HANDED_OVER, E.HAND_OVER, '办理结果已领取，不能重复出件'],
      [S.MAILED, E.MAIL, '办理结果已寄出，不能重复登记寄出'],
      [S.DELIVERED, E.MAIL, '办理结果已签收，不能重复登记寄出'],
      [S.AWAITING_MAILING, E.DELIVER, '办理结果尚未寄出，不能登记签收'],
      [S.DELIVERED, E.DELIVER, '快递已签收，不能重复登记'],
    ];
    for (const [from, event, words] of cases) {
      const err = machine.refusalOf(from, event);
      expect(err).toBeInstanceOf(AppError);
      expect([from, event, err?.code, err?.message, err?.fields]).toEqual([
        from,
        event,
        ReturnCode.CONFLICT,
        `当前状态不允许该操作：${words}`,
        { deliveryState: from },
      ]);
      expect(() => machine.next(from, event)).toThrow(err!);
    }
  });

  it('has no way out of HANDED_OVER or DELIVERED', () => {
    for (const s of [S.HANDED_OVER, S.DELIVERED]) for (const t of machine.transitions) expect(machine.can(s, t.event)).toBe(false);
  });

  it('is the table of docs/delivery-states.md', () => {
    expect([machine.states, machine.transitions.map((t) => t.event)]).toEqual([Object.values(S), Object.values(E)]);
    expect(stateMachineDocFileDifferences(join(__dirname, '..', '..', '..', '..', 'docs', 'delivery-states.md'), machine)).toEqual([]);
  });
});
