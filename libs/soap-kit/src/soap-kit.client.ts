import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import * as soap from 'soap';
import { CORRELATION_ID_HEADER, isValidCorrelationId } from './correlation-id.util';
import { GuardedHttpClient } from './guarded-http.client';
import { toSoapCallError } from './soap-call-error.mapper';
import type { SoapVersion } from './soap-version.util';
import { inspectPortVersions } from './wsdl-ports.inspector';

export interface SoapKitClientOptions {
  /** Local WSDL file; never fetched over the network. */
  wsdlPath: string;
  /** Explicit endpoint for every port (the WSDL's soap:address is ignored). */
  endpoint: string;
  /** WS-Security UsernameToken; omit both for services that authenticate in the message. */
  username?: string;
  password?: string;
  /** Per-call deadline unless the call overrides it. Default 10 000 ms. */
  defaultTimeoutMs?: number;
  /** Reuse connections (default true). false = new TCP connection per call (for comparison only). */
  keepAlive?: boolean;
  /** Max concurrent sockets to the endpoint. Default 16. */
  maxSockets?: number;
  /** Idle keep-alive sockets are dropped after this; keep it below the server's keepAliveTimeout. Default 4 000. */
  keepAliveIdleMs?: number;
  /** Responses larger than this are refused. Default 10 MiB. */
  maxResponseBytes?: number;
}

export interface SoapCallOptions {
  /** Sent as X-Correlation-Id; generated when absent. Must match /^[A-Za-z0-9._-]{1,64}$/. */
  correlationId?: string;
  timeoutMs?: number;
}

type Method = (args: unknown, cb: (err: unknown, result: unknown) => void, options: object, extraHeaders: Record<string, string>) => void;

const own = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

/**
 * Outbound SOAP: node-soap clients are built once per SOAP version present in the WSDL (node-soap's
 * forceSoap12Headers is per client), with WS-Security UsernameToken/PasswordDigest, a shared keep-alive
 * agent, a hard deadline and an X-Correlation-Id on every call. Calls always name service/port/operation.
 */
export class SoapKitClient {
  private constructor(
    private readonly clients: ReadonlyMap<SoapVersion, soap.Client>,
    private readonly portVersions: ReadonlyMap<string, SoapVersion>,
    private readonly agent: http.Agent,
    private readonly isHttps: boolean,
    private readonly opts: Required<Pick<SoapKitClientOptions, 'defaultTimeoutMs' | 'maxResponseBytes'>>,
  ) {}

  static async create(options: SoapKitClientOptions): Promise<SoapKitClient> {
    const endpoint = new URL(options.endpoint);
    if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new TypeError('endpoint must be http(s)');
    const wsdlXml = await readFile(options.wsdlPath, 'utf8');
    const portVersions = inspectPortVersions(wsdlXml);
    if (portVersions.size === 0) throw new Error(`${options.wsdlPath}: no service/port found`);
    const clients = new Map<SoapVersion, soap.Client>();
    for (const version of new Set(portVersions.values())) {
      // disableCache: node-soap caches parsed WSDLs by path and options live on the WSDL object, so two
      // clients from one cached WSDL would share forceSoap12Headers.
      const client = await soap.createClientAsync(
        options.wsdlPath,
        { disableCache: true, forceSoap12Headers: version === '1.2', httpClient: new GuardedHttpClient() },
        endpoint.href,
      );
      if (options.username !== undefined) {
        client.setSecurity(new soap.WSSecurity(options.username, options.password ?? '', { passwordType: 'PasswordDigest', hasTimeStamp: false }));
      }
      clients.set(version, client);
    }
    const isHttps = endpoint.protocol === 'https:';
    const maxSockets = options.maxSockets ?? 16;
    const agentOptions: http.AgentOptions = {
      keepAlive: options.keepAlive ?? true,
      maxSockets,
      maxFreeSockets: maxSockets,
      timeout: options.keepAliveIdleMs ?? 4_000,
      scheduling: 'lifo',
    };
    const agent = isHttps ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    return new SoapKitClient(clients, portVersions, agent, isHttps, {
      defaultTimeoutMs: options.defaultTimeoutMs ?? 10_000,
      maxResponseBytes: options.maxResponseBytes ?? 10 * 1024 * 1024,
    });
  }

  /** `${service}/${port}` → SOAP version, as read from the WSDL. */
  ports(): ReadonlyMap<string, SoapVersion> {
    return this.portVersions;
  }

  /** Calls `service`/`port`/`operation` and resolves with node-soap's parsed result; rejects with SoapCallError. */
  call<T = any>(service: string, port: string, operation: string, args: unknown, options: SoapCallOptions = {}): Promise<T> {
    const label = `${service}/${port}/${operation}`;
    const version = this.portVersions.get(`${service}/${port}`);
    const client = version ? this.clients.get(version) : undefined;
    const portObj = client && own(client, service) ? (client[service] as Record<string, Record<string, unknown>>)[port] : undefined;
    const method = portObj && own(portObj, operation) && typeof portObj[operation] === 'function' ? (portObj[operation] as Method) : undefined;
    if (!method) return Promise.reject(new TypeError(`unknown SOAP operation ${label}`));
    if (options.correlationId !== undefined && !isValidCorrelationId(options.correlationId)) {
      return Promise.reject(new TypeError('correlationId must match /^[A-Za-z0-9._-]{1,64}$/'));
    }
    const correlationId = options.correlationId ?? randomUUID();
    const timeoutMs = options.timeoutMs ?? this.opts.defaultTimeoutMs;

    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let deadlineHit = false;
      const controller = new AbortController();
      const timer = setTimeout(() => {
        deadlineHit = true;
        controller.abort();
        settle(() => reject(toSoapCallError({ code: 'ETIMEDOUT' }, correlationId, true, label)));
      }, timeoutMs);
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const requestOptions = {
        timeout: timeoutMs,
        signal: controller.signal,
        [this.isHttps ? 'httpsAgent' : 'httpAgent']: this.agent,
        proxy: false,
        maxRedirects: 0,
        maxContentLength: this.opts.maxResponseBytes,
        exchangeId: correlationId,
      };
      try {
        method(
          args,
          (err, result) => settle(() => (err ? reject(toSoapCallError(err, correlationId, deadlineHit, label)) : resolve(result as T))),
          requestOptions,
          { [CORRELATION_ID_HEADER]: correlationId },
        );
      } catch (err) {
        settle(() => reject(toSoapCallError(err, correlationId, false, label)));
      }
    });
  }

  /** Closes pooled sockets. */
  close(): void {
    this.agent.destroy();
  }
}

export function createSoapKitClient(options: SoapKitClientOptions): Promise<SoapKitClient> {
  return SoapKitClient.create(options);
}
