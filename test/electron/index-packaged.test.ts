// A packaged app (app.isPackaged) against the mocked electron module: it loads its own files from
// app:// even when ELECTRON_RENDERER_URL is set, DevTools are off in the window and absent from
// the menu, and downloads are refused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

import { electronEvent, electronState } from './electron-mock';
import type { FakeBrowserWindow } from './electron-mock';
import { appMenuTemplate, menuRoles } from '../../src-main/menu';
import type { MenuItemTemplate } from '../../src-main/menu';
import { chooseRendererSource } from '../../src-main/window';

let window: FakeBrowserWindow;

beforeAll(async () => {
  electronState.packaged = true;
  vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
  await import('../../src-main/index');
  await new Promise((r) => setImmediate(r));
  window = electronState.windows[0] as FakeBrowserWindow;
});

afterAll(() => {
  vi.unstubAllEnvs();
  electronState.appEvents.emit('will-quit', electronEvent());
  if (electronState.userData) rmSync(electronState.userData, { recursive: true, force: true });
});

describe('packaged app', () => {
  it('loads app://triage-desk/index.html, never the dev server', () => {
    expect(window.loaded).toEqual({ url: 'app://triage-desk/index.html' });
    expect(electronState.protocolHandlers.has('app')).toBe(true);
  });

  it('cannot open DevTools: off in webPreferences, no toggle anywhere in the menu', () => {
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs['devTools']).toBe(false);
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    const roles = menuRoles(electronState.applicationMenu as MenuItemTemplate[]);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'reload']));
  });

  it('refuses downloads', () => {
    const event = electronEvent();
    window.webContents.session.emit('will-download', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('packaged-mode options (plain functions)', () => {
  it('the menu offers DevTools only from a checkout, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      expect(menuRoles(appMenuTemplate({ packaged: true, platform }))).not.toContain('toggleDevTools');
      expect(menuRoles(appMenuTemplate({ packaged: false, platform }))).toContain('toggleDevTools');
    }
    expect(menuRoles(appMenuTemplate({ packaged: true, platform: 'darwin' }))[0]).toBe('appMenu');
  });

  it('the renderer source: app:// when packaged or built, the dev server only from a checkout', () => {
    const rendererDir = '/opt/triage/resources/app.asar/out/renderer';
    expect(chooseRendererSource({ packaged: true, devUrl: 'http://localhost:5173', rendererDir })).toEqual({
      kind: 'app',
      rootDir: rendererDir,
    });
    expect(chooseRendererSource({ packaged: false, devUrl: undefined, rendererDir })).toEqual({ kind: 'app', rootDir: rendererDir });
    expect(chooseRendererSource({ packaged: false, devUrl: 'http://localhost:5173', rendererDir })).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173',
    });
  });
});
