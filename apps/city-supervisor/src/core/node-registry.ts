import { AppError } from '@app/common';
import { CityNode } from '../config/city-nodes';

/** The registered district nodes, looked up by code. */
export class NodeRegistry {
  private readonly byCode: ReadonlyMap<string, CityNode>;

  constructor(readonly nodes: readonly CityNode[]) {
    this.byCode = new Map(nodes.map((n) => [n.nodeCode, n]));
  }

  find(nodeCode: string): CityNode | undefined {
    return this.byCode.get(nodeCode);
  }

  /** For REST inputs: an unknown node is a 2001 (not found), not an authentication failure. */
  get(nodeCode: string): CityNode {
    const n = this.byCode.get(nodeCode);
    if (!n) throw AppError.notFound(`运维节点 ${nodeCode} 未注册`);
    return n;
  }
}
