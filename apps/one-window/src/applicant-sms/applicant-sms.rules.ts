/**
 * The pure rules of the SMS to applicants (docs/applicant-sms.md): the events, the states and their
 * labels, the templates, the retry schedule and how segment reports decide a message's outcome.
 */

/** What an SMS is about: 补正补齐 required, or 办结 */
export enum SmsEvent {
  SUPPLEMENT = 'SUPPLEMENT',
  CONCLUDED = 'CONCLUDED',
}

export enum SmsState {
  /** waiting for the worker (also between retries while the gateway cannot be reached) */
  QUEUED = 'QUEUED',
  /** recorded before the CMPP submit: a crash from here on may or may not have sent it */
  SENDING = 'SENDING',
  /** the gateway answered every segment (Msg_Ids recorded); the status report is awaited */
  SUBMITTED = 'SUBMITTED',
  DELIVERED = 'DELIVERED',
  /** refused by the gateway, undeliverable per its report, or the gateway unreachable for every attempt */
  FAILED = 'FAILED',
  /** the sender died or lost the answer after the submit: perhaps sent; never resent automatically */
  UNKNOWN = 'UNKNOWN',
}

export const SMS_EVENT_LABEL: Record<SmsEvent, string> = { [SmsEvent.SUPPLEMENT]: '补正补齐通知', [SmsEvent.CONCLUDED]: '办结通知' };

export const SMS_STATE_LABEL: Record<SmsState, string> = {
  [SmsState.QUEUED]: '待发送',
  [SmsState.SENDING]: '发送中',
  [SmsState.SUBMITTED]: '已发送短信通知',
  [SmsState.DELIVERED]: '短信已送达',
  [SmsState.FAILED]: '短信发送失败',
  [SmsState.UNKNOWN]: '状态未知',
};

/** The signature every text starts with (【…】 is how handsets show the sender). */
export const SMS_SIGNATURE = '【政务服务中心】';

export interface SupplementSmsFacts {
  applyNo: string;
  itemName: string;
  /** the names of the materials the department flagged (codes where the catalogue has no name) */
  materials: string[];
}

export interface ConcludedSmsFacts {
  applyNo: string;
  itemName: string;
  result: 'APPROVED' | 'REJECTED';
  deliveryMethod: 'PICKUP' | 'EXPRESS';
  /** where the result is picked up (事项目录 办理地点) */
  handlingLocation: string;
}

/** Longest text: 10 CMPP segments of 67 UCS-2 characters. */
export const SMS_MAX_CHARS = 670;

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length <= SMS_MAX_CHARS ? text : `${chars.slice(0, SMS_MAX_CHARS - 1).join('')}…`;
}

/** 补正补齐: the number, the item, the flagged materials and what to do. */
export function supplementText(f: SupplementSmsFacts): string {
  const list = f.materials.length > 0 ? `：${f.materials.join('、')}` : '';
  return clip(
    `${SMS_SIGNATURE}您申报的“${f.itemName}”（申报号 ${f.applyNo}）需要补正补齐材料${list}。请携带上述材料原件到窗口或通过网上办事大厅上传后重新提交，逾期未补正的将影响办理时限。`,
  );
}

/** 办结: the number, the item, the result and how it reaches the applicant. */
export function concludedText(f: ConcludedSmsFacts): string {
  const result = f.result === 'APPROVED' ? '已办结，审批结果：准予许可' : '已办结，审批结果：不予许可，具体理由见办结告知书';
  const how =
    f.deliveryMethod === 'EXPRESS'
      ? '办理结果将以证照快递方式寄送至您登记的地址，寄出后另行告知运单号。'
      : `请携带本人身份证件到${f.handlingLocation || '政务服务中心综合窗口'}领取办理结果。`;
  return clip(`${SMS_SIGNATURE}您申报的“${f.itemName}”（申报号 ${f.applyNo}）${result}。${how}`);
}

/** The delay before attempt n+1 while the gateway cannot be reached: base·2^(n−1), capped. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(30, attempts - 1)));
}

/**
 * The outcome a message's segment reports give: FAILED at the first Stat other than DELIVRD,
 * DELIVERED once every segment is DELIVRD, otherwise still SUBMITTED (reports pending).
 */
export function outcomeOfReports(segments: number, stats: (string | null)[]): { state: SmsState; stat: string | null } {
  const bad = stats.find((s) => s !== null && s !== 'DELIVRD');
  if (bad) return { state: SmsState.FAILED, stat: bad };
  const delivered = stats.filter((s) => s === 'DELIVRD').length;
  return delivered >= segments && segments > 0 ? { state: SmsState.DELIVERED, stat: 'DELIVRD' } : { state: SmsState.SUBMITTED, stat: null };
}
