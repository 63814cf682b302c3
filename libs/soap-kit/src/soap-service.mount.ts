import type { Express, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as soap from 'soap';
import { CORRELATION_ID_HEADER, pickCorrelationId } from './correlation-id.util';
import { consoleSoapKitLogger } from './default-logger.util';
import { FAULTS } from './fault-codes.constants';
import { NonceReplayCache } from './nonce-replay.cache';
import { DEFAULT_BODY_LIMIT_BYTES } from './raw-body.reader';
import { faultFromCode, type ResolvedFault } from './soap-fault.resolver';
import type { MountSoapServiceOptions } from './soap-kit.types';
import { createAuthenticateHook } from './soap-authenticate.hook';
import { declaredOperations, type DeclaredOperations, elementsBalanced, isUnknownOperation, STRICT_INTEGER_DESERIALIZERS } from './soap-operation.resolver';
import { wireOperations } from './soap-operations.wiring';
import { attachState, stateOf, type SoapRequestState } from './soap-request.state';
import { looksLikeNodeSoapError, SoapResponseGuard, writeFault } from './soap-response.guard';
import { intakeSoapRequest } from './soap-request.intake';
import { versionFromHeader } from './soap-version.util';

export const DEFAULT_HANDLER_TIMEOUT_MS = 10_000;
const SAFETY_NET_EXTRA_MS = 5_000;
const PATH_RE = /^(?:\/[A-Za-z0-9._~-]+)+$/;

type NodeSoapListener = (req: IncomingMessage, res: ServerResponse) => void;

const readiness = new WeakMap<soap.Server, Promise<void>>();

/** Resolves once the WSDL is parsed and handlers are wired (rejects if the WSDL is unusable). */
export function whenSoapServiceReady(server: soap.Server): Promise<void> {
  return readiness.get(server) ?? Promise.reject(new Error('not a server returned by mountSoapService'));
}

function isWsdlQuery(url: string | undefined): boolean {
  const q = (url ?? '').indexOf('?');
  return (
    q >= 0 &&
    (url as string)
      .slice(q + 1)
      .toLowerCase()
      .startsWith('wsdl')
  );
}

function validate(opts: MountSoapServiceOptions): void {
  if (!PATH_RE.test(opts.path)) throw new TypeError(`invalid SOAP path ${JSON.stringify(opts.path)}`);
  if (typeof opts.wsdlXml !== 'string' || !opts.wsdlXml.trim()) throw new TypeError('wsdlXml is required');
  if (opts.authentication !== 'in-message' && typeof opts.lookupPassword !== 'function') throw new TypeError('lookupPassword is required');
  for (const n of [opts.bodyLimitBytes, opts.handlerTimeoutMs, opts.maxClockSkewMs]) {
    if (n !== undefined && !(Number.isFinite(n) && n > 0)) throw new TypeError('limits and timeouts must be positive numbers');
  }
}

/**
 * Serves `opts.wsdlXml` at `opts.path` on an Express app, hardened: node-soap only ever sees a
 * size-limited, DTD-free, UTF-8 body from an authenticated caller, and every failure is a kit Fault.
 * node-soap is not attached to the app itself: its route handler is captured and called by the kit.
 */
/** ctx.username of services mounted with authentication 'in-message'. */
export const IN_MESSAGE_PRINCIPAL = '(in-message)';

export function mountSoapService(app: Express, opts: MountSoapServiceOptions): soap.Server {
  validate(opts);
  const logger = opts.logger ?? consoleSoapKitLogger;
  const bodyLimit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const handlerTimeoutMs = opts.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
  const replayCache = opts.replayCache ?? new NonceReplayCache();
  const services: soap.IServices = Object.create(null) as soap.IServices;

  let listener: NodeSoapListener | undefined;
  let ready = false;
  let declared: DeclaredOperations | undefined;
  let markReady!: () => void;
  let markFailed!: (err: unknown) => void;
  const readyPromise = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  readyPromise.catch(() => undefined); // reported through the logger; callers may still await it

  // Duck-typed "Express app" that only captures node-soap's route handler.
  const capture = {
    address: 'localhost',
    use: () => undefined,
    route: () => ({ all: (fn: NodeSoapListener) => void (listener = fn) }),
  };
  const server = soap.listen(capture as unknown as Parameters<typeof soap.listen>[0], {
    path: opts.path,
    services,
    xml: opts.wsdlXml,
    suppressStack: true,
    enableChunkedEncoding: false,
    // numbers of the message as plain decimal integers only (node-soap's parseInt reads "1e3" as 1);
    // node-soap reads this WSDL option on servers too, its server typings just do not list it
    ...({ customDeserializer: STRICT_INTEGER_DESERIALIZERS } as object),
    callback: (err: unknown) => {
      if (err) {
        logger.error('soap service WSDL could not be loaded', { path: opts.path, error: err instanceof Error ? err.message : String(err) });
        markFailed(err);
        return;
      }
      try {
        wireOperations(server, services, opts.handlers, { handlerTimeoutMs, logger, path: opts.path });
        declared = declaredOperations(
          (server as unknown as { wsdl: { definitions: { bindings?: Parameters<typeof declaredOperations>[0] } } }).wsdl.definitions.bindings,
        );
        ready = true;
        markReady();
      } catch (wireErr) {
        logger.error('soap service wiring failed', { path: opts.path, error: String(wireErr) });
        markFailed(wireErr);
      }
    },
  });
  readiness.set(server, readyPromise);

  const inMessageAuth = opts.authentication === 'in-message';
  server.authenticate = inMessageAuth
    ? (_security: unknown, _cb?: unknown, req?: IncomingMessage) => {
        // node-soap's default (always true), noting that the envelope was parsed
        const state = stateOf(req);
        if (state) state.envelopeParsed = true;
        return true;
      }
    : createAuthenticateHook({
        lookupPassword: opts.lookupPassword as NonNullable<MountSoapServiceOptions['lookupPassword']>,
        replayCache,
        allowPasswordText: opts.allowPasswordText === true,
        maxClockSkewMs: opts.maxClockSkewMs,
        logger,
      });
  server.log = (type: string, data: unknown, req: IncomingMessage) => {
    if (type !== 'error') return;
    const state = stateOf(req);
    if (state) state.nodeSoapError = data;
  };

  const classify =
    (state: SoapRequestState, xml: string, soapAction: string | string[] | undefined) =>
    (statusCode: number, body: string): ResolvedFault | undefined => {
      if (!looksLikeNodeSoapError(statusCode, body)) return undefined;
      // node-soap fails before any operation wrapper runs when the request names an operation the WSDL does not offer:
      // - an unknown SOAPAction fails after authentication (a stranger gets 1001 first);
      // - a Body element the WSDL does not describe fails while node-soap parses the envelope, before it can
      //   authenticate anything, so a well-formed message naming one is answered 1008 (the WSDL is public);
      // broken XML stays 1004
      const unknownOperation =
        !state.handlerStarted &&
        state.operation === undefined &&
        declared !== undefined &&
        (state.envelopeParsed ? state.username !== undefined : elementsBalanced(xml)) &&
        isUnknownOperation(declared, xml, state.envelopeParsed ? soapAction : undefined);
      const info = state.handlerStarted ? FAULTS.INTERNAL : unknownOperation ? FAULTS.UNKNOWN_OPERATION : FAULTS.BAD_REQUEST;
      const cause = state.nodeSoapError ?? body.slice(0, 500);
      return faultFromCode(
        info,
        logger,
        { correlationId: state.correlationId, operation: state.operation, username: state.username },
        `node-soap answered ${statusCode}`,
        cause,
      );
    };

  const handlePost = async (req: Request, res: Response, correlationId: string): Promise<void> => {
    const intake = await intakeSoapRequest(req, bodyLimit);
    if (!intake.ok) {
      if (!intake.info) return; // client went away
      const cause = intake.info === FAULTS.INTERNAL ? intake.cause : undefined;
      return writeFault(res, intake.version, faultFromCode(intake.info, logger, { correlationId }, intake.reason, cause));
    }
    if (!ready || !listener) {
      return writeFault(res, intake.version, faultFromCode(FAULTS.NOT_READY, logger, { correlationId }, 'WSDL not loaded'));
    }
    const state: SoapRequestState = {
      correlationId,
      soapVersion: intake.version,
      handlerStarted: false,
      abort: new AbortController(),
      sendFault: () => undefined,
      ...(inMessageAuth ? { username: IN_MESSAGE_PRINCIPAL } : {}),
    };
    attachState(req, state);
    const guard = new SoapResponseGuard(res, state, classify(state, intake.xml, req.headers.soapaction));
    guard.install();
    state.sendFault = (fault) => guard.fail(fault);
    const safetyNet = setTimeout(() => {
      guard.fail(faultFromCode(FAULTS.INTERNAL, logger, { correlationId, operation: state.operation }, 'no response produced in time'));
    }, handlerTimeoutMs + SAFETY_NET_EXTRA_MS);
    safetyNet.unref();
    res.on('close', () => {
      clearTimeout(safetyNet);
      if (!res.writableFinished) state.abort.abort(new Error('client went away'));
    });
    delete req.headers['content-encoding']; // body is already inflated; node-soap must never gunzip on its own
    (req as { body?: unknown }).body = Buffer.from(intake.xml, 'utf8');
    listener(req, res);
  };

  const handle = async (req: Request, res: Response): Promise<void> => {
    const correlationId = pickCorrelationId(req.headers['x-correlation-id']);
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    try {
      if ((req.method === 'GET' || req.method === 'HEAD') && isWsdlQuery(req.url) && ready && listener) {
        if (req.method === 'HEAD') {
          res.status(200).type('application/xml').end();
          return;
        }
        listener(req, res); // node-soap serves the WSDL text
        return;
      }
      if (req.method !== 'POST') {
        req.resume();
        res.status(req.method === 'GET' && isWsdlQuery(req.url) ? 503 : 405);
        res.setHeader('Allow', 'GET, POST');
        res.type('text/plain; charset=utf-8').end(res.statusCode === 503 ? 'WSDL 未就绪' : '仅支持 POST（SOAP 调用）或 GET ?wsdl');
        return;
      }
      await handlePost(req, res, correlationId);
    } catch (err) {
      const fault = faultFromCode(FAULTS.INTERNAL, logger, { correlationId }, 'soap-kit pipeline failed', err);
      const state = stateOf(req);
      if (state) state.sendFault(fault);
      else writeFault(res, versionFromHeader(req.headers['content-type']), fault);
    }
  };

  app.all(opts.path, handle);
  app.all(`${opts.path}/`, handle); // for apps with strict routing
  return server;
}
