import { AppError, ReturnCode } from '@app/common';
import { buildDigestHeaders, createSoapKitClient, SoapFault, SoapKitClient, SoapOperationHandler } from '@app/soap-kit';
import { DepartmentConfig } from '../topology/topology.types';
import { wsdlPath } from '../wsdl-files';
import { PeerCallError } from './peer-call.error';
import { asPeerCallError, DOWNLINK_SOAP } from './soap-notification';

/** What the ops node forwards to a unit (下发数据), over SOAP (DeliverDownlink) or HTTP/JSON. */
export interface DownlinkDelivery {
  recordId: string;
  sourceNode: string;
  dataType: string;
  content: unknown;
}

export interface DownlinkAnswer {
  code: string;
  message: string;
  recordId: string;
}

/** Parses the SOAP arguments (content is JSON text on the wire) or refuses with 1002/1003. */
export function parseDownlinkDelivery(args: unknown): DownlinkDelivery {
  const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  for (const f of ['recordId', 'sourceNode', 'dataType', 'content'] as const) {
    if (typeof a[f] !== 'string' || !a[f]) throw new AppError(ReturnCode.MISSING_PARAMETER, f, { field: f });
  }
  let content: unknown;
  try {
    content = JSON.parse(String(a.content));
  } catch {
    throw new AppError(ReturnCode.BAD_PARAMETER, 'content must be JSON text', { field: 'content' });
  }
  return { recordId: String(a.recordId), sourceNode: String(a.sourceNode), dataType: String(a.dataType), content };
}

export function downlinkSoapHandler(run: (d: DownlinkDelivery) => Promise<DownlinkAnswer>): SoapOperationHandler {
  return async (args: unknown) => {
    try {
      return await run(parseDownlinkDelivery(args));
    } catch (err) {
      if (err instanceof AppError) throw new SoapFault(err.code, err.message, err.code.startsWith('1') ? 'client' : 'server');
      throw err;
    }
  };
}

/**
 * The ops node's side: delivers over the department's configured transport. One SOAP client per
 * department, built once from the committed WSDL. Throws PeerCallError (timeout/network = unknown).
 */
export class DownlinkDeliveryClient {
  private readonly soap = new Map<string, Promise<SoapKitClient>>();

  constructor(private readonly timeoutMs: number) {}

  async deliver(dept: DepartmentConfig, d: DownlinkDelivery, correlationId: string): Promise<DownlinkAnswer> {
    const base = dept.endpoint.replace(/\/$/, '');
    if (dept.transport === 'soap') {
      let client = this.soap.get(dept.code);
      if (!client) {
        client = createSoapKitClient({
          wsdlPath: wsdlPath(DOWNLINK_SOAP.wsdl),
          endpoint: `${base}/ws/downlink`,
          username: dept.platformCredential.username,
          password: dept.platformCredential.password,
          defaultTimeoutMs: this.timeoutMs,
          keepAlive: true,
        });
        this.soap.set(dept.code, client);
        client.catch(() => this.soap.delete(dept.code));
      }
      try {
        const raw = (await (
          await client
        ).call(
          DOWNLINK_SOAP.service,
          DOWNLINK_SOAP.port11,
          DOWNLINK_SOAP.operation,
          { recordId: d.recordId, sourceNode: d.sourceNode, dataType: d.dataType, content: JSON.stringify(d.content) },
          { correlationId, timeoutMs: this.timeoutMs },
        )) as Partial<DownlinkAnswer> | undefined;
        if (!raw || typeof raw.code !== 'string') throw new PeerCallError('fault', 'SOAP answer lacks a code');
        return { code: raw.code, message: raw.message ?? '', recordId: raw.recordId ?? d.recordId };
      } catch (err) {
        throw asPeerCallError(err);
      }
    }
    let res: Response;
    try {
      res = await fetch(`${base}/api/downlink`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-correlation-id': correlationId,
          ...buildDigestHeaders(dept.platformCredential.username, dept.platformCredential.password),
        },
        body: JSON.stringify(d),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      throw new PeerCallError(
        e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : 'network',
        `${base}/api/downlink: ${(e as { cause?: Error }).cause?.message ?? e.message}`,
      );
    }
    const body = (await res.json().catch(() => ({}))) as Partial<DownlinkAnswer>;
    if (!res.ok || typeof body.code !== 'string')
      throw new PeerCallError('fault', `${base}/api/downlink: HTTP ${res.status} ${body.code ?? ''} ${body.message ?? ''}`.trim(), body.code, res.status);
    return { code: body.code, message: body.message ?? '', recordId: body.recordId ?? d.recordId };
  }

  async close(): Promise<void> {
    for (const c of this.soap.values()) (await c.catch(() => undefined))?.close();
  }
}
