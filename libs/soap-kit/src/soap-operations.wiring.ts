import type { IncomingMessage } from 'node:http';
import type * as soap from 'soap';
import { FAULTS } from './fault-codes.constants';
import { runWithTimeout } from './handler-timeout.util';
import { faultFromCode, faultFromHandlerError } from './soap-fault.resolver';
import type { SoapKitLogger, SoapOperationHandler, SoapRequestContext } from './soap-kit.types';
import { stateOf } from './soap-request.state';

interface WiringOptions {
  handlerTimeoutMs: number;
  logger: SoapKitLogger;
  path: string;
}

/** The slice of node-soap's (private) parsed WSDL the kit reads after it is ready. */
interface ParsedWsdl {
  wsdl: { definitions: { services: Record<string, { ports: Record<string, { binding: { methods: Record<string, unknown> } }> }> } };
}

type NodeSoapCallback = (error: unknown, result?: unknown) => void;

const own = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

/** node-soap renders something for this; the kit replaces it with the Fault recorded in the request state. */
const faultSignal = () => ({ Fault: { faultcode: 'soap:Server', faultstring: 'soap-kit', statusCode: 500 } });

/** Registers a wrapper for every operation of every service/port; handlers are looked up by operation name. */
export function wireOperations(server: soap.Server, services: soap.IServices, handlers: Record<string, SoapOperationHandler>, options: WiringOptions): void {
  const definitions = (server as unknown as ParsedWsdl).wsdl.definitions;
  const declared = new Set<string>();
  for (const serviceName of Object.keys(definitions.services ?? {})) {
    const ports: soap.IService = Object.create(null) as soap.IService;
    for (const [portName, port] of Object.entries(definitions.services[serviceName].ports)) {
      const ops: soap.IServicePort = Object.create(null) as soap.IServicePort;
      for (const operation of Object.keys(port.binding.methods)) {
        declared.add(operation);
        const handler = own(handlers, operation) && typeof handlers[operation] === 'function' ? handlers[operation] : undefined;
        ops[operation] = makeMethod(operation, handler, options) as soap.ISoapServiceMethod;
      }
      ports[portName] = ops;
    }
    services[serviceName] = ports;
  }
  // node-soap parses a truncated WSDL as one without services instead of failing.
  if (declared.size === 0) throw new Error('the WSDL declares no service/port/operation');
  for (const operation of declared) {
    if (!own(handlers, operation)) options.logger.warn('WSDL operation has no handler', { path: options.path, operation });
  }
  for (const name of Object.keys(handlers)) {
    if (!declared.has(name)) options.logger.warn('handler for an operation the WSDL does not declare', { path: options.path, operation: name });
  }
}

function makeMethod(operation: string, handler: SoapOperationHandler | undefined, options: WiringOptions) {
  const { logger, handlerTimeoutMs } = options;
  // Callback style on purpose: node-soap serialises the result inside our try/catch instead of in a
  // promise continuation, where a throw would become an unhandled rejection (a crash on Node ≥ 15).
  return (args: unknown, callback: NodeSoapCallback, _headers: unknown, req: IncomingMessage): void => {
    const state = stateOf(req);
    if (!state) {
      callback(faultSignal());
      return;
    }
    state.operation = operation;
    const logCtx = () => ({ correlationId: state.correlationId, operation, username: state.username });
    const reply = (error: unknown, result?: unknown) => {
      try {
        callback(error, result);
      } catch (err) {
        state.sendFault(faultFromCode(FAULTS.INTERNAL, logger, logCtx(), 'could not serialise the response', err));
      }
    };
    if (!state.username) {
      state.fault = faultFromCode(FAULTS.AUTH_FAILED, logger, logCtx(), 'handler reached without authentication');
      reply(faultSignal());
      return;
    }
    if (!handler) {
      state.fault = faultFromCode(FAULTS.UNKNOWN_OPERATION, logger, logCtx(), 'no handler registered');
      reply(faultSignal());
      return;
    }
    state.handlerStarted = true;
    const ctx: SoapRequestContext = {
      username: state.username,
      soapVersion: state.soapVersion,
      correlationId: state.correlationId,
      req: req as SoapRequestContext['req'],
      signal: state.abort.signal,
    };
    runWithTimeout(() => handler(args, ctx), handlerTimeoutMs, state.abort).then(
      (result) => reply(null, result ?? {}),
      (err: unknown) => {
        state.fault = faultFromHandlerError(err, logger, logCtx());
        reply(faultSignal());
      },
    );
  };
}
