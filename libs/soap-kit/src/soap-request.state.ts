import type { IncomingMessage } from 'node:http';
import type { ResolvedFault } from './soap-fault.resolver';
import type { SoapVersion } from './soap-version.util';

/** Per-request data shared between the kit's pipeline, node-soap's authenticate hook and the handler wrapper. */
export interface SoapRequestState {
  correlationId: string;
  soapVersion: SoapVersion;
  username?: string;
  /** When set, this Fault is what goes on the wire, whatever node-soap rendered. */
  fault?: ResolvedFault;
  operation?: string;
  handlerStarted: boolean;
  abort: AbortController;
  /** node-soap parsed the envelope (it calls authenticate only after that) */
  envelopeParsed?: boolean;
  /** Last error node-soap reported through its `log('error', …)` hook. */
  nodeSoapError?: unknown;
  /** Answers immediately with `fault` (no-op once a response went out). */
  sendFault: (fault: ResolvedFault) => void;
}

const states = new WeakMap<IncomingMessage, SoapRequestState>();

export function attachState(req: IncomingMessage, state: SoapRequestState): void {
  states.set(req, state);
}

export function stateOf(req: unknown): SoapRequestState | undefined {
  return typeof req === 'object' && req !== null ? states.get(req as IncomingMessage) : undefined;
}
