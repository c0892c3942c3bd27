// src-main/index.ts (app lifecycle) against a mocked electron module, with the real core on the
// real Electron adapters (electron-store in a temp userData, the safeStorage cipher over the
// mocked safeStorage): sandbox enabled first, one window, every channel bound, the active
// profile re-checked when the network comes back or the machine wakes, a clean quit.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import type { TriageCore } from '../../src-main/core';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

// Capture the core index.ts builds, so the test can watch what main asks of it.
const captured = vi.hoisted(() => ({ core: undefined as TriageCore | undefined }));
vi.mock('../../src-main/core', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src-main/core')>();
  return {
    ...original,
    createTriageCore: (options: Parameters<typeof original.createTriageCore>[0]) => {
      captured.core = original.createTriageCore(options);
      return captured.core;
    },
  };
});

import { electronEvent, electronState, FakeSession, FakeWebContents } from './electron-mock';
import type { FakeBrowserWindow } from './electron-mock';
import { contract } from '../../src-shared/contract';
import { IPC_PREFIX } from '../../src-preload/channels';
import { menuRoles } from '../../src-main/menu';
import type { MenuItemTemplate } from '../../src-main/menu';

let window: FakeBrowserWindow;

function call(channel: string, input?: unknown) {
  const handler = electronState.ipcHandlers.get(IPC_PREFIX + channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, input) as Promise<{
    ok: boolean;
    data?: unknown;
    error?: { code: string };
  }>;
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  await import('../../src-main/index');
  // let whenReady().then(...) run
  await new Promise((r) => setImmediate(r));
  window = electronState.windows[0] as FakeBrowserWindow;
});

afterAll(() => {
  vi.useRealTimers();
  if (electronState.userData) rmSync(electronState.userData, { recursive: true, force: true });
});

describe('start', () => {
  it('enables the sandbox for every renderer before anything else, then takes the single-instance lock', () => {
    expect(electronState.calls.slice(0, 2)).toEqual(['app.enableSandbox', 'app.requestSingleInstanceLock']);
    expect(electronState.calls).not.toContain('app.quit');
  });

  it('opens one hardened window on the built renderer with the CommonJS preload', () => {
    expect(electronState.windows).toHaveLength(1);
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs['preload'])).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.loaded).toEqual({ url: 'app://triage-desk/index.html' });
  });

  it('serves the renderer from app:// (standard, secure), with DevTools and their menu item from a checkout', async () => {
    expect(electronState.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    const handler = electronState.protocolHandlers.get('app');
    expect(handler).toBeTypeOf('function');
    expect((await handler!(new Request('app://triage-desk/%2e%2e/main/index.js'))).status).toBe(404);
    expect((window.options['webPreferences'] as Record<string, unknown>)['devTools']).toBe(true);
    expect(menuRoles(electronState.applicationMenu as MenuItemTemplate[])).toContain('toggleDevTools');
  });

  it('binds every contract channel', () => {
    for (const name of Object.keys(contract)) expect(electronState.ipcHandlers.has(IPC_PREFIX + name)).toBe(true);
  });

  it('leaves no ipcMain listener or handler we did not write (electron-store registers one; it is removed once the store is open)', () => {
    // The real electron-store ran against the mock: it called ipcMain.on('electron-store-get-data').
    expect(electronState.ipcListenersAdded).toContain('electron-store-get-data');
    expect([...electronState.ipcListeners.keys()]).toEqual([]);
    expect([...electronState.ipcHandlers.keys()].sort()).toEqual(
      Object.keys(contract)
        .map((c) => IPC_PREFIX + c)
        .sort(),
    );
  });

  it('answers app:info from the real core with the safeStorage status', async () => {
    const answer = await call('app:info');
    expect(answer).toMatchObject({
      ok: true,
      data: { name: 'Triage Desk', runtime: 'electron', secureStorage: { available: true, backend: 'gnome_libsecret' } },
    });
  });

  it('locks down any web contents created later (devtools, anything else)', () => {
    const other = new FakeWebContents(new FakeSession());
    electronState.appEvents.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const nav = electronEvent({ url: 'https://evil.example/' });
    other.emit('will-navigate', nav, nav.url);
    expect(nav.defaultPrevented).toBe(true);
  });
});

describe('re-checking the active profile', () => {
  it('re-checks when the network comes back and when the machine wakes, forcing a fresh look', async () => {
    const created = await call('profiles:create', { name: 'Ana' });
    expect(created.ok).toBe(true);
    const core = captured.core as TriageCore;
    const recheck = vi.spyOn(core.accounts, 'recheck');

    electronState.online = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(recheck).not.toHaveBeenCalled();
    electronState.online = true;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(recheck).toHaveBeenCalledWith('Ana', { force: true });

    recheck.mockClear();
    electronState.powerMonitor.emit('resume');
    expect(recheck).toHaveBeenCalledWith('Ana', { force: true });

    recheck.mockClear();
    window.webContents.emit('did-finish-load');
    expect(recheck).toHaveBeenCalledWith('Ana', { force: false });
  });
});

describe('quit', () => {
  it('closes the core before letting the app quit', async () => {
    const core = captured.core as TriageCore;
    const close = vi.spyOn(core, 'close');
    const event = electronEvent();
    electronState.calls.length = 0;
    electronState.appEvents.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    expect(close).toHaveBeenCalled();
    await vi.waitFor(() => expect(electronState.calls).toContain('app.quit'));
    expect(electronState.ipcHandlers.size).toBe(0);
  });
});
