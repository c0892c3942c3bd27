// The application menu as plain data (index.ts hands it to Menu.buildFromTemplate). Electron's
// default menu has View → Toggle Developer Tools; a packaged app must not, so the menu is ours.
// Electron-free so test/electron/index-packaged.test.ts checks it under Node.

/** The subset of Electron's MenuItemConstructorOptions we use: roles only, no callbacks. */
export interface MenuItemTemplate {
  role?: string;
  label?: string;
  type?: 'separator';
  submenu?: MenuItemTemplate[];
}

export function appMenuTemplate(opts: { packaged: boolean; platform: string }): MenuItemTemplate[] {
  const view: MenuItemTemplate[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    ...(opts.packaged ? [] : [{ role: 'toggleDevTools' }]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(opts.platform === 'darwin' ? [{ role: 'appMenu' }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

/** Every role in a template, depth first (what the tests look through). */
export function menuRoles(items: MenuItemTemplate[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...menuRoles(item.submenu ?? [])]);
}
