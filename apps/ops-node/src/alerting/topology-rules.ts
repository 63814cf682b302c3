import { ReturnCode } from '@app/common';

export interface ParentRefusal {
  code: ReturnCode;
  field: 'resourceId' | 'parentResourceId';
  message: string;
}

/**
 * Whether `resourceId` may sit behind `parentResourceId`: both in the inventory (2001), not itself, and
 * no cycle — the parent's own chain of parents must not reach the resource (1003). Pure.
 */
export function parentRefusal(
  resourceId: string,
  parentResourceId: string,
  parents: ReadonlyMap<string, string>,
  known: ReadonlySet<string>,
): ParentRefusal | null {
  if (!known.has(resourceId)) return { code: ReturnCode.NOT_FOUND, field: 'resourceId', message: `资源 ${resourceId} 不存在（不在资源信息中）` };
  if (!known.has(parentResourceId))
    return { code: ReturnCode.NOT_FOUND, field: 'parentResourceId', message: `上游设备 ${parentResourceId} 不存在（不在资源信息中）` };
  if (resourceId === parentResourceId) return { code: ReturnCode.BAD_PARAMETER, field: 'parentResourceId', message: '资源不能位于自身之后' };
  const chain = [resourceId, parentResourceId];
  const seen = new Set(chain);
  for (let at = parents.get(parentResourceId); at !== undefined; at = parents.get(at)) {
    chain.push(at);
    if (at === resourceId) return { code: ReturnCode.BAD_PARAMETER, field: 'parentResourceId', message: `上下游关系不能成环：${chain.join(' → ')}` };
    if (seen.has(at)) break; // an older cycle elsewhere: not this resource's
    seen.add(at);
  }
  return null;
}
