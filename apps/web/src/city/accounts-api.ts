import { unwrap } from '@web/shared/api/client';
import type { AccountsEndpoints, AuditEndpoints } from '@web/shared/pages/accounts';
import { api, type Schemas } from './api';

/*
 * The shared account pages bound to the city's account routes (/city/api/security/*, /city/api/audit/logs)
 * through the generated client: a changed DTO breaks this file's type check, not the screen.
 */
type Role = Schemas['CreateAccountDto']['role'];

export const cityAccounts: AccountsEndpoints = {
  roles: async () => (await unwrap(api.GET('/city/api/security/policy'))).roles,
  list: (q) =>
    unwrap(
      api.GET('/city/api/security/accounts', {
        params: { query: { role: q.role as Role | undefined, status: q.status, page: q.page, pageSize: q.pageSize } },
      }),
    ),
  create: (d) => unwrap(api.POST('/city/api/security/accounts', { body: { ...d, role: d.role as Role } })),
  update: (username, patch) =>
    unwrap(api.PATCH('/city/api/security/accounts/{username}', { params: { path: { username } }, body: { ...patch, role: patch.role as Role | undefined } })),
  disable: (username, reason) => unwrap(api.POST('/city/api/security/accounts/{username}/disable', { params: { path: { username } }, body: { reason } })),
  enable: (username) => unwrap(api.POST('/city/api/security/accounts/{username}/enable', { params: { path: { username } } })),
  unlock: (username) => unwrap(api.POST('/city/api/security/accounts/{username}/unlock', { params: { path: { username } } })),
  resetPassword: (username) => unwrap(api.POST('/city/api/security/accounts/{username}/reset-password', { params: { path: { username } } })),
};

export const cityAudit: AuditEndpoints = {
  logs: (q) => unwrap(api.GET('/city/api/audit/logs', { params: { query: q } })),
};
