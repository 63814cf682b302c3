import { createApiClient, unwrap } from '@web/shared/api/client';
import { type AuthEndpoints, useSession } from '@web/shared/auth/session';
import type { components, paths } from '@web/generated/one-window';

/** The one-window platform's REST API, typed from docs/openapi/one-window.json. */
export const api = createApiClient<paths>({
  token: () => useSession().token,
  onUnauthorized: () => useSession().expired(),
});

export type Schemas = components['schemas'];

export const workbenchAuth: AuthEndpoints = {
  login: (username, password) => unwrap(api.POST('/api/v1/auth/login', { body: { username, password } })),
  me: () => unwrap(api.GET('/api/v1/auth/me')),
  logout: async () => {
    await unwrap(api.POST('/api/v1/auth/logout'));
  },
  changePassword: async (oldPassword, newPassword) => {
    await unwrap(api.PUT('/api/v1/auth/password', { body: { oldPassword, newPassword } }));
  },
};
