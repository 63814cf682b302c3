// The node-info feature's public surface: other features import from here only.
export { NodeInfoModule } from './node-info.module';
export { NodeInfoService } from './node-info.service';
export type { NodeInfo } from './node-info.service';
