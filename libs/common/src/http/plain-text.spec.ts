import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { forbiddenCharIn, forbiddenCharInValue, PlainText } from './plain-text';

class NameDto {
  @PlainText() @IsString() name: string;
  @PlainText({ multiline: true }) @IsString() note: string;
}

describe('PlainText: no control or bidi characters in text inputs', () => {
  it('finds NUL, C0/C1 controls, DEL, bidi controls and lone surrogates', () => {
    for (const [s, cp] of [
      ['a\u0000b', 'U+0000'],
      ['\u001b[31m', 'U+001B'],
      ['x\u007f', 'U+007F'],
      ['x\u0085', 'U+0085'],
      ['x\u009b', 'U+009B'],
      ['invoice\u202Efdp.exe', 'U+202E'],
      ['\u202A', 'U+202A'],
      ['\u2066x\u2069', 'U+2066'],
      ['\u200F', 'U+200F'],
      ['\u200E', 'U+200E'],
      ['\u061C', 'U+061C'],
      ['\uD800', 'U+D800'],
      ['a\uDC00', 'U+DC00'],
    ] as const)
      expect([s, forbiddenCharIn(s)]).toEqual([s, cp]);
  });

  it('allows tab and line breaks only in multi-line text', () => {
    for (const s of ['a\tb', 'a\nb', 'a\r\nb', 'a\u2028b']) {
      expect(forbiddenCharIn(s)).toBeDefined();
      expect(forbiddenCharIn(s, { multiline: true })).toBeUndefined();
    }
    expect(forbiddenCharIn('a\u0000b', { multiline: true })).toBe('U+0000');
    expect(forbiddenCharIn('a\u202Eb', { multiline: true })).toBe('U+202E');
  });

  it('leaves ordinary text alone: Chinese, emoji (surrogate pairs), punctuation, other scripts', () => {
    for (const s of ['石龙区政务服务和大数据管理局', '核心交换机 GE1/0/1（上联）', '👍🏽 ok', 'Ünïcødé – “quotes” …', 'עברית', 'العربية', ''])
      expect([s, forbiddenCharIn(s)]).toEqual([s, undefined]);
  });

  it('looks into objects and arrays (keys single-line), bounded in depth', () => {
    expect(forbiddenCharInValue({ 企业名称: '某某公司', 备注: '第一行\n第二行' }, { multiline: true })).toBeUndefined();
    expect(forbiddenCharInValue({ 企业名称: '某某\u202E公司' }, { multiline: true })).toBe('U+202E');
    expect(forbiddenCharInValue({ 'a\nb': 'x' }, { multiline: true })).toBe('U+000A');
    expect(forbiddenCharInValue([['x', ['\u0000']]])).toBe('U+0000');
    expect(forbiddenCharInValue(42)).toBeUndefined();
  });

  it('as a class-validator decorator', () => {
    const errors = (o: object) => validateSync(plainToInstance(NameDto, o)).map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`);
    expect(errors({ name: '张三', note: '一\n二' })).toEqual([]);
    expect(errors({ name: '张\u0000三', note: 'ok' })).toEqual(['name:isPlainText']);
    expect(errors({ name: 'a\nb', note: 'a\u202Eb' })).toEqual(['name:isPlainText', 'note:isPlainText']);
    expect(errors({ name: 5, note: 'x' })).toEqual(['name:isString']);
  });
});
