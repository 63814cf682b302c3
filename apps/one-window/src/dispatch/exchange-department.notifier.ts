import { AcceptanceNotice, ACCEPTANCE_SOAP, DepartmentConfig, ItemResult, NotificationTransport } from '@app/exchange-contract';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { OneWindowConfig } from '../config/one-window.config';
import { DepartmentNotifier } from './department-notifier';

/** Routes each department's notification over the transport the topology names for it. */
@Injectable()
export class ExchangeDepartmentNotifier extends DepartmentNotifier implements OnApplicationShutdown {
  private readonly transport: NotificationTransport;

  constructor(@Inject(OneWindowConfig) config: OneWindowConfig) {
    super();
    this.transport = new NotificationTransport(ACCEPTANCE_SOAP, config.NOTIFY_TIMEOUT_MS);
  }

  notifyAcceptance(dept: DepartmentConfig, items: AcceptanceNotice[], correlationId: string): Promise<ItemResult[]> {
    const route = {
      deptCode: dept.code,
      transport: dept.transport,
      soapUrl: `${dept.endpoint}/ws/acceptance`,
      httpUrl: `${dept.endpoint}/api/acceptance-notifications`,
      credential: dept.platformCredential,
    };
    return this.transport.send(route, items, correlationId);
  }

  onApplicationShutdown(): Promise<void> {
    return this.transport.close();
  }
}
