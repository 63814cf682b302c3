import { Clock } from '@app/common';
import { ResourceClass, SubResourceKind } from '@app/ops-contract';
import { Injectable, Logger } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { OpsNodeConfig } from '../../config/ops-node.config';
import { InventoryRepository, ResourceRecord, SubResourceRecord } from '../inventory.repository';
import { DatabaseServerRepository } from './database-server.repository';
import { DeviceSimulator } from './device-simulator';
import { HostProbe } from './host-probe';

export const DB_RESOURCE_ID = 'DB-MARIADB-01';
export const HOST_RESOURCE_ID = 'MW-NODE-01';

export function businessSystemId(index: number): string {
  return `BIZ-${String(index + 1).padStart(2, '0')}`;
}

/**
 * Automatic discovery (自动发现): what is real is read from the real thing — this platform's own apps
 * are the business systems, the MariaDB instance is the database (version via SQL), the machine is
 * the host under the Node.js runtime (middleware); network devices come from the device simulator.
 * Manual entries (source MANUAL) are never touched.
 */
@Injectable()
export class DiscoveryService {
  private readonly logger = new Logger('Discovery');

  constructor(
    private readonly server: DatabaseServerRepository,
    private readonly repo: InventoryRepository,
    private readonly config: OpsNodeConfig,
    private readonly devices: DeviceSimulator,
    private readonly host: HostProbe,
    private readonly clock: Clock,
  ) {}

  async discover(): Promise<{ resources: number; subResources: number }> {
    const now = this.clock.now();
    const resources: ResourceRecord[] = [...this.devices.resources()];
    const subs: SubResourceRecord[] = [...this.devices.subResources()];

    const v = await this.server.version();
    resources.push({
      resourceId: DB_RESOURCE_ID,
      resourceIp: await toIp(this.config.DB_HOST),
      resourceClass: ResourceClass.DATABASE,
      name: '政务数据库（业务库与前置库）',
      model: v.slice(0, 128),
      brand: /mariadb/i.test(v) ? 'MariaDB' : 'MySQL',
      managementPort: this.config.DB_PORT,
    });
    for (const s of await this.server.schemasStartingWith(this.config.DB_NAME_PREFIX)) {
      if (['information_schema', 'mysql', 'performance_schema', 'sys'].includes(s)) continue;
      subs.push({ subResourceId: `${DB_RESOURCE_ID}:${s}`.slice(0, 64), resourceId: DB_RESOURCE_ID, kind: SubResourceKind.INSTANCE, name: s, status: 'up' });
    }

    const hostIp = this.host.ip();
    resources.push({
      resourceId: HOST_RESOURCE_ID,
      resourceIp: hostIp,
      resourceClass: ResourceClass.MIDDLEWARE,
      name: 'Node.js 应用运行环境',
      model: `Node.js ${process.version}`,
      brand: 'OpenJS Foundation',
    });
    subs.push({
      subResourceId: `${HOST_RESOURCE_ID}:host`,
      resourceId: HOST_RESOURCE_ID,
      kind: SubResourceKind.HOST,
      name: this.host.hostname().slice(0, 128),
      ip: hostIp,
      status: 'up',
    });

    const systems = this.config.businessSystems();
    for (let i = 0; i < systems.length; i++) {
      const s = systems[i];
      const id = businessSystemId(i);
      const u = new URL(s.url);
      resources.push({
        resourceId: id,
        resourceIp: await toIp(u.hostname),
        resourceClass: ResourceClass.BUSINESS_SYSTEM,
        name: s.name,
        model: 'NestJS 应用',
        brand: '自建',
        url: s.url,
        managementPort: Number(u.port) || (u.protocol === 'https:' ? 443 : 80),
      });
      for (const [suffix, path, name] of [
        ['docs', '/api/docs', '接口文档'],
        ['health', '/health', '健康检查'],
      ] as const) {
        subs.push({ subResourceId: `${id}:${suffix}`, resourceId: id, kind: SubResourceKind.ENTRY_LINK, name, url: `${s.url.replace(/\/$/, '')}${path}` });
      }
    }
    await this.repo.upsertResources(resources, 'DISCOVERED', now);
    await this.repo.upsertSubResources(subs, now);
    this.logger.log({ msg: 'discovery done', resources: resources.length, subResources: subs.length });
    return { resources: resources.length, subResources: subs.length };
  }
}

async function toIp(host: string): Promise<string> {
  const h = host.replace(/^\[|\]$/g, '');
  if (isIP(h)) return h;
  return lookup(h, { family: 4 }).then(
    (r) => r.address,
    () => '127.0.0.1',
  );
}
