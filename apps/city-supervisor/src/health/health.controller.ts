import { Public, Role, Roles } from '@app/accounts';
import { HealthControllerBase, HealthFigures, pingDb } from '@app/common';
import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { NodeRegistry } from '../core/node-registry';
import { FrontDbPools } from '../downlink';
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
    const outbox =
      cityDb === 'up'
        ? ((await this.ds.query('SELECT state, COUNT(*) AS n FROM city_work_order_outbox GROUP BY state').catch(() => [])) as { state: string; n: string }[])
        : [];
    return { figures: { cityDb, frontDbs, workOrderOutbox: Object.fromEntries(outbox.map((o) => [o.state, Number(o.n)])) } };
  }
}
