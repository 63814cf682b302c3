// The work-orders feature's public surface (orders the city issues down): other features import from here only.
export { WorkOrdersModule } from './work-orders.module';
export { WorkOrderOutboxRepository } from './work-order-outbox.repository';
