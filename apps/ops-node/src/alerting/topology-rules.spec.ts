import { ReturnCode } from '@app/common';
import { parentRefusal } from './topology-rules';

describe('parentRefusal', () => {
  const known = new Set(['CORE', 'ACC', 'HOST', 'APP']);
  const parents = new Map([
    ['ACC', 'CORE'],
    ['HOST', 'ACC'],
  ]);

  it('admits a resource behind a known device with no cycle', () => {
    expect(parentRefusal('APP', 'HOST', parents, known)).toBeNull();
    expect(parentRefusal('HOST', 'CORE', parents, known)).toBeNull(); // moving it up the chain
  });

  it('refuses unknown ids with 2001, naming the field', () => {
    expect(parentRefusal('NOPE', 'CORE', parents, known)).toEqual(expect.objectContaining({ code: ReturnCode.NOT_FOUND, field: 'resourceId' }));
    expect(parentRefusal('APP', 'NOPE', parents, known)).toEqual(expect.objectContaining({ code: ReturnCode.NOT_FOUND, field: 'parentResourceId' }));
  });

  it('refuses itself and a cycle with 1003, showing the loop', () => {
    expect(parentRefusal('CORE', 'CORE', parents, known)?.code).toBe(ReturnCode.BAD_PARAMETER);
    expect(parentRefusal('CORE', 'HOST', parents, known)).toEqual({
      code: ReturnCode.BAD_PARAMETER,
      field: 'parentResourceId',
      message: '上下游关系不能成环：CORE → HOST → ACC → CORE',
    });
  });
});
