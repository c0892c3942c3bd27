// The hardened window (src-main/window.ts) against a mocked electron module: its options, the
// session locks (permissions, CSP header, outgoing requests), navigation / new-window / webview
// locks, and the openExternal allowlist.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

import { electronEvent, electronState, FakeSession, FakeWebContents, resetElectronMock } from './electron-mock';
import type { FakeBrowserWindow } from './electron-mock';
import { createMainWindow, isOwnUrl, lockDownContents, openAllowedExternal } from '../../src-main/window';
import type { RendererSource } from '../../src-main/window';
import { PRODUCTION_CSP, PRODUCTION_META_CSP } from '../../src-main/csp';

const appSource: RendererSource = { kind: 'app', rootDir: '/opt/triage/out/renderer' };
const OWN = 'app://triage-desk/index.html';

function openWindow(source: RendererSource = appSource, packaged = false) {
  const window = createMainWindow({ preloadPath: '/opt/triage/out/preload/index.cjs', source, packaged }) as unknown as FakeBrowserWindow;
  return { window, contents: window.webContents };
}

function fire(contents: FakeWebContents, name: string, url: string) {
  const event = electronEvent({ url });
  contents.emit(name, event, url);
  return event.defaultPrevented;
}

beforeEach(() => resetElectronMock());

describe('main window options', () => {
  it('isolates, sandboxes and keeps Node out of the renderer, with web security left on', () => {
    const { window } = openWindow();
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      preload: '/opt/triage/out/preload/index.cjs',
    });
    expect(prefs).not.toHaveProperty('webSecurity');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(window.options['show']).toBe(false);
  });

  it('loads the built index.html from app://, never file:// or a remote page', () => {
    const { window } = openWindow();
    expect(window.loaded).toEqual({ url: OWN });
  });
});

describe('session locks', () => {
  it('denies every permission request and check', () => {
    openWindow();
    const ses = electronState.defaultSession;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler?.({}, permission, 'app://triage-desk')).toBe(false);
    }
  });

  it('sends the production CSP with every response, replacing any other policy', () => {
    openWindow();
    const listener = electronState.defaultSession.headersListener;
    expect(listener).toBeTypeOf('function');
    let answer: { responseHeaders?: Record<string, string[]> } = {};
    listener?.(
      { url: OWN, responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'X-Other': ['1'] } },
      (r) => {
        answer = r;
      },
    );
    expect(answer.responseHeaders?.['Content-Security-Policy']).toEqual([PRODUCTION_CSP]);
    expect(answer.responseHeaders?.['content-security-policy']).toBeUndefined();
    expect(answer.responseHeaders?.['X-Other']).toEqual(['1']);
    expect(PRODUCTION_CSP).toContain("script-src 'self'");
    expect(PRODUCTION_CSP).toContain("connect-src 'none'");
    expect(PRODUCTION_CSP).toContain("object-src 'none'");
    expect(PRODUCTION_CSP).toContain("frame-ancestors 'none'");
    expect(PRODUCTION_CSP).not.toContain('unsafe');
  });

  it('relaxes the CSP only for the dev server', () => {
    openWindow({ kind: 'dev', url: 'http://localhost:5173/' });
    let answer: { responseHeaders?: Record<string, string[]> } = {};
    electronState.defaultSession.headersListener?.({ url: 'http://localhost:5173/' }, (r) => (answer = r));
    const csp = answer.responseHeaders?.['Content-Security-Policy']?.[0] ?? '';
    expect(csp).toContain('ws://localhost:5173');
    expect(csp).not.toBe(PRODUCTION_CSP);
  });

  it('cancels any request that would leave the app', () => {
    openWindow();
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      electronState.defaultSession.beforeRequestListener?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide(OWN)).toBe(false);
    expect(decide('app://triage-desk/assets/index.js')).toBe(false);
    expect(decide('data:image/png;base64,AAAA')).toBe(false);
    // the app:// handler is the one that keeps paths inside the renderer folder
    // (test/electron/app-protocol.test.ts); the session refuses other hosts and file://
    expect(decide('app://elsewhere/index.html')).toBe(true);
    expect(decide('file:///opt/triage/out/renderer/index.html')).toBe(true);
    expect(decide('https://acme.freshdesk.com/api/v2/tickets')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    expect(decide('not a url')).toBe(true);
    // other files on disk stay out of reach, however the path is spelled
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('file:///home/agent/.config/Triage%20Desk/vault.json')).toBe(true);
    expect(decide('file:///opt/triage/out/renderer/../main/index.js')).toBe(true);
    expect(decide('file:///opt/triage/out/renderer/%2e%2e/preload/index.cjs')).toBe(true);
    expect(decide('file://otherhost/opt/triage/out/renderer/index.html')).toBe(true);
  });

  it('refuses every download', () => {
    openWindow();
    const event = electronEvent();
    electronState.defaultSession.emit('will-download', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('the CSP <meta> in src-renderer/index.html is the production policy (minus frame-ancestors, ignored in <meta>)', () => {
    const html = readFileSync(path.resolve(import.meta.dirname, '../../src-renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(PRODUCTION_META_CSP);
    expect(PRODUCTION_META_CSP).toBe(PRODUCTION_CSP.replace("; frame-ancestors 'none'", ''));
  });
});

describe('navigation, new windows and webviews', () => {
  it('blocks navigation and redirects away from our page', () => {
    const { contents } = openWindow();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(fire(contents, name, 'https://evil.example/')).toBe(true);
      expect(fire(contents, name, 'file:///etc/passwd')).toBe(true);
      expect(fire(contents, name, 'https://acme.freshdesk.com/a/tickets/1')).toBe(true);
      expect(fire(contents, name, `${OWN}#/queue`)).toBe(false);
    }
  });

  it('denies every window.open / target=_blank, even to allowlisted sites', () => {
    const { contents } = openWindow();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://acme.freshdesk.com/' })).toEqual({ action: 'deny' });
    expect(electronState.openedExternal).toEqual([]);
  });

  it('prevents attaching a <webview>', () => {
    const { contents } = openWindow();
    const event = electronEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('applies the same locks to any other web contents', () => {
    const other = new FakeWebContents(new FakeSession());
    lockDownContents(other as never, (url) => isOwnUrl(appSource, url));
    expect(fire(other, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const event = electronEvent();
    other.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('isOwnUrl', () => {
  it('accepts exactly our index.html (any hash or query)', () => {
    expect(isOwnUrl(appSource, OWN)).toBe(true);
    expect(isOwnUrl(appSource, `${OWN}?x=1#/chat`)).toBe(true);
    expect(isOwnUrl(appSource, 'app://triage-desk/other.html')).toBe(false);
    expect(isOwnUrl(appSource, 'app://evil/index.html')).toBe(false);
    expect(isOwnUrl(appSource, 'file:///opt/triage/out/renderer/index.html')).toBe(false);
    expect(isOwnUrl(appSource, 'file:///etc/passwd')).toBe(false);
    expect(isOwnUrl(appSource, 'https://triage-desk/index.html')).toBe(false);
    expect(isOwnUrl(appSource, 'garbage')).toBe(false);
  });

  it('in development accepts the dev server origin only', () => {
    const dev: RendererSource = { kind: 'dev', url: 'http://localhost:5173/' };
    expect(isOwnUrl(dev, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isOwnUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isOwnUrl(dev, OWN)).toBe(false);
  });
});

describe("openExternal: the active profile's own helpdesk and the Anthropic console, asked natively, normalised", () => {
  it.each([
    ['https://acme.freshdesk.com/a/tickets/42', 'https://acme.freshdesk.com/a/tickets/42'],
    ['https://ACME.freshdesk.com/a/x/../tickets/42', 'https://acme.freshdesk.com/a/tickets/42'],
    ['https://console.anthropic.com/settings/keys', 'https://console.anthropic.com/settings/keys'],
  ])('asks, then opens %s as %s', async (url, href) => {
    await expect(openAllowedExternal(url, 'acme')).resolves.toBe(true);
    expect(electronState.messageBoxes).toEqual([expect.objectContaining({ message: 'Open this link in your browser?', detail: href })]);
    expect(electronState.openedExternal).toEqual([href]);
  });

  it('opens nothing when the person says no', async () => {
    electronState.messageBoxResponse = 0;
    await expect(openAllowedExternal('https://acme.freshdesk.com/', 'acme')).resolves.toBe(false);
    expect(electronState.messageBoxes).toHaveLength(1);
    expect(electronState.openedExternal).toEqual([]);
  });

  it.each([
    'https://acme-support.freshdesk.com/',
    'https://globex.freshdesk.com/a/tickets/1',
    'https://xn--acme-9ta.freshdesk.com/',
    'https://xn--80ak6aa92e.freshdesk.com/',
    'https://acme.freshdesk.com\\@evil.example',
    'https://acme.freshdesk.com\\evil.example/',
    'https://acme.freshdesk.com /',
    'http://acme.freshdesk.com/',
    'https://freshdesk.com/',
    'https://a.b.freshdesk.com/',
    'https://acme.freshdesk.com.evil.example/',
    'https://evilfreshdesk.com/',
    'https://acme.freshdesk.com:8443/',
    'https://user:pass@acme.freshdesk.com/',
    'https://console.anthropic.com.evil.example/',
    'https://anthropic.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://acme.freshdesk.com/share',
    'acme.freshdesk.com',
    '',
  ])('refuses %s without asking', async (url) => {
    await expect(openAllowedExternal(url, 'acme')).rejects.toMatchObject({ code: 'not_allowed' });
    expect(electronState.messageBoxes).toEqual([]);
    expect(electronState.openedExternal).toEqual([]);
  });

  it('without an active profile, no helpdesk is allowed (the console still is)', async () => {
    await expect(openAllowedExternal('https://acme.freshdesk.com/')).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(openAllowedExternal('https://console.anthropic.com/')).resolves.toBe(true);
  });
});
