// The inventory feature's public surface: other features import from here only.
export { InventoryModule } from './inventory.module';
export { clean, InventoryRepository } from './inventory.repository';
export type { ResourceRecord, SubResourceRecord } from './inventory.repository';
export { DEVICE_FAULT_KINDS, DeviceSimulator } from './discovery/device-simulator';
export type { DeviceFaultKind, MetricSample } from './discovery/device-simulator';
export { DB_RESOURCE_ID, DiscoveryService, HOST_RESOURCE_ID } from './discovery/discovery.service';
export { HostProbe } from './discovery/host-probe';
export { DatabaseServerRepository } from './discovery/database-server.repository';
