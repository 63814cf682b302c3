import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { apiErrorOf, NETWORK_ERROR } from './api-error';

/** Where a console's client finds the session token, and whom it tells when the session is gone. */
export interface TokenSource {
  token(): string | null;
  /** the API answered 401: the session expired or was revoked */
  onUnauthorized(): void;
}

/**
 * A typed client of one app's REST API, generated from its OpenAPI document (docs/openapi/<app>.json
 * → src/generated/<app>.ts). Adds the session's Bearer token; a 401 ends the session on the screen.
 */
export function createApiClient<Paths extends object>(tokens: TokenSource): Client<Paths> {
  const client = createClient<Paths>({ baseUrl: '' });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = tokens.token();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) tokens.onUnauthorized();
      return response;
    },
  };
  client.use(auth);
  return client;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a call, or an ApiError with the platform's Chinese message and code.
 * `await unwrap(api.GET('/api/v1/items', { params: { query } }))`
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch {
    throw NETWORK_ERROR();
  }
  if (!result.response.ok) throw apiErrorOf(result.response, result.error);
  return result.data as T;
}
