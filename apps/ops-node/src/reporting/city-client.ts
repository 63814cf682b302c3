import { createSecureMessageClient, SecureMessageClient } from '@app/ops-contract';
import { OpsNodeConfig } from '../config/ops-node.config';

export const CITY_SOAP_PATH = '/ws/ops/secure-message';
export const CITY_HTTP_PATH = '/city/api/ops/secure-messages';

/** The adapter to the city supervisory system: one long-lived client for the configured transport. */
export class CityClient {
  private client?: Promise<SecureMessageClient>;

  constructor(private readonly config: OpsNodeConfig) {}

  get(): Promise<SecureMessageClient> {
    const base = this.config.CITY_URL.replace(/\/$/, '');
    this.client ??= createSecureMessageClient(
      this.config.REPORT_TRANSPORT,
      `${base}${this.config.REPORT_TRANSPORT === 'soap' ? CITY_SOAP_PATH : CITY_HTTP_PATH}`,
      this.config.REPORT_TIMEOUT_MS,
    );
    return this.client;
  }

  async close(): Promise<void> {
    if (this.client) (await this.client).close();
  }
}
