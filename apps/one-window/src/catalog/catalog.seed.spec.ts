import { personalKindOf } from '@app/common';
import { checkFormData } from '../applications/rules/form-data';
import { SEED_ITEMS } from './catalog.seed';
import { FORM_FIELD_TYPES } from './form-field';

describe('the seeded catalog’s application forms', () => {
  it('gives every item a form of well-formed fields', () => {
    expect(SEED_ITEMS).toHaveLength(15);
    for (const item of SEED_ITEMS) {
      const where = item.code;
      expect([where, item.formFields.length >= 3]).toEqual([where, true]);
      expect([where, item.formFields.some((f) => f.required)]).toEqual([where, true]);
      const keys = item.formFields.map((f) => f.key);
      expect([where, new Set(keys).size]).toEqual([where, keys.length]);
      for (const f of item.formFields) {
        const at = `${item.code}.${f.key}`;
        expect([at, /^[a-z][A-Za-z0-9]{1,31}$/.test(f.key)]).toEqual([at, true]);
        expect([at, /^[\u3400-\u9fff]/.test(f.label)]).toEqual([at, true]);
        expect([at, (FORM_FIELD_TYPES as readonly string[]).includes(f.type)]).toEqual([at, true]);
        if (f.type === 'select') expect([at, (f.options ?? []).length >= 2]).toEqual([at, true]);
        else expect([at, f.options]).toEqual([at, undefined]);
        if (f.type === 'text' || f.type === 'textarea') expect([at, (f.maxLength ?? 0) > 0]).toEqual([at, true]);
        if (f.min !== undefined && f.max !== undefined) expect([at, f.min <= f.max]).toEqual([at, true]);
      }
    }
  });

  it('refuses an empty form of every item, naming each required field', () => {
    for (const item of SEED_ITEMS) {
      const { problems } = checkFormData(item.formFields, {}, new Date());
      expect(problems.map((p) => p.message)).toEqual(item.formFields.filter((f) => f.required).map((f) => `${f.label}必须填写`));
    }
  });
});

describe('the personal data of the seeded forms', () => {
  it('is recognised by the audit rule set (privacy/personal-fields) by its field key', () => {
    // the type or the label says a field holds a person's data; the rule set judges by key, so it must know every such key
    const personalLabel = /身份证|证件号码|电话|手机|地址|住所|居住地|房屋坐落|姓名|联系人|管理人员|收款账号|收入|婚姻/;
    const missed: string[] = [];
    let personal = 0;
    for (const item of SEED_ITEMS)
      for (const f of item.formFields) {
        if (!(['idNo', 'creditCode', 'phone'].includes(f.type) || personalLabel.test(f.label))) continue;
        personal++;
        if (personalKindOf(f.key) === null) missed.push(`${item.code}.${f.key} (${f.label})`);
      }
    expect(missed).toEqual([]);
    expect(personal).toBeGreaterThan(20);
  });
});
