import { acceptsEncoding } from './console-static';

describe('acceptsEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br', true],
    ['gzip, deflate, br, zstd', 'gzip', true],
    ['gzip;q=1.0, br;q=0', 'br', false],
    ['gzip;q=1.0, br;q=0.000', 'br', false],
    ['br;q=0.5', 'br', true],
    ['deflate', 'br', false],
    ['*', 'gzip', true],
    ['*;q=0', 'gzip', false],
    ['', 'br', false],
    [undefined, 'br', false],
    ['BR', 'br', true],
    ['brotli', 'br', false],
  ])('%p admits %p: %p', (header, encoding, expected) => {
    expect(acceptsEncoding(header, encoding)).toBe(expected);
  });
});
