/** A refusal of the API as the screens show it: the platform's return code and its Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly details: unknown = undefined,
    readonly correlationId: string | null = null,
  ) {
    super(message);
  }

  /** The line a screen shows: the message, the code, and the correlation id to quote to the ops desk. */
  get display(): string {
    const ref = [this.code !== null ? `代码 ${this.code}` : null, this.correlationId ? `流水号 ${this.correlationId}` : null].filter(Boolean).join('，');
    return ref ? `${this.message}（${ref}）` : this.message;
  }
}

interface CodedBody {
  code?: unknown;
  message?: unknown;
  details?: unknown;
  correlationId?: unknown;
}

/** Reads the platform's coded error body ({ code, message, details, correlationId }). */
export function apiErrorOf(response: Response, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as CodedBody;
  const details = Array.isArray(b.details) ? b.details.filter((d): d is string => typeof d === 'string') : undefined;
  const message = typeof b.message === 'string' && b.message ? b.message : `请求失败（HTTP ${response.status}）`;
  // a validation refusal carries one Chinese sentence per field: show them all
  const full = details && details.length > 0 ? `${message}：${details.join('；')}` : message;
  return new ApiError(
    response.status,
    typeof b.code === 'string' || typeof b.code === 'number' ? String(b.code) : null,
    full,
    b.details,
    typeof b.correlationId === 'string' ? b.correlationId : null,
  );
}

export const NETWORK_ERROR = () => new ApiError(0, null, '无法连接服务器，请检查网络后重试');
