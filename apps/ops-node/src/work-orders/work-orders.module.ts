import { autocommitProviders } from '@app/common';
import { Module } from '@nestjs/common';
import { NodeInfoModule } from '../node-info';
import { WorkOrderController } from './work-order.controller';
import { WorkOrderRepository } from './work-order.repository';
import { WorkOrderService } from './work-order.service';
import { UnitOfWork } from '../database/unit-of-work';

/** Collaborative work orders (协同工单): raised here or sent down by the city. */
@Module({
  imports: [NodeInfoModule],
  controllers: [WorkOrderController],
  providers: [...autocommitProviders(UnitOfWork, [WorkOrderRepository]), WorkOrderService],
  // the city's inbound messages store work orders; reporting sends them up
  exports: [WorkOrderRepository],
})
export class WorkOrdersModule {}
