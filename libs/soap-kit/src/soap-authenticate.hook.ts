import type { IncomingMessage } from 'node:http';
import { FAULTS } from './fault-codes.constants';
import type { NonceReplayCache } from './nonce-replay.cache';
import type { PasswordLookup } from './password-digest.util';
import { faultFromCode } from './soap-fault.resolver';
import type { SoapKitLogger } from './soap-kit.types';
import { stateOf } from './soap-request.state';
import { verifyUsernameToken } from './username-token.verifier';

export interface AuthenticateHookOptions {
  lookupPassword: PasswordLookup;
  replayCache: NonceReplayCache;
  allowPasswordText: boolean;
  maxClockSkewMs?: number;
  logger: SoapKitLogger;
}

/**
 * node-soap's `server.authenticate(security, cb, req)`: runs before any operation is dispatched.
 * Synchronous on purpose (node-soap then dispatches inside its own try/catch). On success the username
 * goes into the request state, where the handler wrapper picks it up; on failure the kit Fault is
 * recorded there and node-soap's own 401 "Invalid username or password" Fault is replaced on the way out.
 */
export function createAuthenticateHook(opts: AuthenticateHookOptions) {
  return (security: unknown, _processAuthResult?: unknown, req?: IncomingMessage): boolean => {
    const state = stateOf(req);
    if (!state) return false;
    state.envelopeParsed = true;
    const ctx = { correlationId: state.correlationId };
    try {
      const check = verifyUsernameToken(security, opts.lookupPassword, opts.replayCache, {
        allowPasswordText: opts.allowPasswordText,
        maxClockSkewMs: opts.maxClockSkewMs,
      });
      if (check.ok) {
        state.username = check.username;
        return true;
      }
      const info = check.reason === 'replay-cache-full' ? FAULTS.BUSY : check.reason === 'lookup-failed' ? FAULTS.INTERNAL : FAULTS.AUTH_FAILED;
      state.fault = faultFromCode(info, opts.logger, ctx, `authentication failed: ${check.reason}`);
    } catch (err) {
      state.fault = faultFromCode(FAULTS.INTERNAL, opts.logger, ctx, 'authentication crashed', err);
    }
    return false;
  };
}
