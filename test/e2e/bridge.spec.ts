// The bridge as the page sees it: window.triage and nothing else from the app. No Node, no
// Electron, no generic invoke; an unknown channel is refused by dispatch(); bad input never
// reaches a handler; events arrive as payload only.
import { test, expect } from '../harness/fixtures';
import { INVOKE_BINDING } from '../../src-browser/bridge';
import { contract, events } from '../../src-shared/contract';
import { ADMIN, connectedAs } from './helpers';

const fns = Object.values(contract).map((d) => d.fn);

test.describe('renderer → main bridge', () => {
  test('the page has no require, process, module, Buffer, ipcRenderer or electron', async ({ harness }) => {
    const leaks = await harness.page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return ['require', 'process', 'module', 'exports', 'Buffer', 'global', 'ipcRenderer', 'electron', 'electronAPI', '__dirname'].filter(
        (name) => typeof w[name] !== 'undefined',
      );
    });
    expect(leaks).toEqual([]);
  });

  test('window.triage is exactly the contract: one function per channel plus on(), frozen', async ({ harness }) => {
    const shape = await harness.page.evaluate(() => {
      const api = (window as unknown as { triage: Record<string, unknown> }).triage;
      const before = api['appInfo'];
      try {
        (api as Record<string, unknown>)['appInfo'] = () => 'hijacked';
      } catch {
        // strict-mode assignment to a frozen object throws; either way it must not stick
      }
      return {
        keys: Object.keys(api).sort(),
        allFunctions: Object.values(api).every((v) => typeof v === 'function'),
        frozen: Object.isFrozen(api),
        unchanged: api['appInfo'] === before,
        replaceable: Object.getOwnPropertyDescriptor(window, 'triage')?.writable !== false,
      };
    });
    expect(shape.keys).toEqual([...fns, 'on'].sort());
    expect(shape.keys).not.toContain('invoke');
    expect(shape).toMatchObject({ allFunctions: true, frozen: true, unchanged: true, replaceable: false });
  });

  test('an unknown channel is refused by dispatch (unknown_channel), prototype names included', async ({ harness }) => {
    const answers = await harness.page.evaluate(async (binding) => {
      const invoke = (window as unknown as Record<string, (c: string, i: unknown) => Promise<{ ok: boolean; error?: { code: string } }>>)[
        binding
      ];
      const names = ['secrets:dump', 'vault:read-key', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''];
      return Promise.all(names.map((n) => invoke!(n, {})));
    }, INVOKE_BINDING);
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  test('input that breaks the contract is refused before any handler runs', async ({ harness }) => {
    const err = await harness.page.evaluate(() =>
      (window as unknown as { triage: { openExternal(i: unknown): Promise<unknown> } }).triage
        .openExternal({ url: 'https://evil.example/phish' })
        .then(
          () => null,
          (e: unknown) => e,
        ),
    );
    expect(err).toMatchObject({ name: 'TriageError', code: 'invalid_input' });
    expect(harness.bridge.openedExternal).toEqual([]);

    const extra = await harness.page.evaluate(() =>
      (window as unknown as { triage: { appInfo(i: unknown): Promise<unknown> } }).triage.appInfo({ sneaky: true }).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    expect(extra).toMatchObject({ code: 'invalid_input' });
  });

  test("only the active profile's own helpdesk (and the Anthropic console) is handed to the system browser, normalised", async ({
    harness,
  }) => {
    const open = (url: string) =>
      harness.page.evaluate(
        (u) =>
          (window as unknown as { triage: { openExternal(i: unknown): Promise<unknown> } }).triage.openExternal({ url: u }).then(
            (r) => r,
            (e: { code?: string }) => ({ refused: e.code }),
          ),
        url,
      );
    // No profile yet: no helpdesk is "yours".
    expect(await open('https://acme.freshdesk.com/a/tickets/42')).toEqual({ refused: 'not_allowed' });
    await connectedAs(harness, ADMIN);
    expect(await open('https://acme.freshdesk.com/a/x/../tickets/42')).toEqual({ opened: true });
    expect(await open('https://console.anthropic.com/settings/keys')).toEqual({ opened: true });
    expect(await open('https://globex.freshdesk.com/a/tickets/1')).toEqual({ refused: 'not_allowed' });
    expect(await open('https://xn--acme-9ta.freshdesk.com/')).toEqual({ refused: 'invalid_input' });
    expect(await open('https://acme.freshdesk.com\\@evil.example/')).toEqual({ refused: 'invalid_input' });
    expect(harness.bridge.openedExternal).toEqual([
      'https://acme.freshdesk.com/a/tickets/42',
      'https://console.anthropic.com/settings/keys',
    ]);
  });

  test('a call from a frame other than our main frame is refused', async ({ harness }) => {
    const { page } = harness;
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.srcdoc = '<p>child</p>';
      document.body.appendChild(f);
      return new Promise((r) => f.addEventListener('load', r));
    });
    const child = page.frames().find((f) => f !== page.mainFrame());
    expect(child).toBeDefined();
    const before = harness.bridge.refusedCalls;
    const answer = await child!.evaluate(async (binding) => {
      const invoke = (window as unknown as Record<string, ((c: string, i: unknown) => Promise<unknown>) | undefined>)[binding];
      return invoke ? invoke('app:info', undefined) : { ok: false, error: { code: 'no_binding' } };
    }, INVOKE_BINDING);
    // Playwright installs the binding in every frame, so the child can reach it: the harness, like
    // ipc.ts, must refuse it for not being our main frame.
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(harness.bridge.refusedCalls).toBe(before + 1);
  });

  test('events reach listeners as the payload alone; off() stops them; bad payloads never arrive', async ({ harness }) => {
    const eventName = 'rate:limit';
    expect(Object.keys(events)).toContain(eventName);
    await harness.page.evaluate((name) => {
      const w = window as unknown as {
        triage: { on(e: string, l: (...a: unknown[]) => void): () => void };
        __seen: unknown[][];
        __off: () => void;
      };
      w.__seen = [];
      w.__off = w.triage.on(name, (...args) => w.__seen.push(args));
    }, eventName);

    const good = { subdomain: 'acme', total: 50, remaining: 12, waitingCalls: 1 };
    harness.bridge.context.emit(eventName, good);
    harness.bridge.context.emit(eventName, { subdomain: 7 } as never);
    await expect.poll(() => harness.page.evaluate(() => (window as unknown as { __seen: unknown[][] }).__seen)).toEqual([[good]]);

    await harness.page.evaluate(() => (window as unknown as { __off: () => void }).__off());
    harness.bridge.context.emit(eventName, { ...good, remaining: 11 });
    await harness.page.waitForTimeout(100);
    expect(await harness.page.evaluate(() => (window as unknown as { __seen: unknown[][] }).__seen)).toHaveLength(1);

    const unknownEvent = await harness.page.evaluate(() => {
      try {
        (window as unknown as { triage: { on(e: string, l: () => void): unknown } }).triage.on('ipc:anything', () => {});
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(unknownEvent).toMatch(/no event named/);
  });
});
