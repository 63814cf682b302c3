// The downlink feature's public surface (the simulated upstream node): other features import from here only.
export { DownlinkModule } from './downlink.module';
export { FrontDbPools } from './front-db-pools';
export { ensureDownlinkFrontDb } from './downlink-front-db.migration';
