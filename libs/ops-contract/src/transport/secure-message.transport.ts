import { AppError, ReturnCode } from '@app/common';
import { asPeerCallError, PeerCallError } from '@app/exchange-contract';
import { createSoapKitClient, SoapFault, SoapKitClient, SoapOperationHandler, SoapRequestContext } from '@app/soap-kit';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SecureMessage } from '../secure/secure-message';

export const SECURE_MESSAGE_SOAP = {
  wsdl: 'ops-secure-message.wsdl',
  service: 'OpsSecureMessageService',
  port11: 'OpsSecureMessageServiceSoap11',
  port12: 'OpsSecureMessageServiceSoap12',
  operation: 'SubmitMessage',
} as const;

/** The answer to an accepted secure message (0000 stored now, 0001 stored earlier). */
export interface SubmitResult {
  code: string;
  message: string;
  messageId: string;
  receivedAt: string;
}

export type SecureTransport = 'soap' | 'http';

export function opsWsdlPath(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'libs', 'ops-contract', 'wsdl', SECURE_MESSAGE_SOAP.wsdl);
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('ops-contract: WSDL not found');
}

export function readOpsWsdl(publicBaseUrl: string): string {
  return readFileSync(opsWsdlPath(), 'utf8').replace(/http:\/\/127\.0\.0\.1:7160/g, publicBaseUrl);
}

const CLIENT_SIDE = (code: string) => code.startsWith('1') || code.startsWith('3');

/** Wraps the receiving use-case as the SOAP operation: refusals become Faults carrying our code. */
export function secureMessageSoapHandler(run: (raw: unknown, ctx: SoapRequestContext) => Promise<SubmitResult>): SoapOperationHandler {
  return async (args: unknown, ctx: SoapRequestContext) => {
    try {
      return await run(args, ctx);
    } catch (err) {
      if (err instanceof AppError) throw new SoapFault(err.code, err.message, CLIENT_SIDE(err.code) ? 'client' : 'server');
      throw err;
    }
  };
}

/** Sends a sealed message to a peer; throws PeerCallError (timeout/network = outcome unknown). */
export interface SecureMessageClient {
  send(message: SecureMessage, correlationId: string): Promise<SubmitResult>;
  close(): void;
}

export class HttpSecureMessageClient implements SecureMessageClient {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async send(message: SecureMessage, correlationId: string): Promise<SubmitResult> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new PeerCallError('timeout', `no answer from ${this.url} within ${this.timeoutMs} ms`);
      throw new PeerCallError('network', `${this.url}: ${(e as { cause?: Error }).cause?.message ?? e.message}`);
    }
    const text = await res.text().catch(() => '');
    let body: Partial<SubmitResult> = {};
    try {
      body = text ? (JSON.parse(text) as Partial<SubmitResult>) : {};
    } catch {
      throw new PeerCallError('http', `${this.url}: HTTP ${res.status} with a non-JSON body`, undefined, res.status);
    }
    if (!res.ok) throw new PeerCallError('fault', `${this.url}: HTTP ${res.status} ${body.code ?? ''} ${body.message ?? ''}`.trim(), body.code, res.status);
    if (typeof body.code !== 'string') throw new PeerCallError('http', `${this.url}: answer lacks a code`, undefined, res.status);
    return { code: body.code, message: body.message ?? '', messageId: body.messageId ?? message.messageId, receivedAt: body.receivedAt ?? '' };
  }

  close(): void {
    /* fetch keeps its own pool */
  }
}

export class SoapSecureMessageClient implements SecureMessageClient {
  private constructor(
    private readonly client: SoapKitClient,
    private readonly timeoutMs: number,
  ) {}

  static async create(endpoint: string, timeoutMs: number): Promise<SoapSecureMessageClient> {
    const client = await createSoapKitClient({
      wsdlPath: opsWsdlPath(),
      endpoint,
      defaultTimeoutMs: timeoutMs,
      keepAlive: true,
      maxResponseBytes: 1024 * 1024,
    });
    return new SoapSecureMessageClient(client, timeoutMs);
  }

  async send(message: SecureMessage, correlationId: string): Promise<SubmitResult> {
    try {
      const raw = (await this.client.call(SECURE_MESSAGE_SOAP.service, SECURE_MESSAGE_SOAP.port11, SECURE_MESSAGE_SOAP.operation, message, {
        correlationId,
        timeoutMs: this.timeoutMs,
      })) as Partial<SubmitResult> | undefined;
      if (!raw || typeof raw.code !== 'string') throw new PeerCallError('fault', 'SOAP answer lacks a code');
      return { code: raw.code, message: raw.message ?? '', messageId: raw.messageId ?? message.messageId, receivedAt: raw.receivedAt ?? '' };
    } catch (err) {
      throw asPeerCallError(err);
    }
  }

  close(): void {
    this.client.close();
  }
}

export async function createSecureMessageClient(transport: SecureTransport, url: string, timeoutMs: number): Promise<SecureMessageClient> {
  return transport === 'soap' ? SoapSecureMessageClient.create(url, timeoutMs) : new HttpSecureMessageClient(url, timeoutMs);
}

/** Codes after which resending the same message (re-signed) cannot help. */
export function isPermanentRefusal(code: string | undefined): boolean {
  if (!code) return false;
  if (code === ReturnCode.TIMESTAMP_OUT_OF_WINDOW || code === ReturnCode.REPLAYED) return false;
  return code.startsWith('1') || code.startsWith('3');
}
