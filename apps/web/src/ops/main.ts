import { defineAsyncComponent } from 'vue';
import { mountConsole } from '@web/shared/console-app';
import { accountAdminPage, AUDIT_ADMIN_ROLES, auditLogPage, SECURITY_ADMIN_ROLES } from '@web/shared/pages/accounts';
import { opsAccounts, opsAudit } from './accounts-api';
import { opsAuth } from './api';
import { OPS_ROLES, opsOnly } from './gate';
import AlertRulesPage from './pages/AlertRulesPage.vue';
import AlertSilencesPage from './pages/AlertSilencesPage.vue';
import AlertsPage from './pages/AlertsPage.vue';
import AppMonitoringPage from './pages/AppMonitoringPage.vue';
import HomePage from './pages/HomePage.vue';
import OnCallPage from './pages/OnCallPage.vue';
import ResourcesPage from './pages/ResourcesPage.vue';
import SystemLogPage from './pages/SystemLogPage.vue';
import WorkOrdersPage from './pages/WorkOrdersPage.vue';

// the chart pages load on demand: ECharts' line, bar and pie are not in the first load
const PerformancePage = defineAsyncComponent(() => import('./pages/PerformancePage.vue'));
const AlertStatsPage = defineAsyncComponent(() => import('./pages/AlertStatsPage.vue'));

mountConsole({
  title: '运维控制台',
  subtitle: '区级运维节点 · 监控与运维管理',
  auth: opsAuth,
  pages: [
    { path: '/', title: '监控总览', group: '监控', component: HomePage },
    { path: '/resources', title: '资源信息', group: '监控', menuRoles: OPS_ROLES, component: opsOnly(ResourcesPage, '资源信息') },
    { path: '/app-monitoring', title: '应用监控', group: '监控', menuRoles: OPS_ROLES, component: opsOnly(AppMonitoringPage, '应用监控') },
    { path: '/performance', title: '性能监管', group: '监控', menuRoles: OPS_ROLES, component: opsOnly(PerformancePage, '性能监管') },
    { path: '/alerts', title: '告警窗口', group: '告警', menuRoles: OPS_ROLES, component: opsOnly(AlertsPage, '告警窗口') },
    { path: '/alert-stats', title: '告警统计', group: '告警', menuRoles: OPS_ROLES, component: opsOnly(AlertStatsPage, '告警统计') },
    { path: '/alert-rules', title: '告警规则', group: '告警', menuRoles: OPS_ROLES, component: opsOnly(AlertRulesPage, '告警规则') },
    { path: '/alert-silences', title: '静默与维护窗口', group: '告警', menuRoles: OPS_ROLES, component: opsOnly(AlertSilencesPage, '静默与维护窗口') },
    { path: '/on-call', title: '值班表', group: '告警', menuRoles: OPS_ROLES, component: opsOnly(OnCallPage, '值班表') },
    { path: '/system-log', title: '系统日志', group: '告警', menuRoles: OPS_ROLES, component: opsOnly(SystemLogPage, '系统日志') },
    { path: '/work-orders', title: '工单管理', group: '运维管理', menuRoles: OPS_ROLES, component: opsOnly(WorkOrdersPage, '工单管理') },
    { path: '/accounts', title: '账号管理', group: '系统管理', menuRoles: SECURITY_ADMIN_ROLES, component: accountAdminPage(opsAccounts) },
    { path: '/audit-logs', title: '审计日志', group: '系统管理', menuRoles: AUDIT_ADMIN_ROLES, component: auditLogPage(opsAudit) },
  ],
});
