/** The words the workbench shows for the platform's codes. */
export const STATE_TAG: Record<string, 'info' | 'primary' | 'warning' | 'success' | 'danger'> = {
  DRAFT: 'info',
  SUBMITTED: 'primary',
  DISPATCHED: 'primary',
  SUPPLEMENT_REQUIRED: 'warning',
  ACCEPTED: 'primary',
  CONCLUDED: 'success',
  EXPIRED: 'danger',
};

export const STATE_LABEL: Record<string, string> = {
  DRAFT: '受理登记中',
  SUBMITTED: '待分发',
  DISPATCHED: '已分发',
  SUPPLEMENT_REQUIRED: '待补正补齐',
  ACCEPTED: '已受理',
  CONCLUDED: '已办结',
  EXPIRED: '已过期',
};

export const APPLICANT_TYPE: Record<string, string> = { PERSON: '自然人', ORG: '法人' };
export const DELIVERY: Record<string, string> = { PICKUP: '现场领取', EXPRESS: '证照快递' };
export const RESULT: Record<string, string> = { APPROVED: '准予许可', REJECTED: '不予许可' };
export const STAGE: Record<string, string> = { SUPPLEMENT: '补正补齐', ACCEPT: '受理', CONCLUDE: '办结' };
export const PARTY: Record<string, string> = { PLATFORM: '平台', DEPARTMENT: '部门', DEPT: '部门' };
