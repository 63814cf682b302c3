import type { Express, Request } from 'express';
import type { NonceStore } from './nonce-replay.cache';
import type { SoapVersion } from './soap-version.util';

export interface SoapKitLogger {
  log(msg: string, meta?: object): void;
  warn(msg: string, meta?: object): void;
  error(msg: string, meta?: object): void;
}

export interface SoapRequestContext {
  username: string;
  soapVersion: SoapVersion;
  correlationId: string;
  req: Request;
  /** Aborted when the handler timeout fires or the caller goes away. */
  signal?: AbortSignal;
}

export type SoapOperationHandler = (args: any, ctx: SoapRequestContext) => Promise<unknown>;

export interface MountSoapServiceOptions {
  /** e.g. '/ws/exchange/callback' */
  path: string;
  /** WSDL text (may contain SOAP 1.1 and 1.2 bindings/ports). */
  wsdlXml: string;
  /** By operation name; wired to every service/port in the WSDL that declares that operation. */
  handlers: Record<string, SoapOperationHandler>;
  /**
   * 'username-token' (default): WS-Security UsernameToken/PasswordDigest checked before dispatch.
   * 'in-message': the message authenticates itself (e.g. an SM2 signature in the body); the kit skips
   * WS-Security and the handler MUST verify the caller. ctx.username is then IN_MESSAGE_PRINCIPAL.
   */
  authentication?: 'username-token' | 'in-message';
  /** Required for 'username-token'. */
  lookupPassword?: (username: string) => string | undefined;
  /** Default 1 MiB; applies to the wire size and to the inflated size. */
  bodyLimitBytes?: number;
  /** Default 10 000. */
  handlerTimeoutMs?: number;
  logger?: SoapKitLogger;
  /** Accept UsernameToken PasswordText (default false: PasswordDigest only). */
  allowPasswordText?: boolean;
  /** Default ±5 minutes. */
  maxClockSkewMs?: number;
  /**
   * Where spent nonces are remembered; share one store between services and the HTTP header scheme
   * of the same accounts (a durable SqlNonceStore across replicas). Default: an in-memory cache per mount.
   */
  replayCache?: NonceStore;
}

export type ExpressApp = Express;
