/** Error codes carried in `<ex:code>` of every Fault the kit emits. */
export const FAULT_NS = 'urn:gov-exchange:fault:v1';

export type FaultSide = 'client' | 'server';

export interface FaultCodeInfo {
  readonly code: string;
  readonly userMessage: string;
  readonly side: FaultSide;
  /** HTTP status used when the kit itself rejects the request. */
  readonly httpStatus: number;
}

const def = (code: string, userMessage: string, side: FaultSide, httpStatus: number): FaultCodeInfo =>
  Object.freeze({ code, userMessage, side, httpStatus });

export const FAULTS = Object.freeze({
  AUTH_FAILED: def('1001', '认证失败', 'client', 500),
  BAD_REQUEST: def('1002', '请求格式错误', 'client', 500),
  FORBIDDEN_DTD: def('1003', '请求包含不允许的 DTD', 'client', 500),
  BODY_TOO_LARGE: def('1004', '请求体过大', 'client', 413),
  UNSUPPORTED_MEDIA: def('1005', '不支持的内容类型或内容编码', 'client', 415),
  BAD_ENCODING: def('1006', '请求体编码无效', 'client', 400),
  UNKNOWN_OPERATION: def('1007', '不支持的操作', 'client', 500),
  INTERNAL: def('5000', '内部错误', 'server', 500),
  NOT_READY: def('5001', '服务未就绪', 'server', 503),
  TIMEOUT: def('5002', '处理超时', 'server', 500),
  BUSY: def('5003', '服务繁忙，请稍后重试', 'server', 503),
});
