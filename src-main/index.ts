// App lifecycle: one instance, one hardened window, the Electron-free core built with the
// Electron adapters (safeStorage cipher, electron-store), IPC bound to the window, and the
// active profile re-checked at start and whenever the machine comes back online or wakes up.
// Built and packaged apps load the renderer from app://triage-desk/ (./app-protocol.ts).
import { app, Menu, net, powerMonitor, protocol } from 'electron';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTriageCore } from './core';
import type { TriageCore } from './core';
import { APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { bindIpc } from './ipc';
import { appMenuTemplate } from './menu';
import type { IpcBridge } from './ipc';
import { createSafeStorageCipher } from './platform/safe-storage-cipher';
import { openVaultStore } from './platform/store';
import { chooseRendererSource, createMainWindow, isOwnUrl, lockDownContents, openAllowedExternal } from './window';

/** How often main looks at connectivity; Electron's main process has no "online" event. */
const ONLINE_POLL_MS = 15_000;

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// Checklist item 4: every renderer sandboxed, before any window exists.
app.enableSandbox();

// The Electron smoke test runs the app against a throwaway profile folder, never the person's.
const testUserData = process.env['TRIAGE_USER_DATA_DIR'];
if (!app.isPackaged && testUserData) app.setPath('userData', testUserData);

if (!app.requestSingleInstanceLock()) {
  // Two instances would race on the settings file; the first one gets focus instead.
  app.quit();
} else {
  start();
}

function start(): void {
  // app:// must be known as standard (real origin, relative URLs) and secure before ready.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
  let window: BrowserWindow | undefined;
  let core: TriageCore | undefined;
  let bridge: IpcBridge | undefined;
  let onlineTimer: NodeJS.Timeout | undefined;
  const source = chooseRendererSource({
    packaged: app.isPackaged,
    devUrl: process.env['ELECTRON_RENDERER_URL'],
    rendererDir: here('../renderer'),
  });
  const ownUrl = (url: string) => isOwnUrl(source, url);

  // Devtools, any future window: the same navigation / window.open / webview locks.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, ownUrl));

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  /** Re-check each window's active profile (a key reset while we were away shows up now). */
  const recheckActiveProfiles = (force: boolean) => {
    if (!core || !bridge) return;
    for (const session of bridge.sessions()) {
      const identifier = session.activeProfile;
      if (!identifier) continue;
      core.accounts.recheck(identifier, { force }).catch(() => {
        // recheck reports through the profile's status; a failure here is not the person's problem
      });
    }
  };

  void app.whenReady().then(() => {
    if (source.kind === 'app') protocol.handle(APP_SCHEME, createAppProtocolHandler(source.rootDir));
    // Our own menu: the default one offers Toggle Developer Tools, which a packaged app must not.
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate({ packaged: app.isPackaged, platform: process.platform }) as MenuItemConstructorOptions[]),
    );
    // safeStorage is usable only after ready, so the core is built here.
    const opened = openVaultStore();
    core = createTriageCore({
      store: opened.store,
      cipher: createSafeStorageCipher(),
      startupNotices: opened.notices,
      dataDir: app.getPath('userData'),
    });
    // The MCP server runs while the app does, when the person turned it on (docs/mcp.md).
    void core.mcp.restore();
    bridge = bindIpc({
      core,
      appVersion: app.getVersion(),
      platform: process.platform,
      isOwnUrl: ownUrl,
      openExternal: openAllowedExternal,
    });
    window = createMainWindow({
      preloadPath: here('../preload/index.cjs'),
      source,
      packaged: app.isPackaged,
      // Packaged builds carry their icon in the bundle; from a checkout, use resources/.
      icon: [here('../../resources/icon.png')].find((p) => !app.isPackaged && existsSync(p)),
    });
    bridge.attach(window);
    // A window starts without an active profile (the page picks one through profiles:switch), so
    // this first pass matters after a reload of the page; the network and wake-up passes below
    // cover the long-running case.
    window.webContents.on('did-finish-load', () => recheckActiveProfiles(false));

    let wasOnline = net.isOnline();
    onlineTimer = setInterval(() => {
      const online = net.isOnline();
      if (online && !wasOnline) recheckActiveProfiles(true);
      wasOnline = online;
    }, ONLINE_POLL_MS);
    powerMonitor.on('resume', () => recheckActiveProfiles(true));
  });

  app.on('window-all-closed', () => app.quit());

  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !core) return;
    // Give the core a moment to finish writes (drafts, settings) and close connections.
    closing = true;
    event.preventDefault();
    if (onlineTimer) clearInterval(onlineTimer);
    bridge?.dispose();
    void Promise.allSettled([core.close()]).then(() => app.quit());
  });
}
