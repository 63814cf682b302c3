import { AcceptanceNotice, ACCEPTANCE_SOAP, DepartmentConfig, ItemResult, postNotification, SoapNotificationClient } from '@app/exchange-contract';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { OneWindowConfig } from '../config/one-window.config';
import { DepartmentNotifier } from './department-notifier';

/** Routes each department's notification over the transport the topology names for it. */
@Injectable()
export class ExchangeDepartmentNotifier extends DepartmentNotifier implements OnApplicationShutdown {
  private readonly soapClients = new Map<string, Promise<SoapNotificationClient>>();

  constructor(@Inject(OneWindowConfig) private readonly config: OneWindowConfig) {
    super();
  }

  async notifyAcceptance(dept: DepartmentConfig, items: AcceptanceNotice[], correlationId: string): Promise<ItemResult[]> {
    const body = { deptCode: dept.code, items };
    if (dept.transport === 'http') {
      return (await postNotification(`${dept.endpoint}/api/acceptance-notifications`, body, dept.platformCredential, correlationId, this.config.NOTIFY_TIMEOUT_MS)).results;
    }
    return (await (await this.soapClient(dept)).send(dept.code, items, correlationId)).results;
  }

  private soapClient(dept: DepartmentConfig): Promise<SoapNotificationClient> {
    let c = this.soapClients.get(dept.code);
    if (!c) {
      c = SoapNotificationClient.create(ACCEPTANCE_SOAP, `${dept.endpoint}/ws/acceptance`, dept.platformCredential, this.config.NOTIFY_TIMEOUT_MS);
      c.catch(() => this.soapClients.delete(dept.code));
      this.soapClients.set(dept.code, c);
    }
    return c;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of this.soapClients.values()) (await c.catch(() => null))?.close();
  }
}
