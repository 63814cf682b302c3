// The downlink feature's public surface: other features import from here only.
export { DownlinkModule } from './downlink.module';
export { DownlinkScanJob } from './downlink-scan.job';
