import { maskIdNo, maskPhone } from './mask';

describe('masking personal data', () => {
  it('keeps only the ends of ID and phone numbers', () => {
    expect(maskIdNo('410404199001011234')).toBe('4104**********1234');
    expect(maskIdNo('91410400MA44XXXX1Q')).toBe('9141**********XX1Q');
    expect(maskPhone('13800000000')).toBe('138****0000');
    expect(maskPhone('0375-1234567')).toBe('037*****4567');
    expect(maskIdNo('')).toBe('');
    expect(maskPhone(null)).toBeNull();
    expect(maskIdNo('1234')).toBe('1**4');
  });
});
