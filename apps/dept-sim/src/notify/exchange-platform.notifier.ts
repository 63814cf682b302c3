import { CallbackNotice, CALLBACK_SOAP, ItemResult, postNotification, SoapNotificationClient } from '@app/exchange-contract';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DeptSimConfig } from '../config/dept-sim.config';
import { SimDepartment } from '../core/sim-departments';
import { PlatformNotifier } from './platform-notifier';

@Injectable()
export class ExchangePlatformNotifier extends PlatformNotifier implements OnApplicationShutdown {
  private readonly soapClients = new Map<string, Promise<SoapNotificationClient>>();

  constructor(@Inject(DeptSimConfig) private readonly config: DeptSimConfig) {
    super();
  }

  async notifyCallback(dept: SimDepartment, items: CallbackNotice[], correlationId: string): Promise<ItemResult[]> {
    const base = this.config.PLATFORM_URL.replace(/\/$/, '');
    if (dept.config.transport === 'http') {
      return (await postNotification(`${base}/api/exchange/v1/callback-notifications`, { deptCode: dept.code, items }, dept.config.deptCredential, correlationId, this.config.NOTIFY_TIMEOUT_MS)).results;
    }
    let c = this.soapClients.get(dept.code);
    if (!c) {
      c = SoapNotificationClient.create(CALLBACK_SOAP, `${base}/ws/exchange/callback`, dept.config.deptCredential, this.config.NOTIFY_TIMEOUT_MS);
      c.catch(() => this.soapClients.delete(dept.code));
      this.soapClients.set(dept.code, c);
    }
    return (await (await c).send(dept.code, items, correlationId)).results;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of this.soapClients.values()) (await c.catch(() => null))?.close();
  }
}
