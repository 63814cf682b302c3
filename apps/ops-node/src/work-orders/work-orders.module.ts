import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { AlertingModule } from '../alerting';
import { NodeInfoModule } from '../node-info';
import { SystemLogModule } from '../system-log';
import { WorkOrderController } from './work-order.controller';
import { WorkOrderFiguresReader } from './work-order-figures.reader';
import { WorkOrderHistoryRepository } from './work-order-history.repository';
import { WorkOrderRepository } from './work-order.repository';
import { WorkOrderService } from './work-order.service';
import { WorkOrderSlaJob } from './work-order-sla.job';
import { UnitOfWork } from '../database/unit-of-work';

/** Work orders (工单, ITSM): raised here, from an alert, or sent down by the city; history, split, assignment, SLA clocks. */
@Module({
  imports: [NodeInfoModule, AlertingModule, SystemLogModule],
  controllers: [WorkOrderController],
  providers: [...autocommitProviders(UnitOfWork, [WorkOrderRepository, WorkOrderHistoryRepository]), WorkOrderService, WorkOrderSlaJob, WorkOrderFiguresReader],
  // the city's inbound messages store work orders (through the service's cityOrder); reporting sends them up; the assessment reads the figures
  exports: [WorkOrderRepository, WorkOrderService, WorkOrderFiguresReader],
})
export class WorkOrdersModule {}
