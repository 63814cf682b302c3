import { Module } from '@nestjs/common';
import { QueryModule } from '../query';
import { DeliverWorkOrdersUseCase } from './deliver-work-orders.use-case';
import { IssueWorkOrderUseCase } from './issue-work-order.use-case';
import { NodeMessenger } from './node-messenger';
import { WorkOrderSenderWorker } from './work-order-sender.worker';
import { WorkOrderSignal } from './work-order-signal';
import { WorkOrdersController } from './work-orders.controller';

@Module({
  imports: [QueryModule],
  controllers: [WorkOrdersController],
  providers: [IssueWorkOrderUseCase, DeliverWorkOrdersUseCase, NodeMessenger, WorkOrderSignal, WorkOrderSenderWorker],
})
export class WorkOrdersModule {}
