// The work-orders feature's public surface: other features import from here only.
export { WorkOrdersModule } from './work-orders.module';
export { WorkOrderRepository } from './work-order.repository';
export type { WorkOrderRow } from './work-order.repository';
export { WorkOrderService } from './work-order.service';
export { WorkOrderEvent, WorkOrderState, workOrderMachine, wireStatusOf } from './work-order-state-machine';
export { WorkOrderFiguresReader } from './work-order-figures.reader';
export type { WorkOrderFigures } from './work-order-figures.reader';
