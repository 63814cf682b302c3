import { type Component, defineComponent, h } from 'vue';
import AccountAdminPage from './AccountAdminPage.vue';
import AuditLogPage from './AuditLogPage.vue';
import type { AccountsEndpoints, AuditEndpoints } from './endpoints';

export * from './endpoints';
export { AUDIT_ADMIN_ROLES, SECURITY_ADMIN_ROLES } from './labels';

/** 账号管理 bound to a console's account routes: `{ path: '/accounts', component: accountAdminPage(endpoints) }`. */
export function accountAdminPage(api: AccountsEndpoints): Component {
  return defineComponent({ name: 'AccountAdmin', setup: () => () => h(AccountAdminPage, { api }) });
}

/** 审计日志 bound to a console's audit route. */
export function auditLogPage(api: AuditEndpoints): Component {
  return defineComponent({ name: 'AuditLog', setup: () => () => h(AuditLogPage, { api }) });
}
