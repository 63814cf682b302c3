import { mountConsole } from '@web/shared/console-app';
import { workbenchAuth } from './api';
import HomePage from './pages/HomePage.vue';
import ItemCatalogPage from './pages/ItemCatalogPage.vue';

mountConsole({
  title: '综窗受理工作台',
  subtitle: '一窗受理 · 集成服务',
  auth: workbenchAuth,
  pages: [
    { path: '/', title: '工作台首页', component: HomePage },
    { path: '/items', title: '事项目录', group: '受理', component: ItemCatalogPage },
  ],
});
