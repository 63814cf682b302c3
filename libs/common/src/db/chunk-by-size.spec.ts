import { chunkBySize } from './chunk-by-size';

describe('chunkBySize', () => {
  it('groups rows under the budget and lets an oversized row go alone', () => {
    expect(chunkBySize([1, 2, 3, 4, 10, 1], (n) => n, 5)).toEqual([[1, 2], [3], [4], [10], [1]]);
    expect(chunkBySize([], (n: number) => n, 5)).toEqual([]);
    expect(chunkBySize([2, 3], (n) => n, 5)).toEqual([[2, 3]]);
  });
});
