// ipc.ts against a mocked electron module and the real core: one ipcMain.handle per contract
// channel (no catch-all), calls accepted only from our window's main frame showing our page,
// input validated by the contract, events validated on the way out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

import { electronState, FakeBrowserWindow, FakeFrame, FakeSession, FakeWebContents, resetElectronMock } from './electron-mock';
import { bindIpc, type IpcBridge } from '../../src-main/ipc';
import { openAllowedExternal } from '../../src-main/window';
import { contract } from '../../src-shared/contract';
import { EVENT_CHANNEL, IPC_PREFIX } from '../../src-preload/channels';
import { makeTestCore, type TestCore } from '../helpers/core';

const OWN = 'file:///opt/triage/out/renderer/index.html';

let testCore: TestCore;
let bridge: IpcBridge;
let window: FakeBrowserWindow;
const logLines: string[] = [];

beforeEach(async () => {
  resetElectronMock();
  logLines.length = 0;
  testCore = await makeTestCore({ log: (line) => logLines.push(line) });
  bridge = bindIpc({
    core: testCore.core,
    appVersion: '1.2.3',
    platform: 'linux',
    isOwnUrl: (url) => url.split('#')[0] === OWN,
    openExternal: openAllowedExternal,
  });
  window = new FakeBrowserWindow({});
  window.webContents.navigateTo(OWN);
  bridge.attach(window as never);
});

afterEach(async () => {
  bridge.dispose();
  await testCore.cleanup();
});

/** Play the renderer: invoke a channel from a given sender and frame. */
function call(channel: string, input: unknown, from: { sender?: FakeWebContents; frame?: FakeFrame | null } = {}) {
  const handler = electronState.ipcHandlers.get(IPC_PREFIX + channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const sender = from.sender ?? window.webContents;
  const senderFrame = from.frame === undefined ? sender.mainFrame : from.frame;
  return handler({ sender, senderFrame }, input) as Promise<unknown>;
}

describe('registration', () => {
  it('registers exactly one prefixed handler per contract channel, and nothing else', () => {
    const expected = Object.keys(contract)
      .map((c) => IPC_PREFIX + c)
      .sort();
    expect([...electronState.ipcHandlers.keys()].sort()).toEqual(expected);
    expect(electronState.ipcListeners.size).toBe(0);
  });

  it('dispose removes every handler', () => {
    bridge.dispose();
    expect(electronState.ipcHandlers.size).toBe(0);
    // registering again works (no leftover "second handler" error)
    bridge = bindIpc({ core: testCore.core, appVersion: '1', platform: 'linux', isOwnUrl: () => true, openExternal: async () => {} });
    expect(electronState.ipcHandlers.size).toBe(Object.keys(contract).length);
  });
});

describe('sender checks', () => {
  it('answers our own page', async () => {
    const answer = await call('app:info', undefined);
    expect(answer).toMatchObject({ ok: true, data: { name: 'Triage Desk', version: '1.2.3', platform: 'linux', runtime: 'electron' } });
  });

  it('refuses a sub-frame of our window', async () => {
    const child = new FakeFrame(OWN, 1);
    child.parent = window.webContents.mainFrame;
    expect(await call('app:info', undefined, { frame: child })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden' }),
    });
  });

  it('refuses a frame whose ids merely look like the main frame but has a parent', async () => {
    const main = window.webContents.mainFrame;
    const impostor = new FakeFrame(OWN, main.processId, main.routingId);
    impostor.parent = new FakeFrame(OWN);
    expect(await call('app:info', undefined, { frame: impostor })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses our main frame once it shows a foreign page', async () => {
    window.webContents.navigateTo('https://evil.example/');
    expect(await call('app:info', undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses another web contents (a window we never attached)', async () => {
    const stranger = new FakeWebContents(new FakeSession());
    stranger.navigateTo(OWN);
    expect(await call('app:info', undefined, { sender: stranger })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(logLines.some((l) => l.includes('refused app:info'))).toBe(true);
  });

  it('refuses a call whose frame is gone', async () => {
    expect(await call('app:info', undefined, { frame: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses calls after the window closed', async () => {
    const contents = window.webContents;
    window.close();
    expect(await call('app:info', undefined, { sender: contents })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('validation', () => {
  it('rejects input that does not match the contract before any handler runs', async () => {
    expect(await call('app:info', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('app:open-external', { url: 'https://evil.example/' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('app:open-external', 'https://acme.freshdesk.com/')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(electronState.openedExternal).toEqual([]);
  });

  it("opens only the active profile's own helpdesk through app:open-external, after the native dialog", async () => {
    expect(await call('app:open-external', { url: 'https://acme.freshdesk.com/a/tickets/7' })).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect(electronState.openedExternal).toEqual([]);
    expect(await call('app:open-external', { url: 'https://console.anthropic.com/settings/keys' })).toEqual({
      ok: true,
      data: { opened: true },
    });
    electronState.messageBoxResponse = 0;
    expect(await call('app:open-external', { url: 'https://console.anthropic.com/' })).toEqual({ ok: true, data: { opened: false } });
    expect(electronState.openedExternal).toEqual(['https://console.anthropic.com/settings/keys']);
    expect(electronState.messageBoxes).toHaveLength(2);
  });
});

describe('events', () => {
  const rate = { subdomain: 'acme', total: 50, remaining: 49, waitingCalls: 0 };

  function attachAnother() {
    const w = new FakeBrowserWindow({});
    w.webContents.navigateTo(OWN);
    return { w, ctx: bridge.attach(w as never) };
  }

  it('sends a contract event to that window only, on the one event channel', () => {
    const { w, ctx } = attachAnother();
    ctx.emit('rate:limit', rate);
    expect(w.webContents.sent).toEqual([[EVENT_CHANNEL, 'rate:limit', rate]]);
    expect(window.webContents.sent).toEqual([]);
  });

  it('drops a payload that does not match the contract (nothing unexpected reaches the page)', () => {
    const { w, ctx } = attachAnother();
    ctx.emit('rate:limit', { ...rate, apiKey: 'canary-key-123' } as never);
    const sent = w.webContents.sent;
    // zod strips unknown keys or refuses the payload: either way the canary never leaves
    expect(JSON.stringify(sent)).not.toContain('canary-key-123');
    ctx.emit('rate:limit', { subdomain: 42 } as never);
    expect(sent.filter((s) => (s[2] as { subdomain?: unknown }).subdomain === 42)).toEqual([]);
  });

  it('does not send to a window showing a foreign page, and throws once the window is gone', () => {
    const { w, ctx } = attachAnother();
    w.webContents.navigateTo('https://evil.example/');
    ctx.emit('rate:limit', rate);
    expect(w.webContents.sent).toEqual([]);
    w.close();
    expect(() => ctx.emit('rate:limit', rate)).toThrow();
  });

  it('gives each window its own session', () => {
    const a = attachAnother().ctx;
    const b = attachAnother().ctx;
    a.session.activeProfile = 'Ana';
    expect(b.session.activeProfile).toBeUndefined();
    expect(bridge.sessions()).toContain(a.session);
  });
});
