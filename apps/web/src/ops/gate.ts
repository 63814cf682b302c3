import type { Component } from 'vue';
import { roleGated } from '@web/shared/components/role-gated';

/** the ops node's own staff; the 三员 officers see only their pages */
export const OPS_ROLES = ['OPS_ENGINEER', 'OPS_ADMIN'];

/** A page of the ops staff: anyone else reaching its URL reads 无权限 (and the page calls nothing). */
export const opsOnly = (page: Component, what: string): Component => roleGated(OPS_ROLES, page, what, 'OpsOnly');
