/**
 * The published return-code table shared by every interface of the exchange
 * (SOAP Faults, HTTP/JSON error bodies, per-item notification results).
 * docs/return-codes.md is checked against this table by a unit test.
 */
export enum ReturnCode {
  OK = '0000',
  DUPLICATE = '0001',
  STALE_VERSION = '0002',
  DEFERRED = '0003',

  AUTH_FAILED = '1001',
  MISSING_PARAMETER = '1002',
  BAD_PARAMETER = '1003',
  MALFORMED_MESSAGE = '1004',
  MESSAGE_TOO_LARGE = '1005',
  UNSUPPORTED_ENCODING = '1006',
  FORBIDDEN = '1007',
  UNKNOWN_OPERATION = '1008',
  UNKNOWN_ROUTE = '1009',

  NOT_FOUND = '2001',
  RECORD_NOT_IN_FRONT_DB = '2002',
  ILLEGAL_TRANSITION = '2003',
  DEPARTMENT_MISMATCH = '2004',
  MATERIALS_INCOMPLETE = '2005',
  CONFLICT = '2006',
  PASSWORD_POLICY = '2007',
  CALLBACK_INVALID = '2008',
  RESULT_FILE_DIGEST_MISMATCH = '2009',
  IDEMPOTENCY_KEY_REUSED = '2010',
  FILE_TYPE_NOT_ALLOWED = '2011',
  // ops-node work orders (docs/work-order-states.md)
  CHILDREN_OPEN = '2020',
  STALE_WRITE = '2021',

  // ops-node reporting and secure messages (district ⇄ city); see docs/ops-report-contract.md
  BAD_PARAMETER_TYPE = '3001',
  BAD_PARAMETER_FORMAT = '3002',
  TIMESTAMP_OUT_OF_WINDOW = '3003',
  UNKNOWN_NODE = '3004',
  SIGNATURE_INVALID = '3005',
  REPLAYED = '3006',
  DECRYPTION_FAILED = '3007',
  DIGEST_MISMATCH = '3008',
  MESSAGE_EMPTY = '3009',
  MESSAGE_MALFORMED = '3010',
  MESSAGE_INVALID = '3011',
  CATEGORY_MISMATCH = '3012',

  INTERNAL = '5000',
  FRONT_DB_UNAVAILABLE = '5001',
  TIMEOUT = '5002',
  PEER_UNAVAILABLE = '5003',
  NOT_READY = '5004',
  BUSY = '5005',
  SERVICE_UNAVAILABLE = '5006',

  // accounts and sessions of the human-facing apps; see docs/security.md
  NOT_LOGGED_IN = '6001',
  SESSION_ENDED = '6002',
  ACCOUNT_LOCKED = '6003',
  PASSWORD_CHANGE_REQUIRED = '6004',
  ROLE_FORBIDDEN = '6005',
  ACCOUNT_EXISTS = '6006',
  ACCOUNT_NOT_FOUND = '6007',
  OFFICER_RESERVED = '6008',
  DATA_SCOPE_FORBIDDEN = '6009',
}

export interface ReturnCodeInfo {
  message: string;
  httpStatus: number;
  meaning: string;
}

export const RETURN_CODES: Record<ReturnCode, ReturnCodeInfo> = {
  [ReturnCode.OK]: { message: '成功', httpStatus: 200, meaning: 'Processed and applied.' },
  [ReturnCode.DUPLICATE]: { message: '重复通知，已处理', httpStatus: 200, meaning: 'Already taken earlier; nothing applied twice.' },
  [ReturnCode.STALE_VERSION]: { message: '版本已过期', httpStatus: 200, meaning: 'Callback for an older version; recorded in the timeline, state unchanged.' },
  [ReturnCode.DEFERRED]: {
    message: '暂缓处理，等待前序环节',
    httpStatus: 200,
    meaning: 'Arrived before an earlier stage (e.g. 办结 before 受理); left untaken and retried by the scan.',
  },
  [ReturnCode.AUTH_FAILED]: { message: '认证失败', httpStatus: 401, meaning: 'Missing, wrong or replayed credentials.' },
  [ReturnCode.MISSING_PARAMETER]: { message: '参数缺失', httpStatus: 400, meaning: 'A required parameter is absent.' },
  [ReturnCode.BAD_PARAMETER]: { message: '参数类型或取值错误', httpStatus: 400, meaning: 'A parameter has the wrong type, format or value.' },
  [ReturnCode.MALFORMED_MESSAGE]: {
    message: '报文格式错误',
    httpStatus: 400,
    meaning:
      'The message is empty, not well-formed, badly encoded (e.g. a body labelled gzip that is not), contains a DTD, or is JSON nested too deep (more than 32 levels; a SecureMessage must be flat).',
  },
  [ReturnCode.MESSAGE_TOO_LARGE]: { message: '报文过大', httpStatus: 413, meaning: 'Body (after decompression) exceeds the limit.' },
  [ReturnCode.UNSUPPORTED_ENCODING]: { message: '不支持的内容编码', httpStatus: 415, meaning: 'Unsupported Content-Encoding or Content-Type.' },
  [ReturnCode.FORBIDDEN]: { message: '无权操作', httpStatus: 403, meaning: 'Authenticated but not allowed.' },
  [ReturnCode.UNKNOWN_OPERATION]: { message: '不支持的操作', httpStatus: 400, meaning: 'The SOAP operation or path is not offered.' },
  [ReturnCode.UNKNOWN_ROUTE]: {
    message: '接口不存在',
    httpStatus: 404,
    meaning: 'No REST/HTTP route answers this method and path (a mistyped URL); the message names them.',
  },
  [ReturnCode.NOT_FOUND]: {
    message: '申报号或记录不存在',
    httpStatus: 404,
    meaning: 'Unknown application number or record; the message names what is missing (e.g. 告警 A-1 不存在, 运维节点 X 未注册).',
  },
  [ReturnCode.RECORD_NOT_IN_FRONT_DB]: { message: '前置库中无对应记录', httpStatus: 404, meaning: 'Notified record is not (yet) in the front-end database.' },
  [ReturnCode.ILLEGAL_TRANSITION]: {
    message: '非法的状态变更',
    httpStatus: 409,
    meaning: 'The stage is not allowed in the current state; rejected and logged.',
  },
  [ReturnCode.DEPARTMENT_MISMATCH]: {
    message: '部门与申报件不符',
    httpStatus: 403,
    meaning: 'The caller is not the department that handles this application.',
  },
  [ReturnCode.MATERIALS_INCOMPLETE]: { message: '办理材料不齐全', httpStatus: 422, meaning: 'Required materials are missing for submission.' },
  [ReturnCode.CONFLICT]: { message: '当前状态不允许该操作', httpStatus: 409, meaning: 'The operation does not fit the current state.' },
  [ReturnCode.CHILDREN_OPEN]: {
    message: '子工单未全部解决',
    httpStatus: 409,
    meaning: 'A parent work order resolves only when every child order it was split into is resolved or closed; the message names the open ones.',
  },
  [ReturnCode.STALE_WRITE]: {
    message: '工单已被他人修改',
    httpStatus: 409,
    meaning: 'Another operator changed the work order after it was read (its version moved); nothing was changed. Reload it and act again.',
  },
  [ReturnCode.PASSWORD_POLICY]: { message: '密码不符合安全策略', httpStatus: 422, meaning: 'Password fails the configured policy.' },
  [ReturnCode.CALLBACK_INVALID]: {
    message: '回调记录不符合契约',
    httpStatus: 422,
    meaning:
      'The callback record breaks the front-DB contract (办结 outcome not exactly APPROVED or REJECTED, detail not a JSON object, …); taken once with a REJECTED shadow row naming the reason, nothing applied.',
  },
  [ReturnCode.RESULT_FILE_DIGEST_MISMATCH]: {
    message: '结果文件摘要不一致',
    httpStatus: 422,
    meaning: 'A file of the callback (ex_callback_file) does not match its SM3 digest; taken once with a REJECTED shadow row naming the file, nothing applied.',
  },
  [ReturnCode.IDEMPOTENCY_KEY_REUSED]: {
    message: '幂等键已用于内容不同的请求',
    httpStatus: 422,
    meaning: 'The Idempotency-Key was already used by this account for a request with a different body; nothing was created. Use a new key for a new request.',
  },
  [ReturnCode.FILE_TYPE_NOT_ALLOWED]: {
    message: '材料文件类型不允许',
    httpStatus: 415,
    meaning:
      'The uploaded material is not of a type the material accepts (PDF, OFD, JPG, PNG by default), judged by its content, not by its declared type or name.',
  },
  [ReturnCode.BAD_PARAMETER_TYPE]: {
    message: '参数类型错误',
    httpStatus: 400,
    meaning: 'A request parameter has the wrong type (e.g. a number where a string is required).',
  },
  [ReturnCode.BAD_PARAMETER_FORMAT]: {
    message: '参数格式或取值错误',
    httpStatus: 400,
    meaning: 'A request parameter has the right type but a bad format or a value outside its enumeration.',
  },
  [ReturnCode.TIMESTAMP_OUT_OF_WINDOW]: {
    message: '时间戳超出有效期',
    httpStatus: 401,
    meaning: "The request timestamp is too far from the receiver's clock; re-sign with a fresh timestamp.",
  },
  [ReturnCode.UNKNOWN_NODE]: { message: '未注册的运维节点', httpStatus: 401, meaning: 'The node code is not registered with the receiver (or is disabled).' },
  [ReturnCode.SIGNATURE_INVALID]: {
    message: '签名验证失败',
    httpStatus: 401,
    meaning: 'The SM2 signature does not verify with the registered public key of the node.',
  },
  [ReturnCode.REPLAYED]: { message: '重放请求', httpStatus: 409, meaning: 'This nonce was already used by the node; a retry must be signed anew.' },
  [ReturnCode.DECRYPTION_FAILED]: {
    message: '解密失败',
    httpStatus: 400,
    meaning: "The payload (or the wrapped SM4 key) cannot be decrypted with the receiver's SM2 key.",
  },
  [ReturnCode.DIGEST_MISMATCH]: {
    message: '报文摘要不一致',
    httpStatus: 400,
    meaning: 'The SM3 digest of the decrypted payload differs from the signed digest (tampered or mixed-up payload).',
  },
  [ReturnCode.MESSAGE_EMPTY]: { message: '报文内容为空', httpStatus: 400, meaning: 'The decrypted message is empty or has no items where items are required.' },
  [ReturnCode.MESSAGE_MALFORMED]: {
    message: '报文格式不正确',
    httpStatus: 400,
    meaning: 'The decrypted message is not a well-formed JSON object of the contract.',
  },
  [ReturnCode.MESSAGE_INVALID]: {
    message: '报文内容校验失败',
    httpStatus: 422,
    meaning: 'A field of the message is missing, of the wrong type or out of range; details name the field.',
  },
  [ReturnCode.CATEGORY_MISMATCH]: {
    message: '报文类别与参数不符',
    httpStatus: 400,
    meaning: 'The category or node code inside the message differs from the signed request parameters.',
  },
  [ReturnCode.INTERNAL]: { message: '内部错误', httpStatus: 500, meaning: 'Unexpected error; the errorId locates it in the log.' },
  [ReturnCode.FRONT_DB_UNAVAILABLE]: { message: '前置库不可用', httpStatus: 503, meaning: 'The front-end database could not be reached; retry later.' },
  [ReturnCode.TIMEOUT]: { message: '处理超时', httpStatus: 504, meaning: 'Processing timed out; outcome unknown, safe to retry.' },
  [ReturnCode.PEER_UNAVAILABLE]: { message: '对端系统不可用', httpStatus: 503, meaning: 'The peer system did not answer; retry later.' },
  [ReturnCode.NOT_READY]: { message: '服务未就绪', httpStatus: 503, meaning: 'The service is starting; retry shortly.' },
  [ReturnCode.BUSY]: { message: '服务繁忙，请稍后重试', httpStatus: 503, meaning: 'Too many requests in progress; retry later.' },
  [ReturnCode.SERVICE_UNAVAILABLE]: {
    message: '服务暂时不可用，请稍后重试',
    httpStatus: 503,
    meaning:
      'A database the service needs cannot be reached (connection refused or lost, too many connections, no pooled connection in time); retry after the Retry-After seconds. Nothing was committed unless the connection was lost mid-commit, so a retry of a registration should carry an Idempotency-Key.',
  },
  [ReturnCode.NOT_LOGGED_IN]: {
    message: '未登录',
    httpStatus: 401,
    meaning: 'A management route was called without a session token (Authorization: Bearer <token>).',
  },
  [ReturnCode.SESSION_ENDED]: {
    message: '会话已失效，请重新登录',
    httpStatus: 401,
    meaning: 'The session token is unknown, logged out, idle too long, past its maximum age, or its account was closed.',
  },
  [ReturnCode.ACCOUNT_LOCKED]: {
    message: '登录失败次数过多，已暂时锁定',
    httpStatus: 423,
    meaning: 'Too many failed logins for this user name within the window; locked until the time given (known and unknown names alike).',
  },
  [ReturnCode.PASSWORD_CHANGE_REQUIRED]: {
    message: '请先修改密码',
    httpStatus: 403,
    meaning: 'First login, a reset or an expired password: only password change, logout and the own profile are allowed.',
  },
  [ReturnCode.ROLE_FORBIDDEN]: {
    message: '当前角色无权执行该操作',
    httpStatus: 403,
    meaning: 'The account is logged in but its role does not allow this route.',
  },
  [ReturnCode.ACCOUNT_EXISTS]: { message: '账号已存在', httpStatus: 409, meaning: 'An account with this user name exists.' },
  [ReturnCode.ACCOUNT_NOT_FOUND]: { message: '账号不存在', httpStatus: 404, meaning: 'No account has this user name.' },
  [ReturnCode.OFFICER_RESERVED]: {
    message: '不允许的账号操作',
    httpStatus: 403,
    meaning: 'Security and audit officer accounts are created only at installation, and nobody acts on their own account through the admin API.',
  },
  [ReturnCode.DATA_SCOPE_FORBIDDEN]: {
    message: '无权处理其他窗口的申报件',
    httpStatus: 403,
    meaning: 'A clerk may change only the applications of their own window; others are read-only and masked.',
  },
};

const SETTLED = new Set<string>([
  ReturnCode.OK,
  ReturnCode.DUPLICATE,
  ReturnCode.STALE_VERSION,
  ReturnCode.NOT_FOUND,
  ReturnCode.ILLEGAL_TRANSITION,
  ReturnCode.DEPARTMENT_MISMATCH,
  ReturnCode.CALLBACK_INVALID,
  ReturnCode.RESULT_FILE_DIGEST_MISMATCH,
]);

/**
 * Per-item codes of a notification answer that mean "settled, do not resend the notification":
 * taken (possibly as REJECTED), or about an application the receiver does not know.
 */
export function isSettled(code: string): boolean {
  return SETTLED.has(code);
}
