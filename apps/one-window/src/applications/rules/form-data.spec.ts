import type { FormField } from '../../catalog/form-field';
import { checkFormData } from './form-data';

const FIELDS: FormField[] = [
  { key: 'entName', label: '企业名称', type: 'text', required: true, maxLength: 10 },
  { key: 'capital', label: '注册资本（万元）', type: 'number', required: true, min: 0 },
  { key: 'entType', label: '企业类型', type: 'select', required: true, options: ['有限责任公司', '个人独资企业'] },
  { key: 'scope', label: '经营范围', type: 'textarea', required: false, maxLength: 20 },
  { key: 'founded', label: '成立日期', type: 'date', required: false },
  { key: 'tel', label: '联系电话', type: 'phone', required: false },
  { key: 'legalIdNo', label: '法定代表人身份证号码', type: 'idNo', required: false },
  { key: 'creditCode', label: '统一社会信用代码', type: 'creditCode', required: false },
];
const TODAY = new Date('2026-11-22T02:00:00Z');
const check = (data: Record<string, unknown>) => checkFormData(FIELDS, data, TODAY);
const ok = { entName: '某某商贸', capital: 100, entType: '有限责任公司' };

describe('application form against the item fields', () => {
  it('accepts a complete form and trims its strings, keeping the keys', () => {
    const r = check({
      ...ok,
      entName: '  某某商贸 ',
      tel: '0375-1234567',
      founded: '2024-02-29',
      legalIdNo: '11010519491231002X',
      creditCode: '91350100M000100Y43',
    });
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual({ ...ok, tel: '0375-1234567', founded: '2024-02-29', legalIdNo: '11010519491231002X', creditCode: '91350100M000100Y43' });
  });

  it('lists every missing required field, blank ones included, then every unknown key', () => {
    const r = check({ entName: '   ', capital: null, 企业名称: 'x', extra: 1 });
    expect(r.problems).toEqual([
      { field: 'formData.entName', message: '企业名称必须填写' },
      { field: 'formData.capital', message: '注册资本（万元）必须填写' },
      { field: 'formData.entType', message: '企业类型必须填写' },
      { field: 'formData.企业名称', message: '申请表没有“企业名称”这一项' },
      { field: 'formData.extra', message: '申请表没有“extra”这一项' },
    ]);
  });

  it('refuses wrong types, lengths, options and formats, one problem per field', () => {
    const r = check({
      entName: '一二三四五六七八九十一', // 11 characters
      capital: '100',
      entType: '股份公司',
      scope: 42,
      founded: '2023-02-29',
      tel: '12345',
      legalIdNo: '410404199001011234',
      creditCode: 'AAAAAAAAAAAAAAAAAA',
    });
    expect(r.problems.map((p) => p.message)).toEqual([
      '企业名称长度不能超过 10 个字符',
      '注册资本（万元）应为数值',
      '企业类型取值应为 有限责任公司、个人独资企业 之一',
      '经营范围应为文字',
      '成立日期应为有效日期，格式 YYYY-MM-DD',
      '联系电话不是有效的电话号码（11 位手机号或带区号的固定电话）',
      '法定代表人身份证号码：身份证号码校验位不正确',
      expect.stringMatching(/^统一社会信用代码：统一社会信用代码/),
    ]);
  });

  it('counts characters, not UTF-16 units, and checks number bounds', () => {
    expect(check({ ...ok, entName: '𠀀'.repeat(10) }).problems).toEqual([]);
    expect(check({ ...ok, capital: -1 }).problems).toEqual([{ field: 'formData.capital', message: '注册资本（万元）不能小于 0' }]);
    expect(check({ ...ok, capital: Number.NaN }).problems).toEqual([{ field: 'formData.capital', message: '注册资本（万元）应为数值' }]);
  });

  it('an optional field may be absent or blank; a mobile number is a phone too', () => {
    expect(check({ ...ok, scope: '', tel: '13800000000' }).problems).toEqual([]);
    expect(check({ ...ok, founded: '2026-1-1' }).problems).toEqual([{ field: 'formData.founded', message: '成立日期应为有效日期，格式 YYYY-MM-DD' }]);
  });

  it('an item without fields takes only an empty form', () => {
    expect(checkFormData([], {}, TODAY).problems).toEqual([]);
    expect(checkFormData([], { a: 1 }, TODAY).problems).toEqual([{ field: 'formData.a', message: '申请表没有“a”这一项' }]);
  });

  it('does not read inherited keys such as __proto__ or toString as fields', () => {
    const fields: FormField[] = [{ key: 'toString', label: '说明', type: 'text', required: true }];
    expect(checkFormData(fields, {}, TODAY).problems).toEqual([{ field: 'formData.toString', message: '说明必须填写' }]);
  });
});
