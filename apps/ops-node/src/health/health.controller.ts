import { Public, Role, Roles } from '@app/accounts';
import { HealthControllerBase, HealthFigures, ping } from '@app/common';
import { Controller } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OpsFrontDb } from '../core/core.module';
import { DownlinkScanJob } from '../downlink';
import { SamplerService } from '../monitoring';
import { SendReportsJob } from '../reporting';
import { OpsHealthDto } from './health.dto';

const Base = HealthControllerBase({
  open: Public(),
  guard: Roles(Role.OPS_ENGINEER, Role.OPS_ADMIN, Role.SYS_ADMIN),
  summary: '运维节点库、运维前置库连通性与各任务统计（不可用时 503）',
  liveSummary: '进程存活检查',
  response: OpsHealthDto,
});

@Controller()
export class HealthController extends Base {
  constructor(
    ds: DataSource,
    private readonly front: OpsFrontDb,
    private readonly sender: SendReportsJob,
    private readonly sampler: SamplerService,
    private readonly downlink: DownlinkScanJob,
  ) {
    super(ds);
  }

  protected async figures(opsDb: string): Promise<HealthFigures> {
    const frontDb = await ping(async () => (await this.front.get()).query('SELECT 1'));
    return { ok: frontDb === 'up', figures: { opsDb, frontDb, reporting: this.sender.totals, sampling: this.sampler.totals, downlink: this.downlink.totals } };
  }
}
