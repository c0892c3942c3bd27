// The IPC handler table: channel → function. Shared by Electron (ipc.ts binds it to ipcMain)
// and the browser test harness (exposeBinding), so both validate and answer identically.
import type { ChannelName, IpcEnvelope } from '../../../src-shared/contract';
import { contract, events } from '../../../src-shared/contract';
import type { HandlerContext, HandlerTable } from './context';
import { appHandlers } from './app';
import { chatHandlers } from './chat';
import { draftsHandlers } from './drafts';
import { profilesHandlers } from './profiles';
import { sandboxHandlers } from './sandbox';
import { settingsHandlers } from './settings';
import { toolsHandlers } from './tools';
import { mcpHandlers } from './mcp';
import { triageHandlers } from './triage';

export type { Handler, HandlerContext, HandlerSession, HandlerTable } from './context';

export const handlers: HandlerTable = {
  ...appHandlers,
  ...profilesHandlers,
  ...toolsHandlers,
  ...draftsHandlers,
  ...settingsHandlers,
  ...sandboxHandlers,
  ...chatHandlers,
  ...mcpHandlers,
  ...triageHandlers,
};

/**
 * Only what JSON could carry: undefined, null, strings, numbers, booleans, arrays and objects
 * whose prototype is Object.prototype or null (no Error, Date, Map or class instance, whose
 * inherited fields zod would read as input). Bounded depth.
 */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (value === undefined || value === null) return true;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return true;
  if (type === 'number') return true;
  if (type !== 'object' || depth > 32) return false;
  if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype && value.every((v) => isPlainData(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as Record<string, unknown>).every((v) => isPlainData(v, depth + 1));
}

/** Validate input, run the handler, validate output, wrap in the envelope. Never throws. */
export async function dispatch(channelName: string, rawInput: unknown, ctx: HandlerContext): Promise<IpcEnvelope<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(contract, channelName)) {
    return { ok: false, error: { code: 'unknown_channel', message: `There is no channel named "${String(channelName).slice(0, 60)}".` } };
  }
  const name = channelName as ChannelName;
  const def = contract[name];
  // zod reads inherited properties: an Error sent as input once made a profile named "Error".
  if (!isPlainData(rawInput)) {
    return { ok: false, error: { code: 'invalid_input', message: 'The input must be plain data: an object of named fields.' } };
  }
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
