/** One entry of a console's left menu; `roles` limits who sees it (the server checks again). */
export interface MenuEntry {
  path: string;
  title: string;
  /** menu group shown as the first breadcrumb step */
  group?: string;
  /** menu and route limited to these roles (others reaching the URL are sent home) */
  roles?: string[];
  /**
   * menu only: shown to these roles, the route stays open so that a page reached by URL can say
   * 无权限 itself (RoleGate) instead of a silent redirect; the server refuses the calls anyway
   */
  menuRoles?: string[];
  /** a page reached from another page (e.g. a detail by its key), not listed in the menu */
  hidden?: boolean;
}

export function visibleMenu(menu: MenuEntry[], role: string | undefined): MenuEntry[] {
  const may = (roles: string[] | undefined) => !roles || (role !== undefined && roles.includes(role));
  return menu.filter((m) => !m.hidden && may(m.roles) && may(m.menuRoles));
}
