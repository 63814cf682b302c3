import { ItemResult } from '../messages/notification.messages';
import { Credential } from '../topology/topology.types';
import { postNotification } from './http-notification.client';
import { SoapNotificationClient, SoapServiceRef } from './soap-notification';

/** Where one peer takes a notification, and as whom we call it. */
export interface NotificationRoute {
  /** the department code: the message's deptCode and the key of the cached SOAP client */
  deptCode: string;
  transport: 'soap' | 'http';
  /** SOAP endpoint (used when transport is soap) */
  soapUrl: string;
  /** HTTP/JSON endpoint (used when transport is http) */
  httpUrl: string;
  credential: Credential;
}

/**
 * The notification "records wait in the front DB" in either direction — platform → department
 * (NotifyAcceptance) and department → platform (NotifyCallback) — over the transport the topology
 * names: one SOAP client per peer, built once and kept alive, or HTTP/JSON with the same digest.
 * A failure is a PeerCallError (timeout/network = outcome unknown).
 */
export class NotificationTransport {
  private readonly soapClients = new Map<string, Promise<SoapNotificationClient>>();

  constructor(
    private readonly soap: SoapServiceRef,
    private readonly timeoutMs: number,
  ) {}

  async send(route: NotificationRoute, items: object[], correlationId: string): Promise<ItemResult[]> {
    if (route.transport === 'http')
      return (await postNotification(route.httpUrl, { deptCode: route.deptCode, items }, route.credential, correlationId, this.timeoutMs)).results;
    return (await (await this.soapClient(route)).send(route.deptCode, items, correlationId)).results;
  }

  async close(): Promise<void> {
    for (const c of this.soapClients.values()) (await c.catch(() => null))?.close();
    this.soapClients.clear();
  }

  private soapClient(route: NotificationRoute): Promise<SoapNotificationClient> {
    let c = this.soapClients.get(route.deptCode);
    if (!c) {
      c = SoapNotificationClient.create(this.soap, route.soapUrl, route.credential, this.timeoutMs);
      // a failed build (WSDL, DNS) is tried again at the next notification
      c.catch(() => this.soapClients.delete(route.deptCode));
      this.soapClients.set(route.deptCode, c);
    }
    return c;
  }
}
