import { Stage } from '@app/exchange-contract';
import { ApplicationState as S } from '../applications/application.entity';
import { decideCallback } from './callback-rules';

describe('decideCallback', () => {
  const at = (state: S, currentVersion = 1) => ({ state, currentVersion });

  it('moves a dispatched version to 补正补齐, 受理 and then 办结', () => {
    expect(decideCallback(at(S.DISPATCHED), { version: 1, stage: Stage.SUPPLEMENT })).toEqual({ kind: 'apply', next: S.SUPPLEMENT_REQUIRED });
    expect(decideCallback(at(S.DISPATCHED), { version: 1, stage: Stage.ACCEPT })).toEqual({ kind: 'apply', next: S.ACCEPTED });
    expect(decideCallback(at(S.ACCEPTED), { version: 1, stage: Stage.CONCLUDE })).toEqual({ kind: 'apply', next: S.CONCLUDED });
  });

  it('accepts a callback that overtakes the dispatch bookkeeping (state still SUBMITTED)', () => {
    expect(decideCallback(at(S.SUBMITTED), { version: 1, stage: Stage.ACCEPT })).toEqual({ kind: 'apply', next: S.ACCEPTED });
  });

  it('defers 办结 that arrives before 受理', () => {
    expect(decideCallback(at(S.DISPATCHED), { version: 1, stage: Stage.CONCLUDE }).kind).toBe('defer');
  });

  it('marks callbacks of superseded versions stale', () => {
    expect(decideCallback(at(S.DISPATCHED, 2), { version: 1, stage: Stage.ACCEPT }).kind).toBe('stale');
  });

  it('rejects illegal transitions', () => {
    expect(decideCallback(at(S.CONCLUDED), { version: 1, stage: Stage.ACCEPT }).kind).toBe('reject');
    expect(decideCallback(at(S.ACCEPTED), { version: 1, stage: Stage.SUPPLEMENT }).kind).toBe('reject');
    expect(decideCallback(at(S.SUPPLEMENT_REQUIRED), { version: 1, stage: Stage.ACCEPT }).kind).toBe('reject');
    expect(decideCallback(at(S.DRAFT, 2), { version: 2, stage: Stage.ACCEPT }).kind).toBe('reject');
    expect(decideCallback(at(S.DISPATCHED), { version: 3, stage: Stage.ACCEPT }).kind).toBe('reject');
    expect(decideCallback(at(S.CONCLUDED), { version: 1, stage: Stage.CONCLUDE }).kind).toBe('reject');
  });
});
