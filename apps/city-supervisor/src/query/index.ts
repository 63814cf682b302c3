// The query feature's public surface (the monitors' read model): other features import from here only.
export { QueryModule } from './query.module';
export { MonitorQuery } from './monitor.query';
export { WorkOrdersQuery } from './dto/query.dto';
export { WorkOrderDto } from './dto/query.responses';
