import { Public, Role, Roles } from '@app/accounts';
import { HealthControllerBase, HealthFigures, pingDb } from '@app/common';
import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { NodeRegistry } from '../core/node-registry';
import { FrontDbPools } from '../downlink';
import { WorkOrderOutboxRepository } from '../work-orders';
import { CityHealthDto } from './health.dto';

/**
 * 503 only when the city's own DB is down: a district's front DB belongs to the district, and
 * reports keep flowing without it; it is shown here for the operator.
 */
const Base = HealthControllerBase({
  open: Public(),
  guard: applyDecorators(Roles(Role.CITY_MONITOR, Role.SYS_ADMIN), ApiBearerAuth()),
  notUp: 'down',
  summary: '市级库连通性（不可用时 503）、各节点运维前置库连通性、待送达工单数',
  response: CityHealthDto,
});

@Controller()
export class HealthController extends Base {
  constructor(
    private readonly ds: DataSource,
    private readonly registry: NodeRegistry,
    private readonly pools: FrontDbPools,
  ) {
    super(ds);
  }

  protected async figures(cityDb: string): Promise<HealthFigures> {
    const frontDbs: Record<string, string> = {};
    for (const n of this.registry.nodes) frontDbs[n.nodeCode] = await pingDb(this.pools.pool(n.nodeCode));
    // the outbox's owner counts it; an unreadable count leaves the figure empty, the DB state says why
    const workOrderOutbox = cityDb === 'up' ? await new WorkOrderOutboxRepository(this.ds.manager).countByState().catch(() => ({})) : {};
    return { figures: { cityDb, frontDbs, workOrderOutbox } };
  }
}
