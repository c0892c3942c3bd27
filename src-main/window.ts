// The one hardened BrowserWindow and the locks around it: Electron's security checklist
// (docs/security.md) items 2–15 live here. Everything is written out literally so a reviewer
// (and Electronegativity) can see each setting without following indirection.
import { BrowserWindow, dialog, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { checkExternalUrl } from '../src-shared/external-url';
import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './app-protocol';
import { CoreError } from './core/types';
import { developmentCsp, PRODUCTION_CSP } from './csp';

/** Where the renderer comes from: the build folder served as app://triage-desk/ (built and
 *  packaged apps), or electron-vite's dev server. */
export type RendererSource = { kind: 'app'; rootDir: string } | { kind: 'dev'; url: string };

/** A packaged app always loads its own files; electron-vite dev sets ELECTRON_RENDERER_URL. */
export function chooseRendererSource(opts: { packaged: boolean; devUrl: string | undefined; rendererDir: string }): RendererSource {
  if (!opts.packaged && opts.devUrl) return { kind: 'dev', url: opts.devUrl };
  return { kind: 'app', rootDir: opts.rendererDir };
}

export function rendererUrl(source: RendererSource): string {
  return source.kind === 'app' ? APP_INDEX_URL : source.url;
}

const isAppUrl = (url: URL) => url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;

/** Our own page and nothing else: exactly app://triage-desk/index.html (any hash or query), or
 *  in development the dev server's origin. */
export function isOwnUrl(source: RendererSource, raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (source.kind === 'app') return isAppUrl(url) && url.pathname === new URL(APP_INDEX_URL).pathname;
  return url.origin === new URL(source.url).origin;
}

export function contentSecurityPolicy(source: RendererSource): string {
  return source.kind === 'dev' ? developmentCsp(new URL(source.url).origin) : PRODUCTION_CSP;
}

/**
 * Session-wide locks: deny every permission (camera, notifications, clipboard-read, …), send the
 * CSP with every response (the app:// handler and the <meta> in index.html carry it too), refuse
 * requests for anything but the app's own files (all network work happens in main), and refuse
 * every download.
 */
export function lockDownSession(ses: Session, source: RendererSource): void {
  const csp = contentSecurityPolicy(source);
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAppRequest(source, details.url) });
  });
  // Nothing the page does may write a file: a link to a download, a blob saved by script.
  ses.on('will-download', (event) => event.preventDefault());
}

/** What the page may load: its own bundle (app://triage-desk/, whose handler serves only the
 *  renderer folder; or the dev server), inline data/blob URLs and devtools. Not files on disk,
 *  not the network. */
export function isAppRequest(source: RendererSource, raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'devtools:'].includes(url.protocol)) return true;
  if (source.kind === 'app') return isAppUrl(url);
  const own = new URL(source.url);
  return url.host === own.host && ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol);
}

/** Locks for any web contents (the app window, devtools, anything Electron creates): no
 *  navigation away from our page, no new windows, no <webview>. */
export function lockDownContents(contents: WebContents, isOwn: (url: string) => boolean): void {
  contents.on('will-navigate', (event) => {
    if (!isOwn(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isOwn(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOwn(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  // Links never open a window. The renderer asks the person first, then calls app:open-external.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * A link leaves the app only here: checked in main against the active profile's own helpdesk and
 * the Anthropic console (checkExternalUrl), confirmed by the person in a native dialog showing the
 * full address, and passed on normalised (`new URL(raw).href`), never as the raw string.
 * Resolves false when the person said no.
 */
export async function openAllowedExternal(url: string, ownSubdomain?: string): Promise<boolean> {
  const checked = checkExternalUrl(url, ownSubdomain);
  if (!checked.ok) throw new CoreError('not_allowed', checked.message);
  const href = checked.href;
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: 'Open link',
    message: 'Open this link in your browser?',
    detail: href,
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (response !== 1) return false;
  await shell.openExternal(href);
  return true;
}

export interface MainWindowOptions {
  preloadPath: string;
  source: RendererSource;
  icon?: string;
  /** app.isPackaged: a packaged build cannot open DevTools */
  packaged: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Triage Desk',
    backgroundColor: '#f5f6f8',
    autoHideMenuBar: true,
    icon: options.icon,
    webPreferences: {
      preload: options.preloadPath,
      // The renderer gets no Node, its own JS world, and Chromium's OS sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // webSecurity is deliberately not set: Electron's default (on) is what we want.
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open a new window.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      // DevTools only from a checkout (npm start, a local build); never in a packaged app.
      devTools: !options.packaged,
    },
  });
  lockDownSession(window.webContents.session, options.source);
  lockDownContents(window.webContents, (url) => isOwnUrl(options.source, url));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl(options.source));
  return window;
}
