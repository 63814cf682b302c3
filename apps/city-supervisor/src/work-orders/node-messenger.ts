import { createSecureMessageClient, SecureMessage, SecureMessageClient, SubmitResult } from '@app/ops-contract';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { CityConfig } from '../config/city.config';
import { CityNode } from '../config/city-nodes';

/** Where a node receives what the city sends down, by its transport. */
export function nodeInboundEndpoint(node: CityNode): string {
  return node.transport === 'soap' ? `${node.inboundUrl}/ws/ops/secure-message` : `${node.inboundUrl}/ops/api/city/secure-messages`;
}

/** Adapter for the outbound calls to district nodes: one reusable client per node. */
@Injectable()
export class NodeMessenger implements OnApplicationShutdown {
  private readonly clients = new Map<string, Promise<SecureMessageClient>>();

  constructor(@Inject(CityConfig) private readonly config: CityConfig) {}

  async send(node: CityNode, message: SecureMessage, correlationId: string): Promise<SubmitResult> {
    let client = this.clients.get(node.nodeCode);
    if (!client) {
      client = createSecureMessageClient(node.transport, nodeInboundEndpoint(node), this.config.WORK_ORDER_SEND_TIMEOUT_MS);
      // a failed creation must not stick: the next attempt builds the client again
      client.catch(() => this.clients.delete(node.nodeCode));
      this.clients.set(node.nodeCode, client);
    }
    return (await client).send(message, correlationId);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of this.clients.values()) (await c.catch(() => undefined))?.close();
  }
}
