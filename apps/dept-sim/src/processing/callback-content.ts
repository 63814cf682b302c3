import { CallbackStage, ConcludeOutcome, Stage } from '@app/exchange-contract';
import { AcceptanceRecord, CallbackFile, CallbackRecord } from '@app/front-db';
import { createHash } from 'node:crypto';

function textFile(fileName: string, text: string): CallbackFile {
  const content = Buffer.from(text, 'utf8');
  return { fileName, mimeType: 'text/plain; charset=utf-8', sizeBytes: content.length, sm3: createHash('sm3').update(content).digest('hex'), content };
}

/**
 * How the department will hand the result over, from the acceptance (front-DB contract version 2):
 * for EXPRESS the address its mail room prints on the waybill. Nothing from a version-1 front DB.
 */
export function deliveryDetail(acc: AcceptanceRecord): Record<string, unknown> {
  if (!acc.deliveryMethod) return {};
  if (acc.deliveryMethod === 'PICKUP') return { delivery: { method: 'PICKUP', note: '请申请人到综合窗口领取' } };
  const a = acc.deliveryAddress;
  return {
    delivery: {
      method: 'EXPRESS',
      waybillReady: Boolean(a),
      // the phone number stays in the department: the detail is shown to every clerk who reads the application
      ...(a ? { recipient: a.recipient, address: a.address, postcode: a.postcode } : { note: '受理数据缺少快递地址' }),
    },
  };
}

/** What a department writes for each stage: plausible opinions, details and result files. */
export function buildCallback(
  acc: AcceptanceRecord,
  stage: CallbackStage,
  outcome: ConcludeOutcome | null,
  approver: string,
  correlationId: string,
): { record: CallbackRecord; files: CallbackFile[] } {
  const base = { applyNo: acc.applyNo, version: acc.version, stage, outcome, handledBy: approver, handledAt: new Date(), correlationId };
  const serial = acc.applyNo.slice(-6);
  switch (stage) {
    case Stage.SUPPLEMENT: {
      const m = acc.materials[0];
      const materials = m ? [{ code: m.materialCode, reason: `${m.materialName}扫描件不清晰，请重新提供` }] : [];
      return {
        record: { ...base, opinion: `材料需补正：${materials.map((x) => x.reason).join('；') || '请补充申请材料'}`, detail: { materials } },
        files: [
          textFile(
            '补正材料通知书.txt',
            `申报号 ${acc.applyNo}（第${acc.version}版）\n事项：${acc.itemName}\n需补正：\n${materials.map((x) => `- ${x.reason}`).join('\n')}\n经办人：${approver}\n`,
          ),
        ],
      };
    }
    case Stage.ACCEPT:
      return { record: { ...base, opinion: '材料齐全，符合法定形式，予以受理', detail: { deptCaseNo: `${acc.deptCode}-${serial}` } }, files: [] };
    case Stage.CONCLUDE: {
      if (outcome === ConcludeOutcome.REJECTED) {
        return {
          record: { ...base, opinion: '经审查不符合法定条件，不予许可', detail: { deptCaseNo: `${acc.deptCode}-${serial}`, ...deliveryDetail(acc) } },
          files: [textFile('不予许可决定书.txt', `申报号 ${acc.applyNo}\n申请人：${acc.applicantName}\n事项：${acc.itemName}\n决定：不予许可\n`)],
        };
      }
      const certificateNo = `${acc.deptCode}${new Date().getFullYear()}${serial}`;
      return {
        record: {
          ...base,
          opinion: '经审查符合法定条件，准予许可',
          detail: { deptCaseNo: `${acc.deptCode}-${serial}`, certificateNo, ...deliveryDetail(acc) },
        },
        files: [
          textFile('办结结果.txt', `申报号 ${acc.applyNo}\n申请人：${acc.applicantName}\n事项：${acc.itemName}\n结果：准予许可\n证照编号：${certificateNo}\n`),
        ],
      };
    }
  }
}

/**
 * A material whose bytes do not match its SM3 digest cannot be examined: the department asks for
 * it again with a 补正补齐 callback naming every such material (instead of leaving the case silent).
 */
export function buildIntegritySupplement(acc: AcceptanceRecord, approver: string, correlationId: string): { record: CallbackRecord; files: CallbackFile[] } {
  const bad = acc.materials.filter((m) => createHash('sm3').update(m.content).digest('hex') !== m.sm3);
  const materials = bad.map((m) => ({ code: m.materialCode, reason: `${m.materialName}完整性校验失败（SM3 摘要不一致），请重新上传` }));
  return {
    record: {
      applyNo: acc.applyNo,
      version: acc.version,
      stage: Stage.SUPPLEMENT,
      outcome: null,
      handledBy: approver,
      handledAt: new Date(),
      correlationId,
      opinion: `材料需补正：${materials.map((x) => x.reason).join('；')}`,
      detail: { materials, integrityFailure: true },
    },
    files: [
      textFile(
        '补正材料通知书.txt',
        `申报号 ${acc.applyNo}（第${acc.version}版）\n事项：${acc.itemName}\n以下材料在前置库中校验未通过，请重新上传：\n${materials.map((x) => `- ${x.reason}`).join('\n')}\n经办人：${approver}\n`,
      ),
    ],
  };
}
