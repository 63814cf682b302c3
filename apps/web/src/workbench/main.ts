import { mountConsole } from '@web/shared/console-app';
import { accountAdminPage, AUDIT_ADMIN_ROLES, auditLogPage, SECURITY_ADMIN_ROLES } from '@web/shared/pages/accounts';
import { workbenchAccounts, workbenchAudit } from './accounts-api';
import { workbenchAuth } from './api';
import ApplicationDetailPage from './pages/ApplicationDetailPage.vue';
import ApplicationsPage from './pages/ApplicationsPage.vue';
import DispatchHoldsPage from './pages/DispatchHoldsPage.vue';
import HomePage from './pages/HomePage.vue';
import ItemCatalogPage from './pages/ItemCatalogPage.vue';
import PrintPage from './pages/PrintPage.vue';
import RegisterPage from './pages/RegisterPage.vue';

const WINDOW = ['OPERATOR', 'APPROVER'];

mountConsole({
  title: '综窗受理工作台',
  subtitle: '一窗受理 · 集成服务',
  auth: workbenchAuth,
  pages: [
    { path: '/', title: '工作台首页', component: HomePage },
    { path: '/items', title: '事项目录', group: '受理', roles: WINDOW, component: ItemCatalogPage },
    { path: '/register', title: '受理登记', group: '受理', roles: WINDOW, component: RegisterPage },
    { path: '/applications', title: '申报件办理', group: '受理', roles: WINDOW, component: ApplicationsPage },
    { path: '/applications/:applyNo', title: '申报件详情', group: '受理', roles: WINDOW, hidden: true, component: ApplicationDetailPage },
    { path: '/applications/:applyNo/print/:kind', title: '打印', group: '受理', roles: WINDOW, hidden: true, component: PrintPage },
    // 审批账号 and the officers (三员分立): menu by role; anyone else reaching the URL reads 无权限
    // loaded on demand: ECharts stays out of the first load
    { path: '/supervision', title: '电子监察', group: '审批管理', menuRoles: ['APPROVER', 'OPERATOR'], component: () => import('./pages/SupervisionPage.vue') },
    { path: '/dispatch-holds', title: '分发暂停', group: '审批管理', menuRoles: ['APPROVER'], component: DispatchHoldsPage },
    { path: '/accounts', title: '账号管理', group: '系统管理', menuRoles: SECURITY_ADMIN_ROLES, component: accountAdminPage(workbenchAccounts) },
    { path: '/audit-logs', title: '审计日志', group: '系统管理', menuRoles: AUDIT_ADMIN_ROLES, component: auditLogPage(workbenchAudit) },
  ],
});
