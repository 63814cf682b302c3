import { GmCryptoError, openSm4Envelope, sealSm4Envelope, sm3, Sm2PrivateKey, Sm2PublicKey } from '@app/gm-crypto';
import { AppError, ReturnCode } from '@app/common';
import { randomBytes } from 'node:crypto';
import { ReportCategory, ReportMode } from '../messages/categories';
import { checkReportMessage, ReportMessage } from '../messages/report-message';
import { checkSecureParams, SECURE_MESSAGE_VERSION, SecureEncryption, SecureMessage, signingString, wireTimestamp } from './secure-message';

export interface SealOptions {
  encryption: SecureEncryption;
  cipherMode: SecureMessage['cipherMode'];
  cipherFormat: SecureMessage['cipherFormat'];
}

export interface SealInput {
  nodeCode: string;
  category: ReportCategory;
  mode: ReportMode;
  messageId: string;
  plaintext: Buffer;
}

/**
 * Encrypts for the recipient and signs as the sender. Called on every attempt: the timestamp and nonce
 * are fresh each time while the messageId (the idempotency key) stays the same.
 */
export function sealSecureMessage(input: SealInput, signer: Sm2PrivateKey, recipient: Sm2PublicKey, opts: SealOptions, now: Date = new Date()): SecureMessage {
  const cipherOpts = { mode: opts.cipherMode, format: opts.cipherFormat };
  const base = {
    version: SECURE_MESSAGE_VERSION,
    nodeCode: input.nodeCode,
    category: input.category,
    mode: input.mode,
    messageId: input.messageId,
    timestamp: wireTimestamp(now),
    nonce: randomBytes(16).toString('hex'),
    encryption: opts.encryption,
    cipherMode: opts.cipherMode,
    cipherFormat: opts.cipherFormat,
    payloadDigest: sm3(input.plaintext).toString('hex'),
  };
  let enc: Pick<SecureMessage, 'payload' | 'encryptedKey' | 'iv'>;
  if (opts.encryption === 'SM2') {
    enc = { payload: recipient.encrypt(input.plaintext, cipherOpts).toString('base64') };
  } else {
    const env = sealSm4Envelope(recipient, input.plaintext, cipherOpts);
    enc = { payload: env.ciphertext.toString('base64'), encryptedKey: env.encryptedKey.toString('base64'), iv: env.iv.toString('base64') };
  }
  const signature = signer.sign(signingString(base)).toString('base64');
  return { ...base, ...enc, signature };
}

export interface OpenDeps {
  /** The registered signing key of a sender, undefined when unknown or disabled. */
  senderKey(nodeCode: string): Sm2PublicKey | undefined;
  /** Our decryption key. */
  recipientKey: Sm2PrivateKey;
  /** Records the nonce; false when this sender already used it. Only called after the signature verified. */
  rememberNonce(nodeCode: string, nonce: string, timestamp: Date): Promise<boolean>;
  now(): Date;
  maxSkewMs: number;
  /**
   * Told the sender once its signature verified: a refusal after this point is the sender's own
   * (replay, decryption, digest, message), one before it proves nothing about who sent it.
   */
  onSignatureVerified?(nodeCode: string): void;
}

export interface OpenedMessage {
  params: SecureMessage;
  message: ReportMessage;
  plaintext: Buffer;
}

/**
 * The receiving side, in the published order: parameter validation, timestamp window, known node,
 * signature, replay, decryption, digest, message validation. Each refusal is an AppError with its own
 * code (docs/ops-report-contract.md). Nothing is decrypted for a caller that has not proven who it is.
 */
export async function openSecureMessage(raw: unknown, deps: OpenDeps): Promise<OpenedMessage> {
  const p = checkSecureParams(raw);
  if (!p.ok) {
    const code =
      p.problem === 'missing' ? ReturnCode.MISSING_PARAMETER : p.problem === 'type' ? ReturnCode.BAD_PARAMETER_TYPE : ReturnCode.BAD_PARAMETER_FORMAT;
    throw new AppError(code, p.detail, { field: p.field });
  }
  const m = p.value;
  const ts = new Date(m.timestamp);
  if (Number.isNaN(ts.getTime())) throw new AppError(ReturnCode.BAD_PARAMETER_FORMAT, 'timestamp is not a valid time', { field: 'timestamp' });
  const skew = Math.abs(deps.now().getTime() - ts.getTime());
  if (skew > deps.maxSkewMs) throw new AppError(ReturnCode.TIMESTAMP_OUT_OF_WINDOW, `skew ${Math.round(skew / 1000)} s`, { field: 'timestamp' });
  const key = deps.senderKey(m.nodeCode);
  if (!key) throw new AppError(ReturnCode.UNKNOWN_NODE, m.nodeCode, { field: 'nodeCode' });
  let verified = false;
  try {
    verified = key.verify(signingString(m), Buffer.from(m.signature, 'base64'));
  } catch (err) {
    if (!(err instanceof GmCryptoError)) throw err;
  }
  if (!verified) throw new AppError(ReturnCode.SIGNATURE_INVALID, undefined, { field: 'signature' });
  deps.onSignatureVerified?.(m.nodeCode);
  if (!(await deps.rememberNonce(m.nodeCode, m.nonce, ts))) throw new AppError(ReturnCode.REPLAYED, m.nonce, { field: 'nonce' });
  const plaintext = decrypt(m, deps.recipientKey);
  if (sm3(plaintext).toString('hex') !== m.payloadDigest) throw new AppError(ReturnCode.DIGEST_MISMATCH, undefined, { field: 'payloadDigest' });
  const check = checkReportMessage(plaintext, { nodeCode: m.nodeCode, category: m.category, mode: m.mode });
  if (!check.ok) {
    const code =
      check.kind === 'empty'
        ? ReturnCode.MESSAGE_EMPTY
        : check.kind === 'malformed'
          ? ReturnCode.MESSAGE_MALFORMED
          : check.kind === 'mismatch'
            ? ReturnCode.CATEGORY_MISMATCH
            : ReturnCode.MESSAGE_INVALID;
    throw new AppError(code, check.detail, check.violations ? { violations: check.violations } : undefined);
  }
  return { params: m, message: check.message, plaintext };
}

function decrypt(m: SecureMessage, key: Sm2PrivateKey): Buffer {
  const opts = { mode: m.cipherMode, format: m.cipherFormat };
  try {
    if (m.encryption === 'SM2') return key.decrypt(Buffer.from(m.payload, 'base64'), opts);
    return openSm4Envelope(
      key,
      { encryptedKey: Buffer.from(m.encryptedKey ?? '', 'base64'), iv: Buffer.from(m.iv ?? '', 'base64'), ciphertext: Buffer.from(m.payload, 'base64') },
      opts,
    );
  } catch (err) {
    if (err instanceof GmCryptoError) throw new AppError(ReturnCode.DECRYPTION_FAILED, err.code);
    throw err;
  }
}
