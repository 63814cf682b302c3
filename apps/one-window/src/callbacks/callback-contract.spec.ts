import { ReturnCode } from '@app/common';
import { Stage } from '@app/exchange-contract';
import { createHash } from 'node:crypto';
import { checkCallbackContract } from './callback-contract';

const file = (fileName: string, text: string, digestOf = text) => ({
  fileName,
  content: Buffer.from(text),
  sm3: createHash('sm3').update(digestOf).digest('hex'),
});

describe('checkCallbackContract', () => {
  it('accepts 办结 APPROVED / REJECTED with matching files (digest in either case)', () => {
    expect(checkCallbackContract({ stage: Stage.CONCLUDE, outcome: 'APPROVED', detail: {} }, [file('a.pdf', 'x')])).toEqual({ ok: true });
    const upper = { ...file('b.pdf', 'y'), sm3: file('b.pdf', 'y').sm3.toUpperCase() };
    expect(checkCallbackContract({ stage: Stage.CONCLUDE, outcome: 'REJECTED', detail: {} }, [upper])).toEqual({ ok: true });
    expect(checkCallbackContract({ stage: Stage.ACCEPT, outcome: null, detail: { deptCaseNo: 'AMR-1' } }, [])).toEqual({ ok: true });
  });

  it.each([
    [null, 'NULL'],
    ['rejected', '"rejected"'],
    ['MAYBE', '"MAYBE"'],
    ['APPROVED ', '"APPROVED "'],
    ['', '""'],
  ])('refuses 办结 with outcome %p (2008, naming the value)', (outcome, shown) => {
    const v = checkCallbackContract({ stage: Stage.CONCLUDE, outcome, detail: {} }, []);
    expect(v).toEqual({ ok: false, code: ReturnCode.CALLBACK_INVALID, note: expect.stringContaining(shown) as string });
  });

  it('refuses a detail the reader found not to be a JSON object, before anything else', () => {
    const v = checkCallbackContract(
      { stage: Stage.CONCLUDE, outcome: 'MAYBE', detail: {}, detailProblem: 'detail 须为 JSON 对象，实际为 字符串 (string)' },
      [],
    );
    expect(v).toEqual({ ok: false, code: ReturnCode.CALLBACK_INVALID, note: 'detail 须为 JSON 对象，实际为 字符串 (string)' });
  });

  it('refuses a 补正补齐 whose materials are not a list of { code, reason? }', () => {
    expect(checkCallbackContract({ stage: Stage.SUPPLEMENT, outcome: null, detail: { materials: [{ code: 'ID_CARD', reason: '不清晰' }] } }, []).ok).toBe(true);
    expect(checkCallbackContract({ stage: Stage.SUPPLEMENT, outcome: null, detail: {} }, []).ok).toBe(true);
    for (const materials of ['ID_CARD', [{ reason: '不清晰' }], [null], [{ code: 1 }], [{ code: 'A', reason: 2 }]]) {
      expect(checkCallbackContract({ stage: Stage.SUPPLEMENT, outcome: null, detail: { materials } }, [])).toMatchObject({
        ok: false,
        code: ReturnCode.CALLBACK_INVALID,
      });
    }
  });

  it('refuses files that do not match their digest with 2009, naming every such file', () => {
    const v = checkCallbackContract({ stage: Stage.CONCLUDE, outcome: 'APPROVED', detail: {} }, [
      file('准予许可决定书.pdf', 'tampered', 'original'),
      file('ok.pdf', 'fine'),
      file('清单.pdf', 'b', 'c'),
    ]);
    expect(v).toEqual({ ok: false, code: ReturnCode.RESULT_FILE_DIGEST_MISMATCH, note: 'SM3 摘要不一致的文件：准予许可决定书.pdf、清单.pdf' });
  });
});
