import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './theme.css';
import { type Component, createApp, h } from 'vue';
import { createRouter, createWebHistory, type RouteComponent, RouterView, type RouteRecordRaw } from 'vue-router';
import { type AuthEndpoints, useSession } from './auth/session';
import ConsoleLayout from './layout/ConsoleLayout.vue';
import type { MenuEntry } from './layout/menu';
import LoginPage from './pages/LoginPage.vue';
import PasswordPage from './pages/PasswordPage.vue';

export interface ConsoleDefinition {
  /** the system's name on the login page and above the menu */
  title: string;
  subtitle?: string;
  /** left menu, in order; each entry's page (or `() => import(…)` for a page loaded on demand, in a chunk of its own) */
  pages: Array<MenuEntry & { component: Component | (() => Promise<RouteComponent | { default: RouteComponent }>) }>;
  auth: AuthEndpoints;
}

/**
 * Mounts a console: Element Plus in Chinese, the session, the login and password pages, the
 * layout with the console's menu, and a guard that sends anyone without a session to the login
 * page (and anyone who must change the password to that page first).
 */
export function mountConsole(def: ConsoleDefinition, el = '#app'): void {
  const app = createApp({ render: () => h(RouterView) });
  const pinia = createPinia();
  app.use(pinia);
  const session = useSession(pinia);
  session.bind(def.auth);

  const routes: RouteRecordRaw[] = [
    { path: '/login', component: LoginPage, props: { title: def.title, subtitle: def.subtitle }, meta: { public: true } },
    {
      path: '/',
      component: ConsoleLayout,
      props: { title: def.title, menu: def.pages.map(({ component: _c, ...m }) => m) },
      children: [
        ...def.pages.map((p) => ({ path: p.path === '/' ? '' : p.path.replace(/^\//, ''), component: p.component, meta: { title: p.title, roles: p.roles } })),
        { path: 'password', component: PasswordPage, meta: { title: '修改密码' } },
      ],
    },
    { path: '/:rest(.*)', redirect: '/' },
  ];
  const router = createRouter({ history: createWebHistory('/'), routes });
  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    const account = await session.restore();
    if (!account) return { path: '/login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
    if (account.mustChangePassword && to.path !== '/password') return '/password';
    const roles = to.meta.roles as string[] | undefined;
    if (roles && !roles.includes(account.role)) return '/';
    return true;
  });
  // a 401 from any call ends the session on the screen too
  session.$subscribe(() => {
    if (!session.token && router.currentRoute.value.meta.public !== true) void router.push('/login');
  });
  app.use(router);
  app.use(ElementPlus, { locale: zhCn });
  app.mount(el);
}
