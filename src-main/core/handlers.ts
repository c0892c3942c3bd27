// The IPC handler table: channel → function. Shared by Electron (ipc.ts binds it to ipcMain)
// and the browser test harness (exposeBinding), so both validate and answer identically.
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload, IpcEnvelope } from '../../src-shared/contract';
import { contract, events } from '../../src-shared/contract';
import type { TriageCore } from './index';
import { appHandlers } from './handlers/app';
import { chatHandlers } from './handlers/chat';
import { draftsHandlers } from './handlers/drafts';
import { profilesHandlers } from './handlers/profiles';
import { sandboxHandlers } from './handlers/sandbox';
import { settingsHandlers } from './handlers/settings';
import { toolsHandlers } from './handlers/tools';
import { triageHandlers } from './handlers/triage';

/** Per-window state. Calls carry no profile identifier from the page: main uses the active one. */
export interface HandlerSession {
  activeProfile?: string;
  /** this window's cancellable tool calls, by the renderer's requestId (see tools:cancel) */
  toolCalls?: Map<string, AbortController>;
}

export interface HandlerContext {
  core: TriageCore;
  session: HandlerSession;
  runtime: 'electron' | 'harness';
  appVersion: string;
  platform: string;
  /** push an event to this window */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Opens an allowlisted https link in the system browser (shell.openExternal in the app; the
   *  harness records it). Absent where no browser can be opened. */
  openExternal?(url: string): Promise<void>;
}

export type Handler<C extends ChannelName> = (
  input: ChannelInput<C>,
  ctx: HandlerContext,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type HandlerTable = { [C in ChannelName]: Handler<C> };

export const handlers: HandlerTable = {
  ...appHandlers,
  ...profilesHandlers,
  ...toolsHandlers,
  ...draftsHandlers,
  ...settingsHandlers,
  ...sandboxHandlers,
  ...chatHandlers,
  ...triageHandlers,
};

/** Validate input, run the handler, validate output, wrap in the envelope. Never throws. */
export async function dispatch(channelName: string, rawInput: unknown, ctx: HandlerContext): Promise<IpcEnvelope<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(contract, channelName)) {
    return { ok: false, error: { code: 'unknown_channel', message: `There is no channel named "${String(channelName).slice(0, 60)}".` } };
  }
  const name = channelName as ChannelName;
  const def = contract[name];
  const parsed = def.input.safeParse(rawInput);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join('.') + ': ' : '';
    return { ok: false, error: { code: 'invalid_input', message: `${where}${first?.message ?? 'invalid input'}` } };
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => unknown;
    const out = await handler(parsed.data, ctx);
    const checked = def.output.safeParse(out);
    if (!checked.success) {
      ctx.core.log(`ipc: output of ${name} did not match its schema`);
      return { ok: false, error: { code: 'internal', message: 'The app produced an unexpected answer. Please try again.' } };
    }
    return { ok: true, data: checked.data };
  } catch (err) {
    const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'internal';
    const message = err instanceof Error && code !== 'internal' ? err.message : 'Something went wrong in the app. Please try again.';
    if (code === 'internal') ctx.core.log(`ipc: ${name} failed: ${err instanceof Error ? err.name : 'error'}`);
    return { ok: false, error: { code, message } };
  }
}

/** Validate an outgoing event payload against the contract (drops anything unexpected). */
export function checkEvent(event: string, payload: unknown): { ok: true; payload: unknown } | { ok: false } {
  if (!Object.prototype.hasOwnProperty.call(events, event)) return { ok: false };
  const schema = (events as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>)[event];
  const r = schema.safeParse(payload);
  return r.success ? { ok: true, payload: r.data } : { ok: false };
}
