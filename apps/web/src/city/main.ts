import { defineAsyncComponent } from 'vue';
import { mountConsole } from '@web/shared/console-app';
import { accountAdminPage, AUDIT_ADMIN_ROLES, auditLogPage, SECURITY_ADMIN_ROLES } from '@web/shared/pages/accounts';
import { cityAccounts, cityAudit } from './accounts-api';
import { cityAuth } from './api';
import { CITY_ROLES, cityOnly } from './gate';
import DistrictPage from './pages/DistrictPage.vue';
import HomePage from './pages/HomePage.vue';
import ReportsPage from './pages/ReportsPage.vue';
import WorkOrdersPage from './pages/WorkOrdersPage.vue';

// the chart page loads on demand: ECharts is not in the first load
const AlertStatsPage = defineAsyncComponent(() => import('./pages/AlertStatsPage.vue'));

mountConsole({
  title: '市级运维监管',
  subtitle: '市运维交换监管中心 · 区县运维节点监管',
  auth: cityAuth,
  pages: [
    { path: '/', title: '区县总览', group: '监管', component: HomePage },
    { path: '/district', title: '区县详情', group: '监管', menuRoles: CITY_ROLES, component: cityOnly(DistrictPage, '区县详情') },
    { path: '/alert-stats', title: '告警统计', group: '监管', menuRoles: CITY_ROLES, component: cityOnly(AlertStatsPage, '告警统计') },
    { path: '/reports', title: '上报与拒收', group: '监管', menuRoles: CITY_ROLES, component: cityOnly(ReportsPage, '上报与拒收') },
    { path: '/work-orders', title: '协同工单', group: '运维协同', menuRoles: CITY_ROLES, component: cityOnly(WorkOrdersPage, '协同工单') },
    { path: '/accounts', title: '账号管理', group: '系统管理', menuRoles: SECURITY_ADMIN_ROLES, component: accountAdminPage(cityAccounts) },
    { path: '/audit-logs', title: '审计日志', group: '系统管理', menuRoles: AUDIT_ADMIN_ROLES, component: auditLogPage(cityAudit) },
  ],
});
