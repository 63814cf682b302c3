import { AppError, ReturnCode } from '@app/common';
import { assertFlaggedReplaced, flaggedMaterials, notToCarryOver, reasonText, supplementView, unreplacedMaterials } from './supplement-replacement';

const catalogue = [
  { code: 'ID_CARD', name: '身份证' },
  { code: 'APPLY_FORM', name: '申请书' },
  { code: 'LICENSE', name: '营业执照' },
];
const request = (materials: { code: string; reason: string }[]) => ({
  opinion: '材料需补正',
  materials,
  handledBy: 'AMR-审批员01',
  handledAt: '2026-11-22T08:00:00.000Z',
});

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
};

describe('补正补齐: flagged materials must be replaced', () => {
  it('lists each flagged code once, named from the catalogue, with every distinct reason', () => {
    const f = flaggedMaterials(
      request([
        { code: 'ID_CARD', reason: '照片模糊' },
        { code: 'APPLY_FORM', reason: '未签字' },
        { code: 'ID_CARD', reason: '已过有效期' },
        { code: 'ID_CARD', reason: '照片模糊' },
        { code: 'NOT_OF_ITEM', reason: '？' },
      ]),
      catalogue,
    );
    expect(f).toEqual([
      { code: 'ID_CARD', name: '身份证', reasons: ['照片模糊', '已过有效期'] },
      { code: 'APPLY_FORM', name: '申请书', reasons: ['未签字'] },
      { code: 'NOT_OF_ITEM', name: null, reasons: ['？'] },
    ]);
    expect(reasonText(f[0])).toBe('照片模糊（另有 1 条意见）');
    expect(reasonText(f[1])).toBe('未签字');
    expect(notToCarryOver(f)).toEqual(['ID_CARD', 'APPLY_FORM', 'NOT_OF_ITEM']);
    expect(flaggedMaterials(null, catalogue)).toEqual([]);
  });

  it('refuses while a flagged material of the item was not uploaded again, naming it and the reason', () => {
    const f = flaggedMaterials(
      request([
        { code: 'ID_CARD', reason: '照片模糊' },
        { code: 'APPLY_FORM', reason: '未签字' },
      ]),
      catalogue,
    );
    const err = refusal(() => assertFlaggedReplaced(f, new Set(['APPLY_FORM', 'LICENSE']), 1));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe(ReturnCode.MATERIALS_INCOMPLETE);
    expect(err.message).toBe('办理材料不齐全：部门要求补正的材料尚未重新上传：身份证（照片模糊）。请上传补正后的材料再提交');
    expect(err.fields).toEqual({ missing: ['ID_CARD'], flagged: [{ code: 'ID_CARD', name: '身份证', reason: '照片模糊' }], supplementOfVersion: 1 });
    const both = refusal(() => assertFlaggedReplaced(f, new Set(), 1));
    expect(both.fields?.missing).toEqual(['ID_CARD', 'APPLY_FORM']);
    expect(both.message).toContain('身份证（照片模糊）；申请书（未签字）');
  });

  it('lets the version go once every flagged material of the item is uploaded; an unknown code cannot block it', () => {
    const f = flaggedMaterials(
      request([
        { code: 'ID_CARD', reason: '照片模糊' },
        { code: 'NOT_OF_ITEM', reason: '？' },
      ]),
      catalogue,
    );
    expect(() => assertFlaggedReplaced(f, new Set(['ID_CARD']), 1)).not.toThrow();
    expect(unreplacedMaterials(f, new Set(['ID_CARD']))).toEqual([]);
    expect(() => assertFlaggedReplaced([], new Set(), 1)).not.toThrow();
  });

  it('shows the latest request with what the next version already replaced (carried files do not count)', () => {
    const versions = [
      { version: 1, submittedAt: new Date(), supplementRequest: request([{ code: 'ID_CARD', reason: '照片模糊' }]) },
      {
        version: 2,
        submittedAt: new Date(),
        supplementRequest: request([
          { code: 'ID_CARD', reason: '仍不清晰' },
          { code: 'APPLY_FORM', reason: '未签字' },
        ]),
      },
      { version: 3, submittedAt: null, supplementRequest: null },
    ];
    const materials = [
      { version: 2, materialCode: 'ID_CARD', carriedFromVersion: null },
      { version: 3, materialCode: 'ID_CARD', carriedFromVersion: null },
      { version: 3, materialCode: 'APPLY_FORM', carriedFromVersion: 1 },
    ];
    expect(supplementView(versions, materials, catalogue)).toEqual({
      version: 2,
      answerVersion: 3,
      answered: false,
      opinion: '材料需补正',
      handledBy: 'AMR-审批员01',
      handledAt: '2026-11-22T08:00:00.000Z',
      materials: [
        { code: 'ID_CARD', name: '身份证', reason: '仍不清晰', reasons: ['仍不清晰'], replaced: true },
        { code: 'APPLY_FORM', name: '申请书', reason: '未签字', reasons: ['未签字'], replaced: false },
      ],
    });
    const waiting = supplementView(versions.slice(0, 2), materials, catalogue)!;
    expect([waiting.answerVersion, waiting.answered, waiting.materials.map((m) => m.replaced)]).toEqual([null, false, [false, false]]);
    expect(supplementView([{ version: 1, submittedAt: null, supplementRequest: null }], [], catalogue)).toBeNull();
  });
});
