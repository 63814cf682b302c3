import { SecurityAccounts1796000000000 } from '@app/accounts';
import { OpsNodeV11795400000000 } from './1795400000000-OpsNodeV1';
import { OpsMonitoring1795500000000 } from './1795500000000-OpsMonitoring';
import { OpsNotifications1795600000000 } from './1795600000000-OpsNotifications';
import { OpsWorkOrdersItsm1795700000000 } from './1795700000000-OpsWorkOrdersItsm';

export const OPS_NODE_MIGRATIONS = [
  OpsNodeV11795400000000,
  OpsMonitoring1795500000000,
  OpsNotifications1795600000000,
  SecurityAccounts1796000000000,
  OpsWorkOrdersItsm1795700000000,
];
