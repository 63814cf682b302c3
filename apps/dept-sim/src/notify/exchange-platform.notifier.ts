import { CallbackNotice, CALLBACK_SOAP, ItemResult, NotificationTransport } from '@app/exchange-contract';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DeptSimConfig } from '../config/dept-sim.config';
import { SimDepartment } from '../core/sim-departments';
import { PlatformNotifier } from './platform-notifier';

/** Tells the platform that callbacks wait, over the transport the department uses. */
@Injectable()
export class ExchangePlatformNotifier extends PlatformNotifier implements OnApplicationShutdown {
  private readonly transport: NotificationTransport;
  private readonly base: string;

  constructor(@Inject(DeptSimConfig) config: DeptSimConfig) {
    super();
    this.transport = new NotificationTransport(CALLBACK_SOAP, config.NOTIFY_TIMEOUT_MS);
    this.base = config.PLATFORM_URL.replace(/\/$/, '');
  }

  notifyCallback(dept: SimDepartment, items: CallbackNotice[], correlationId: string): Promise<ItemResult[]> {
    const route = {
      deptCode: dept.code,
      transport: dept.config.transport,
      soapUrl: `${this.base}/ws/exchange/callback`,
      httpUrl: `${this.base}/api/exchange/v1/callback-notifications`,
      credential: dept.config.deptCredential,
    };
    return this.transport.send(route, items, correlationId);
  }

  onApplicationShutdown(): Promise<void> {
    return this.transport.close();
  }
}
