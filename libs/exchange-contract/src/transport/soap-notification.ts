import { AppError, isDbUnavailableError, ReturnCode, RETURN_CODES } from '@app/common';
import { createSoapKitClient, SoapCallError, SoapFault, SoapKitClient, SoapOperationHandler, SoapRequestContext } from '@app/soap-kit';
import { Credential } from '../topology/topology.types';
import { ItemResult, NotificationResponse } from '../messages/notification.messages';
import { ACCEPTANCE_WSDL, CALLBACK_WSDL, DOWNLINK_WSDL, wsdlPath } from '../wsdl-files';
import { PeerCallError } from './peer-call.error';

export interface SoapServiceRef {
  wsdl: string;
  service: string;
  port11: string;
  port12: string;
  operation: string;
}

export const CALLBACK_SOAP: SoapServiceRef = {
  wsdl: CALLBACK_WSDL,
  service: 'CallbackNotificationService',
  port11: 'CallbackNotificationServiceSoap11',
  port12: 'CallbackNotificationServiceSoap12',
  operation: 'NotifyCallback',
};

export const ACCEPTANCE_SOAP: SoapServiceRef = {
  wsdl: ACCEPTANCE_WSDL,
  service: 'AcceptanceNotificationService',
  port11: 'AcceptanceNotificationServiceSoap11',
  port12: 'AcceptanceNotificationServiceSoap12',
  operation: 'NotifyAcceptance',
};

export const DOWNLINK_SOAP: SoapServiceRef = {
  wsdl: DOWNLINK_WSDL,
  service: 'DownlinkDeliveryService',
  port11: 'DownlinkDeliveryServiceSoap11',
  port12: 'DownlinkDeliveryServiceSoap12',
  operation: 'DeliverDownlink',
};

const CLIENT_SIDE = new Set<string>([
  ReturnCode.AUTH_FAILED,
  ReturnCode.MISSING_PARAMETER,
  ReturnCode.BAD_PARAMETER,
  ReturnCode.MALFORMED_MESSAGE,
  ReturnCode.DEPARTMENT_MISMATCH,
  ReturnCode.FORBIDDEN,
  ReturnCode.NOT_FOUND,
]);

/** Wraps a use-case as a SOAP operation: validated input, AppError → Fault with our code, results as <result> elements. */
export function notificationHandler<T>(
  parse: (args: unknown) => T,
  run: (req: T, ctx: SoapRequestContext) => Promise<NotificationResponse>,
): SoapOperationHandler {
  return async (args: unknown, ctx: SoapRequestContext) => {
    try {
      const res = await run(parse(args), ctx);
      return { code: res.code, message: res.message, result: res.results };
    } catch (err) {
      if (err instanceof AppError) throw new SoapFault(err.code, err.message, CLIENT_SIDE.has(err.code) ? 'client' : 'server');
      if (isDbUnavailableError(err)) throw new SoapFault(ReturnCode.SERVICE_UNAVAILABLE, RETURN_CODES[ReturnCode.SERVICE_UNAVAILABLE].message, 'server');
      throw err;
    }
  };
}

function asList<T>(v: T | T[] | undefined): T[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

export function normalizeSoapResponse(raw: unknown): NotificationResponse {
  const r = (raw ?? {}) as { code?: unknown; message?: unknown; result?: ItemResult | ItemResult[] };
  if (typeof r.code !== 'string') throw new PeerCallError('fault', 'SOAP answer lacks a code');
  return {
    code: r.code,
    message: typeof r.message === 'string' ? r.message : '',
    results: asList(r.result).map((x) => ({ ...x, version: Number(x.version) })),
  };
}

/** One SOAP client per peer, built once from the committed WSDL, keep-alive, explicit port. */
export class SoapNotificationClient {
  private constructor(
    private readonly ref: SoapServiceRef,
    private readonly client: SoapKitClient,
    private readonly timeoutMs: number,
  ) {}

  static async create(ref: SoapServiceRef, endpoint: string, credential: Credential, timeoutMs: number): Promise<SoapNotificationClient> {
    const client = await createSoapKitClient({
      wsdlPath: wsdlPath(ref.wsdl),
      endpoint,
      username: credential.username,
      password: credential.password,
      defaultTimeoutMs: timeoutMs,
      keepAlive: true,
    });
    return new SoapNotificationClient(ref, client, timeoutMs);
  }

  async send(deptCode: string, items: object[], correlationId: string): Promise<NotificationResponse> {
    try {
      const raw = await this.client.call(
        this.ref.service,
        this.ref.port11,
        this.ref.operation,
        { deptCode, item: items },
        { correlationId, timeoutMs: this.timeoutMs },
      );
      return normalizeSoapResponse(raw);
    } catch (err) {
      throw asPeerCallError(err);
    }
  }

  close(): void {
    this.client.close();
  }
}

/** A SOAP client failure as the peer error every caller handles (timeout/network = outcome unknown). */
export function asPeerCallError(err: unknown): unknown {
  if (!(err instanceof SoapCallError)) return err;
  const kind = err.kind === 'timeout' ? 'timeout' : err.kind === 'network' ? 'network' : 'fault';
  return new PeerCallError(kind, err.message, err.code, err.httpStatus);
}
