// The preload against a mocked electron module: window.triage has exactly one function per
// contract channel plus on(), nothing generic; answers and errors come back as the page expects;
// listeners never see the IPC event object.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

import { electronState } from './electron-mock';
import { contract, events, isTriageError } from '../../src-shared/contract';
import { EVENT_CHANNEL, IPC_PREFIX } from '../../src-preload/channels';

type Api = Record<string, (...args: unknown[]) => unknown>;
let api: Api;

beforeAll(async () => {
  await import('../../src-preload/index');
  api = electronState.exposed.get('triage') as Api;
});

beforeEach(() => {
  electronState.invoked.length = 0;
  electronState.invokeAnswer = () => ({ ok: true, data: null });
});

function emitFromMain(name: unknown, payload: unknown) {
  const fakeIpcEvent = { sender: { id: 1 }, ports: [], reply: () => {} };
  for (const l of electronState.rendererListeners.get(EVENT_CHANNEL) ?? []) l(fakeIpcEvent, name, payload);
}

describe('what the page sees', () => {
  it('exposes only window.triage', () => {
    expect([...electronState.exposed.keys()]).toEqual(['triage']);
  });

  it('has one named function per contract channel plus on(), and nothing generic', () => {
    const expected = [...Object.values(contract).map((d) => d.fn), 'on'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const key of Object.keys(api)) expect(typeof api[key]).toBe('function');
    for (const forbidden of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'process', 'require', 'electron', 'postMessage']) {
      expect(api).not.toHaveProperty(forbidden);
    }
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('listens on the one event channel only', () => {
    expect([...electronState.rendererListeners.keys()]).toEqual([EVENT_CHANNEL]);
  });
});

describe('calls', () => {
  it('invokes the prefixed channel with the input and returns the data', async () => {
    electronState.invokeAnswer = () => ({ ok: true, data: { opened: true } });
    await expect(api['openExternal']?.({ url: 'https://acme.freshdesk.com/' })).resolves.toEqual({ opened: true });
    expect(electronState.invoked).toEqual([{ channel: `${IPC_PREFIX}app:open-external`, args: [{ url: 'https://acme.freshdesk.com/' }] }]);
  });

  it('rejects with a TriageError that keeps the code (a plain object survives contextBridge)', async () => {
    electronState.invokeAnswer = () => ({ ok: false, error: { code: 'invalid_key', message: 'That key was refused.' } });
    const err = await (api['appInfo']?.() as Promise<unknown>).catch((e: unknown) => e);
    expect(err).toEqual({ name: 'TriageError', code: 'invalid_key', message: 'That key was refused.' });
    expect(isTriageError(err)).toBe(true);
  });

  it('rejects a malformed answer instead of passing it through', async () => {
    electronState.invokeAnswer = () => ({ data: 'sneaky' });
    await expect(api['appInfo']?.()).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('events', () => {
  const eventName = Object.keys(events)[0] as string;

  it('hands listeners the payload only, never the IPC event object', () => {
    const seen: unknown[][] = [];
    const off = api['on']?.(eventName, (...args: unknown[]) => seen.push(args)) as () => void;
    emitFromMain(eventName, { hello: 1 });
    expect(seen).toEqual([[{ hello: 1 }]]);
    off();
    emitFromMain(eventName, { hello: 2 });
    expect(seen).toHaveLength(1);
  });

  it('keeps delivering when one listener throws', () => {
    const seen: unknown[] = [];
    const offA = api['on']?.(eventName, () => {
      throw new Error('boom');
    }) as () => void;
    const offB = api['on']?.(eventName, (p: unknown) => seen.push(p)) as () => void;
    emitFromMain(eventName, 7);
    expect(seen).toEqual([7]);
    offA();
    offB();
  });

  it('refuses an event name the contract does not have', () => {
    expect(() => api['on']?.('ipc:anything', () => {})).toThrow(/no event named/);
    expect(() => api['on']?.(eventName, 'not a function')).toThrow();
  });
});
