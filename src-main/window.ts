// The one hardened BrowserWindow and the locks around it: Electron's security checklist
// (docs/security.md) items 2–15 live here. Everything is written out literally so a reviewer
// (and Electronegativity) can see each setting without following indirection.
import { BrowserWindow, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { isAllowedExternalUrl } from '../src-shared/contract/app';
import { CoreError } from './core/types';
import { developmentCsp, PRODUCTION_CSP } from './csp';

/** Where the renderer comes from: the built index.html, or electron-vite's dev server. */
export type RendererSource = { kind: 'file'; indexHtml: string } | { kind: 'dev'; url: string };

export function rendererUrl(source: RendererSource): string {
  return source.kind === 'file' ? pathToFileURL(source.indexHtml).href : source.url;
}

/** Our own page and nothing else: exactly the built index.html (any hash or query), or in
 *  development the dev server's origin. */
export function isOwnUrl(source: RendererSource, raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const own = new URL(rendererUrl(source));
  if (source.kind === 'file') return url.protocol === 'file:' && url.host === own.host && url.pathname === own.pathname;
  return url.origin === own.origin;
}

export function contentSecurityPolicy(source: RendererSource): string {
  return source.kind === 'dev' ? developmentCsp(new URL(source.url).origin) : PRODUCTION_CSP;
}

/**
 * Session-wide locks: deny every permission (camera, notifications, clipboard-read, …), send the
 * CSP with every response (the <meta> in index.html covers file:// where there are no headers),
 * and refuse requests for anything but the app's own files (all network work happens in main).
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
}

/** What the page may load: its own bundle (files under the renderer folder, or the dev server),
 *  inline data/blob URLs and devtools. Not other files on disk, not the network. */
export function isAppRequest(source: RendererSource, raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'devtools:'].includes(url.protocol)) return true;
  const own = new URL(rendererUrl(source));
  if (source.kind === 'file') {
    const folder = own.pathname.slice(0, own.pathname.lastIndexOf('/') + 1);
    // URL parsing has already resolved any ../ segments, so a prefix check is sound.
    return url.protocol === 'file:' && url.host === own.host && url.pathname.startsWith(folder);
  }
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

/** shell.openExternal behind the allowlist (https://<label>.freshdesk.com, console.anthropic.com). */
export async function openAllowedExternal(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) {
    throw new CoreError('not_allowed', 'That link is not on the list of sites Triage Desk opens.');
  }
  await shell.openExternal(url);
}

export interface MainWindowOptions {
  preloadPath: string;
  source: RendererSource;
  icon?: string;
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
    },
  });
  lockDownSession(window.webContents.session, options.source);
  lockDownContents(window.webContents, (url) => isOwnUrl(options.source, url));
  window.once('ready-to-show', () => window.show());
  if (options.source.kind === 'file') void window.loadFile(options.source.indexHtml);
  else void window.loadURL(options.source.url);
  return window;
}
