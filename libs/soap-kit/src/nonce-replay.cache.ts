export type RememberResult = 'fresh' | 'replay' | 'full';

/**
 * Where single-use nonces are remembered. The in-memory NonceReplayCache answers synchronously; a
 * durable store shared by replicas and transports (SqlNonceStore) answers with a promise, and a
 * rejected promise means "cannot tell" (the caller refuses with an internal error, never accepts).
 */
export interface NonceStore {
  /** Checks and records `key` until `expiresAtMs`, atomically: of two concurrent calls with one key, one is 'fresh'. */
  checkAndRemember(key: string, expiresAtMs: number, nowMs: number): RememberResult | Promise<RememberResult>;
}

export interface NonceReplayCacheOptions {
  /** Hard cap on remembered nonces; when reached and nothing has expired, new nonces are refused (fail closed). */
  maxEntries?: number;
  /** Minimum pause between full expiry sweeps. */
  sweepIntervalMs?: number;
}

/**
 * In-memory "seen nonce" set. Each nonce is kept until the last moment its message could still be
 * accepted (Created + allowed skew), so a replay inside the window is always detected.
 * Single process only: behind several instances use sticky routing or a shared store.
 */
export class NonceReplayCache implements NonceStore {
  private readonly entries = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly sweepIntervalMs: number;
  private lastSweep = 0;

  constructor(options: NonceReplayCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 100_000;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 1_000;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Atomically checks and records `key` until `expiresAtMs`. */
  checkAndRemember(key: string, expiresAtMs: number, nowMs: number = Date.now()): RememberResult {
    const seen = this.entries.get(key);
    if (seen !== undefined) {
      if (seen > nowMs) return 'replay';
      this.entries.delete(key);
    }
    if (this.entries.size >= this.maxEntries) {
      this.sweep(nowMs, true);
      if (this.entries.size >= this.maxEntries) return 'full';
    } else {
      this.sweep(nowMs, false);
    }
    this.entries.set(key, expiresAtMs);
    return 'fresh';
  }

  clear(): void {
    this.entries.clear();
  }

  private sweep(nowMs: number, underPressure: boolean): void {
    if (!underPressure && nowMs - this.lastSweep < this.sweepIntervalMs * 60) return;
    if (underPressure && nowMs - this.lastSweep < this.sweepIntervalMs) return;
    this.lastSweep = nowMs;
    for (const [key, expiresAt] of this.entries) {
      if (expiresAt <= nowMs) this.entries.delete(key);
    }
  }
}
