import { createApiClient, unwrap } from '@web/shared/api/client';
import { type AuthEndpoints, useSession } from '@web/shared/auth/session';
import type { components, paths } from '@web/generated/ops-node';

/** The district ops node's REST API, typed from docs/openapi/ops-node.json. */
export const api = createApiClient<paths>({
  token: () => useSession().token,
  onUnauthorized: () => useSession().expired(),
});

export type Schemas = components['schemas'];

export const opsAuth: AuthEndpoints = {
  login: (username, password) => unwrap(api.POST('/ops/api/auth/login', { body: { username, password } })),
  me: () => unwrap(api.GET('/ops/api/auth/me')),
  logout: async () => {
    await unwrap(api.POST('/ops/api/auth/logout'));
  },
  changePassword: async (oldPassword, newPassword) => {
    await unwrap(api.PUT('/ops/api/auth/password', { body: { oldPassword, newPassword } }));
  },
};
