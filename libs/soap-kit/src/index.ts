export { SoapFault } from './soap-fault.error';
export { FAULTS, FAULT_NS, type FaultCodeInfo, type FaultSide } from './fault-codes.constants';
export type { MountSoapServiceOptions, SoapKitLogger, SoapOperationHandler, SoapRequestContext } from './soap-kit.types';
export { soapLoggerOf, type StructuredLogSink } from './structured-logger';
export { mountSoapService, whenSoapServiceReady, IN_MESSAGE_PRINCIPAL, DEFAULT_HANDLER_TIMEOUT_MS } from './soap-service.mount';
export { DEFAULT_BODY_LIMIT_BYTES } from './raw-body.reader';
export { NonceReplayCache, type NonceReplayCacheOptions, type NonceStore, type RememberResult } from './nonce-replay.cache';
export { SqlNonceStore, wsNonceDdl, WS_NONCE_TABLE, type SqlExecutor, type SqlNonceStoreOptions } from './sql-nonce-store';
export {
  computePasswordDigest,
  type CredentialCheck,
  type CredentialFailure,
  type PasswordLookup,
  type VerifyOptions,
} from './password-digest.util';
export {
  buildDigestHeaders,
  readDigestHeaders,
  verifyDigest,
  DIGEST_HEADERS,
  type DigestCredentials,
  type DigestHeaders,
} from './digest-headers.auth';
export { SoapKitClient, createSoapKitClient, type SoapCallOptions, type SoapKitClientOptions } from './soap-kit.client';
export { SoapCallError, type SoapCallErrorInit, type SoapCallErrorKind } from './soap-call.error';
export { CORRELATION_ID_HEADER, pickCorrelationId } from './correlation-id.util';
export type { SoapVersion } from './soap-version.util';
export { publicAuthReason } from './auth-reason';
