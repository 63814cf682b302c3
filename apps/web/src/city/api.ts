import { createApiClient, unwrap } from '@web/shared/api/client';
import { type AuthEndpoints, useSession } from '@web/shared/auth/session';
import type { components, paths } from '@web/generated/city-supervisor';

/** The city supervisor's REST API, typed from docs/openapi/city-supervisor.json. */
export const api = createApiClient<paths>({
  token: () => useSession().token,
  onUnauthorized: () => useSession().expired(),
});

export type Schemas = components['schemas'];

export const cityAuth: AuthEndpoints = {
  login: (username, password) => unwrap(api.POST('/city/api/auth/login', { body: { username, password } })),
  me: () => unwrap(api.GET('/city/api/auth/me')),
  logout: async () => {
    await unwrap(api.POST('/city/api/auth/logout'));
  },
  changePassword: async (oldPassword, newPassword) => {
    await unwrap(api.PUT('/city/api/auth/password', { body: { oldPassword, newPassword } }));
  },
};
