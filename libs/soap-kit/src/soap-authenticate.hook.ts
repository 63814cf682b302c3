import type { IncomingMessage } from 'node:http';
import { FAULTS } from './fault-codes.constants';
import type { NonceStore } from './nonce-replay.cache';
import type { CredentialCheck } from './password-digest.util';
import type { PasswordLookup } from './password-digest.util';
import { faultFromCode } from './soap-fault.resolver';
import type { SoapKitLogger } from './soap-kit.types';
import { stateOf } from './soap-request.state';
import { verifyUsernameToken } from './username-token.verifier';

export interface AuthenticateHookOptions {
  lookupPassword: PasswordLookup;
  replayCache: NonceStore;
  allowPasswordText: boolean;
  maxClockSkewMs?: number;
  logger: SoapKitLogger;
}

/**
 * node-soap's `server.authenticate(security, cb, req)`: runs before any operation is dispatched.
 * Synchronous with the in-memory nonce cache; with a durable store it returns a promise, which
 * node-soap awaits before dispatching (inside the same try/catch). On success the username
 * goes into the request state, where the handler wrapper picks it up; on failure the kit Fault is
 * recorded there and node-soap's own 401 "Invalid username or password" Fault is replaced on the way out.
 */
export function createAuthenticateHook(opts: AuthenticateHookOptions) {
  return (security: unknown, _processAuthResult?: unknown, req?: IncomingMessage): boolean | Promise<boolean> => {
    const state = stateOf(req);
    if (!state) return false;
    state.envelopeParsed = true;
    const ctx = { correlationId: state.correlationId };
    const apply = (check: CredentialCheck): boolean => {
      if (check.ok) {
        state.username = check.username;
        return true;
      }
      const info = check.reason === 'replay-cache-full' ? FAULTS.BUSY : check.reason === 'lookup-failed' ? FAULTS.INTERNAL : FAULTS.AUTH_FAILED;
      state.fault = faultFromCode(info, opts.logger, ctx, `authentication failed: ${check.reason}`);
      return false;
    };
    const crashed = (err: unknown): boolean => {
      state.fault = faultFromCode(FAULTS.INTERNAL, opts.logger, ctx, 'authentication crashed', err);
      return false;
    };
    try {
      const check = verifyUsernameToken(security, opts.lookupPassword, opts.replayCache, {
        allowPasswordText: opts.allowPasswordText,
        maxClockSkewMs: opts.maxClockSkewMs,
      });
      // a durable nonce store answers later: node-soap awaits a promised verdict before dispatching
      return 'then' in check ? check.then(apply, crashed) : apply(check);
    } catch (err) {
      return crashed(err);
    }
  };
}
