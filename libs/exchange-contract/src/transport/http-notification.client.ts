import { buildDigestHeaders } from '@app/soap-kit';
import { Credential } from '../topology/topology.types';
import { NotificationResponse } from '../messages/notification.messages';
import { PeerCallError } from './peer-call.error';

/**
 * The HTTP/JSON alternative to the SOAP notification: same message, same return codes,
 * same UsernameToken digest carried in X-Ws-* headers. Node's fetch keeps connections alive.
 */
export async function postNotification(
  url: string,
  body: unknown,
  credential: Credential,
  correlationId: string,
  timeoutMs: number,
): Promise<NotificationResponse> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId, ...buildDigestHeaders(credential.username, credential.password) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new PeerCallError('timeout', `no answer from ${url} within ${timeoutMs} ms`);
    throw new PeerCallError('network', `${url}: ${(e as { cause?: Error }).cause?.message ?? e.message}`);
  }
  const text = await res.text().catch(() => '');
  let parsed: Partial<NotificationResponse> & { code?: string; message?: string } = {};
  try {
    parsed = text ? (JSON.parse(text) as typeof parsed) : {};
  } catch {
    throw new PeerCallError('http', `${url}: HTTP ${res.status} with a non-JSON body`, undefined, res.status);
  }
  if (!res.ok) throw new PeerCallError('fault', `${url}: HTTP ${res.status} ${parsed.code ?? ''} ${parsed.message ?? ''}`.trim(), parsed.code, res.status);
  if (typeof parsed.code !== 'string' || !Array.isArray(parsed.results))
    throw new PeerCallError('http', `${url}: answer lacks code/results`, undefined, res.status);
  return parsed as NotificationResponse;
}
