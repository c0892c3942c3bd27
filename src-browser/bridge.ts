// The browser's stand-in for the preload + ipc.ts, used by the e2e harness (test/harness) and the
// browser preview (scripts/preview.ts): window.triage is built in the page by the same
// buildTriageApi the preload uses, and every call goes through a Playwright binding to the same
// dispatch() (zod in, handler, zod out) that ipc.ts binds to ipcMain. Events go through the same
// checkEvent() and reach the page's listeners as payload only.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { channels, eventNames } from '../src-preload/channels';
import { buildTriageApi } from '../src-preload/triage-api';
import type { IpcEnvelope } from '../src-shared/contract';
import { checkEvent, dispatch } from '../src-main/core/handlers';
import type { HandlerContext, HandlerSession } from '../src-main/core/handlers';
import type { TriageCore } from '../src-main/core';

/** The binding's name on window: the harness's ipcRenderer.invoke. Reachable from the page on
 *  purpose, so the bridge spec can prove an unknown channel is refused by dispatch(). */
export const INVOKE_BINDING = '__triageInvoke';
const DELIVER = '__triageDeliver';

const appVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface HarnessBridge {
  /** this page's handler session (its active profile), as main keeps one per window */
  session: HandlerSession;
  context: HandlerContext;
  /** URLs the page asked to open with app:open-external (nothing is opened in tests) */
  openedExternal: string[];
  /** events delivered to the page, in order */
  deliveredEvents: { event: string; payload: unknown }[];
  /** what the page copied through main (mcp:copy) */
  copied: string[];
  /** calls refused because they did not come from our page's main frame */
  refusedCalls: number;
}

export async function installBridge(
  page: Page,
  options: { core: TriageCore; origin: string; /** what app:info says; default 'harness' */ runtime?: 'harness' | 'preview' },
): Promise<HarnessBridge> {
  const session: HandlerSession = {};
  const openedExternal: string[] = [];
  const deliveredEvents: { event: string; payload: unknown }[] = [];
  const copied: string[] = [];
  const bridge: HarnessBridge = {
    copied,
    session,
    openedExternal,
    deliveredEvents,
    refusedCalls: 0,
    context: {
      core: options.core,
      session,
      runtime: options.runtime ?? 'harness',
      appVersion,
      platform: process.platform,
      copyText: (text) => copied.push(text),
      emit(event, payload) {
        // Throwing tells the event bridge that this window is gone (as ipc.ts does).
        if (page.isClosed()) throw new Error('page closed');
        const checked = checkEvent(event, payload);
        if (!checked.ok) {
          options.core.log(`harness: dropped event ${event}: payload did not match the contract`);
          return;
        }
        deliveredEvents.push({ event, payload: checked.payload });
        page
          .evaluate(
            ([deliverName, name, data]) =>
              (window as unknown as Record<string, (n: string, p: unknown) => void>)[deliverName]?.(name, data),
            [DELIVER, event, checked.payload] as const,
          )
          .catch(() => {
            // the page navigated or closed mid-delivery; the next emit notices
          });
      },
      async openExternal(url) {
        openedExternal.push(url);
      },
    },
  };

  const ownOrigin = new URL(options.origin).origin;
  await page.exposeBinding(INVOKE_BINDING, async (source, channelName: unknown, input: unknown): Promise<IpcEnvelope<unknown>> => {
    // Same rule as ipc.ts isTrustedSender: our page's main frame on our own origin.
    let frameOrigin = '';
    try {
      frameOrigin = new URL(source.frame.url()).origin;
    } catch {
      // about:blank and the like have no origin of ours
    }
    if (source.frame !== source.page.mainFrame() || source.page !== page || frameOrigin !== ownOrigin) {
      bridge.refusedCalls++;
      return { ok: false, error: { code: 'forbidden', message: 'This page is not allowed to talk to Triage Desk.' } };
    }
    return dispatch(String(channelName), input, bridge.context);
  });

  // Runs in the page before any of its scripts. buildTriageApi is self-contained, so its source
  // text is the same function the preload runs. Under tsx (the preview), esbuild keeps function
  // names by wrapping them in __name(…), a helper the page does not have: a no-op stands in.
  await page.addInitScript({
    content: `(() => {
      const __name = (target) => target;
      const buildTriageApi = ${buildTriageApi.toString()};
      const invoke = (channel, input) => window[${JSON.stringify(INVOKE_BINDING)}](channel, input);
      const { api, deliver } = buildTriageApi(${JSON.stringify(channels)}, ${JSON.stringify(eventNames)}, invoke);
      Object.defineProperty(window, 'triage', { value: api, enumerable: true, writable: false, configurable: false });
      Object.defineProperty(window, ${JSON.stringify(DELIVER)}, { value: deliver, enumerable: false, writable: false, configurable: false });
    })();`,
  });

  return bridge;
}
