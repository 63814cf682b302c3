import { CallbackNotice, ItemResult } from '@app/exchange-contract';
import { SimDepartment } from '../core/sim-departments';

/** Adapter: tells the platform that callback records wait in the front DB (SOAP or HTTP per department). */
export abstract class PlatformNotifier {
  abstract notifyCallback(dept: SimDepartment, items: CallbackNotice[], correlationId: string): Promise<ItemResult[]>;
}
