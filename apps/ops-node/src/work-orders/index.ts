// The work-orders feature's public surface: other features import from here only.
export { WorkOrdersModule } from './work-orders.module';
export { WorkOrderRepository } from './work-order.repository';
export type { WorkOrderRow } from './work-order.repository';
export { WorkOrderEvent, workOrderMachine } from './work-order-state-machine';
