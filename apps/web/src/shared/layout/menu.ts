/** One entry of a console's left menu; `roles` limits who sees it (the server checks again). */
export interface MenuEntry {
  path: string;
  title: string;
  /** menu group shown as the first breadcrumb step */
  group?: string;
  roles?: string[];
  /** a page reached from another page (e.g. a detail by its key), not listed in the menu */
  hidden?: boolean;
}

export function visibleMenu(menu: MenuEntry[], role: string | undefined): MenuEntry[] {
  return menu.filter((m) => !m.hidden).filter((m) => !m.roles || (role !== undefined && m.roles.includes(role)));
}
