import { AppError, ReturnCode } from '@app/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canDeliveryTransition,
  DELIVERY_STATE_LABEL,
  DELIVERY_TRANSITIONS,
  DeliveryEvent as E,
  DeliveryState as S,
  initialDeliveryState,
  nextDeliveryState,
} from './delivery-state-machine';

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
};

describe('delivery state machine (出件)', () => {
  it('starts only at 办结, in the state of the delivery method', () => {
    expect(initialDeliveryState('CONCLUDED', 'PICKUP')).toBe(S.AWAITING_PICKUP);
    expect(initialDeliveryState('CONCLUDED', 'EXPRESS')).toBe(S.AWAITING_MAILING);
    for (const s of ['DRAFT', 'SUBMITTED', 'DISPATCHED', 'SUPPLEMENT_REQUIRED', 'ACCEPTED', 'EXPIRED']) expect(initialDeliveryState(s, 'PICKUP')).toBeNull();
  });

  it('hands over at the window, or mails and then records the delivery', () => {
    expect(nextDeliveryState(S.AWAITING_PICKUP, E.HAND_OVER)).toBe(S.HANDED_OVER);
    expect(nextDeliveryState(S.AWAITING_MAILING, E.MAIL)).toBe(S.MAILED);
    expect(nextDeliveryState(S.MAILED, E.DELIVER)).toBe(S.DELIVERED);
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
      const err = refusal(() => nextDeliveryState(from, event));
      expect(err).toBeInstanceOf(AppError);
      expect([from, event, err.code, err.message]).toEqual([from, event, ReturnCode.CONFLICT, `当前状态不允许该操作：${words}`]);
    }
  });

  it('has no way out of HANDED_OVER or DELIVERED', () => {
    for (const s of [S.HANDED_OVER, S.DELIVERED]) for (const t of DELIVERY_TRANSITIONS) expect(canDeliveryTransition(s, t.event)).toBe(false);
  });

  it('is the table of docs/delivery-states.md', () => {
    const md = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'delivery-states.md'), 'utf8');
    const transitions = [...md.matchAll(/^\| ([A-Z_]+) \| ([^|]+) \| ([A-Z_]+) \| ([^|]+) \|/gm)].map((m) => ({
      event: m[1],
      from: m[2].trim() === '—' ? [] : m[2].split(',').map((x) => x.trim()),
      to: m[3],
      label: m[4].trim(),
    }));
    expect(transitions).toEqual(DELIVERY_TRANSITIONS.map((t) => ({ event: t.event, from: [...t.from], to: t.to, label: t.label })));
    const states = [...md.matchAll(/^\| ([A-Z_]+) \| ([^|A-Za-z]+) \|$/gm)].map((m) => [m[1], m[2].trim()]);
    expect(states).toEqual(Object.values(S).map((s) => [s, DELIVERY_STATE_LABEL[s]]));
  });
});
