/* Test-only helpers for the soap-kit specs (not exported from the library). */
import express from 'express';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mountSoapService, whenSoapServiceReady } from '../soap-service.mount';
import type { MountSoapServiceOptions, SoapKitLogger, SoapRequestContext } from '../soap-kit.types';
import { computePasswordDigest, newNonce } from '../password-digest.util';
import { SoapFault } from '../soap-fault.error';

export const ECHO_WSDL_PATH = join(__dirname, 'echo.wsdl');
export const ECHO_WSDL_XML = readFileSync(ECHO_WSDL_PATH, 'utf8');
export const ECHO_NS = 'urn:gov-exchange:test:echo:v1';
export const USERS: Record<string, string> = { alice: 's3cret-Alice', bob: 'b0b-password' };

export interface LogEntry {
  level: 'log' | 'warn' | 'error';
  msg: string;
  meta?: Record<string, unknown>;
}

export function collectingLogger(): SoapKitLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const push = (level: LogEntry['level']) => (msg: string, meta?: object) => void entries.push({ level, msg, meta: meta as Record<string, unknown> });
  return { entries, log: push('log'), warn: push('warn'), error: push('error') };
}

export interface EchoServer {
  baseUrl: string;
  url: string;
  http: http.Server;
  logger: ReturnType<typeof collectingLogger>;
  contexts: SoapRequestContext[];
  close(): Promise<void>;
}

/** Echo handler with magic texts: "throw" → plain Error, "fault" → SoapFault 2001, "hang" → never settles. */
export async function startEchoServer(overrides: Partial<MountSoapServiceOptions> = {}): Promise<EchoServer> {
  const app = express();
  const logger = collectingLogger();
  const contexts: SoapRequestContext[] = [];
  const path = overrides.path ?? '/ws/echo';
  const soapServer = mountSoapService(app, {
    path,
    wsdlXml: ECHO_WSDL_XML,
    lookupPassword: (u) => (Object.prototype.hasOwnProperty.call(USERS, u) ? USERS[u] : undefined),
    handlerTimeoutMs: 400,
    logger,
    handlers: {
      Echo: async (args: { text?: string; count?: number }, ctx) => {
        contexts.push(ctx);
        if (args.text === 'throw') throw new Error('db password=hunter2 at /srv/app/secret.ts:42');
        if (args.text === 'fault') throw new SoapFault('2001', '业务校验失败');
        if (args.text === 'hang') return new Promise(() => undefined);
        return { text: args.text, count: args.count };
      },
    },
    ...overrides,
  });
  await whenSoapServiceReady(soapServer);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    url: `${baseUrl}${path}`,
    http: server,
    logger,
    contexts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Plain node:http POST (no keep-alive) so attacks are sent byte-for-byte. */
export function rawRequest(url: string, body: string | Buffer, headers: Record<string, string | number>, method = 'POST'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface TokenParts {
  username?: string;
  password?: string;
  nonce?: string;
  created?: string;
  /** 'digest' (default), 'text', or omit the Type attribute. */
  mode?: 'digest' | 'text' | 'no-type';
}

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PROFILE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';

export function securityHeader(parts: TokenParts = {}): string {
  const username = parts.username ?? 'alice';
  const password = parts.password ?? USERS.alice;
  const nonce = parts.nonce ?? newNonce();
  const created = parts.created ?? new Date().toISOString();
  const mode = parts.mode ?? 'digest';
  const value = mode === 'digest' ? computePasswordDigest(nonce, created, password) : password;
  const type = mode === 'no-type' ? '' : ` Type="${PROFILE}#${mode === 'digest' ? 'PasswordDigest' : 'PasswordText'}"`;
  return (
    `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}"><wsse:UsernameToken>` +
    `<wsse:Username>${username}</wsse:Username><wsse:Password${type}>${value}</wsse:Password>` +
    `<wsse:Nonce>${nonce}</wsse:Nonce><wsu:Created>${created}</wsu:Created>` +
    `</wsse:UsernameToken></wsse:Security>`
  );
}

export function echoBody(text = 'hello', count = 3, attrs = ''): string {
  return `<t:Echo xmlns:t="${ECHO_NS}"><t:text${attrs}>${text}</t:text><t:count>${count}</t:count></t:Echo>`;
}

export function envelope(version: '1.1' | '1.2', body: string, header: string | null = securityHeader()): string {
  const ns = version === '1.2' ? 'http://www.w3.org/2003/05/soap-envelope' : 'http://schemas.xmlsoap.org/soap/envelope/';
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ns}">` +
    (header === null ? '' : `<soap:Header>${header}</soap:Header>`) +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

export function soapHeaders(version: '1.1' | '1.2', extra: Record<string, string | number> = {}): Record<string, string | number> {
  return version === '1.2'
    ? { 'Content-Type': `application/soap+xml; charset=utf-8; action="${ECHO_NS}/Echo"`, ...extra }
    : { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${ECHO_NS}/Echo"`, ...extra };
}

/** Pulls <ex:code> and <ex:errorId> out of a kit Fault body. */
export function faultDetail(body: string): { code?: string; errorId?: string } {
  return { code: /<ex:code>([^<]*)<\/ex:code>/.exec(body)?.[1], errorId: /<ex:errorId>([^<]*)<\/ex:errorId>/.exec(body)?.[1] };
}
