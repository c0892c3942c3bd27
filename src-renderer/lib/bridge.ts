// The page's only way out: window.triage (installed by the preload in the app, by the harness in
// tests). Everything here is typed from the contract; nothing imports main.
import type { ChannelOutput, EventName, EventPayload, TriageApi } from '../../src-shared/contract';

export const triage = (window as unknown as { triage: TriageApi }).triage;

export type { ChannelOutput, EventName, EventPayload };

export interface ErrorInfo {
  code: string;
  message: string;
}

/** The code and message of a rejected bridge call (a TriageError: see src-shared/contract/define.ts). */
export function errorInfo(err: unknown): ErrorInfo {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'internal';
  // A rejected call is a plain { name: 'TriageError', code, message } (contextBridge drops an Error's code).
  const raw = (err as { message?: unknown })?.message;
  const message = typeof raw === 'string' && raw ? raw : 'Something went wrong in the app. Please try again.';
  return { code, message };
}

let requestCounter = 0;
const requestPrefix = Math.random().toString(36).slice(2, 10);

/** A fresh id for one tools:execute call (matches the contract's ToolRequestId), so it can be cancelled. */
export function newRequestId(what: string): string {
  requestCounter += 1;
  return `${what}-${requestPrefix}-${requestCounter}`.slice(0, 64);
}

/** Cancels a tool call this page no longer wants; it then resolves as a 'cancelled' result.
 *  Best effort: a call that already finished has nothing to cancel. */
export function cancelToolCall(requestId: string): void {
  void triage.cancelTool({ requestId }).catch(() => undefined);
}

/** A tool result that only says "you cancelled this": never an error to show. */
export function isCancelled(result: { ok: boolean; error?: { code?: string } }): boolean {
  return !result.ok && result.error?.code === 'cancelled';
}
