import { AcceptanceNotice, DepartmentConfig, ItemResult } from '@app/exchange-contract';

/** Adapter: tells a department that acceptance records wait in its front DB (SOAP or HTTP per department). */
export abstract class DepartmentNotifier {
  abstract notifyAcceptance(dept: DepartmentConfig, items: AcceptanceNotice[], correlationId: string): Promise<ItemResult[]>;
}
