import { Stage } from '@app/exchange-contract';
import { FrontDbRegistry, TakeResult } from '@app/front-db';
import { Logger } from '@nestjs/common';
import { OneWindowConfig } from '../config/one-window.config';
import { UnitOfWork } from '../database/unit-of-work';
import { CallbackKey, TakeCallbackUseCase } from './take-callback.use-case';

/** Unit test of the isolation logic only: the front DB is a stub that fails any batch holding a poisoned application. */
describe('TakeCallbackUseCase isolation', () => {
  // the failure it provokes is logged on purpose; keep the test output clean
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));
  const key = (applyNo: string, stage: Stage.ACCEPT | Stage.CONCLUDE): CallbackKey => ({ applyNo, version: 1, stage });
  const calls: string[][] = [];
  const front = {
    takeCallbacks: async (keys: CallbackKey[]): Promise<TakeResult[]> => {
      calls.push(keys.map((k) => k.applyNo));
      if (keys.some((k) => k.applyNo === 'POISON')) throw new Error('Data too long for column');
      return keys.map(() => ({ status: 'taken', outcome: 'APPLIED' }));
    },
  };
  const registry = { get: () => front } as unknown as FrontDbRegistry;
  const useCase = new TakeCallbackUseCase({} as UnitOfWork, registry, { applicantSmsOn: false } as OneWindowConfig);

  it('takes the other applications of a batch when one cannot be taken, and reports that one as failed', async () => {
    const keys = [key('A', Stage.ACCEPT), key('A', Stage.CONCLUDE), key('POISON', Stage.ACCEPT), key('B', Stage.ACCEPT)];
    const results = await useCase.execute('AMR', keys, 'SCAN', 'cid');
    expect(results.map((r) => r.status)).toEqual(['taken', 'taken', 'failed', 'taken']);
    // the batch, then one take per application, each application's stages together
    expect(calls).toEqual([['A', 'A', 'POISON', 'B'], ['A', 'A'], ['POISON'], ['B']]);
  });
});
