import type { Component } from 'vue';
import { roleGated } from '@web/shared/components/role-gated';

/** the city's monitors (市运维监管员); the 三员 officers see only their pages */
export const CITY_ROLES = ['CITY_MONITOR'];

/** A page of the city monitors: anyone else reaching its URL reads 无权限 (and the page calls nothing). */
export const cityOnly = (page: Component, what: string): Component => roleGated(CITY_ROLES, page, what, 'CityOnly');
