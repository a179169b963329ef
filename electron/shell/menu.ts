/**
 * The application menu, built from its template (menu-template.ts).
 */
import { Menu } from 'electron';
import { applicationMenuTemplate, type BenchMenuActions, type BenchMenuOptions } from './menu-template.js';

export type { BenchMenuActions } from './menu-template.js';

export function buildApplicationMenu(actions: BenchMenuActions, options: BenchMenuOptions): Menu {
  return Menu.buildFromTemplate(applicationMenuTemplate(actions, options));
}
