import { creditCode, residentIdNo } from './identity-numbers';

/** An item's form field as GET /api/v1/items answers it (docs/clerk-api.md, "Catalog"). */
export interface FormFieldView {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'phone' | 'idNo' | 'creditCode';
  required: boolean;
  maxLength?: number;
  options?: string[];
  min?: number;
  max?: number;
}

/** A filled-in application form that the item's fields accept, its texts varied by `seed`. */
export function sampleFormData(fields: readonly FormFieldView[], seed = 0, text = '测试'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f.type) {
      case 'number':
        out[f.key] = Math.min(Math.max(f.min ?? 0, 100), f.max ?? Number.MAX_SAFE_INTEGER);
        break;
      case 'date':
        out[f.key] = '2026-01-15';
        break;
      case 'select':
        out[f.key] = (f.options ?? [])[seed % Math.max((f.options ?? []).length, 1)];
        break;
      case 'phone':
        out[f.key] = '13800000000';
        break;
      case 'idNo':
        out[f.key] = residentIdNo(seed);
        break;
      case 'creditCode':
        out[f.key] = creditCode(seed + 1);
        break;
      case 'text':
      case 'textarea':
        out[f.key] = [...`${f.label}（${text} ${seed}）`].slice(0, f.maxLength ?? 100).join('');
    }
  }
  return out;
}

/** 企业设立登记 (AMR-001) filled in as a clerk would: what the suites post when they write a body by hand. */
export const AMR_001_FORM = {
  entName: '平顶山某某商贸有限公司',
  entType: '有限责任公司',
  registeredCapital: 100,
  legalRepName: '王五',
  legalRepIdNo: residentIdNo(7, '19800101'),
  businessScope: '日用百货、文具用品销售',
  domicile: '河南省平顶山市石龙区人民路1号',
  contactPhone: '0375-1234567',
};
