// The page's only way out: window.triage (installed by the preload in the app, by the harness in
// tests). Everything here is typed from the contract; nothing imports main.
import type { ChannelOutput, EventName, EventPayload, TriageApi } from '../../src-preload/contract';

export const triage = (window as unknown as { triage: TriageApi }).triage;

export type { ChannelOutput, EventName, EventPayload };

export interface ErrorInfo {
  code: string;
  message: string;
}

/** The code and message of a rejected bridge call (a TriageError: see src-preload/contract/define.ts). */
export function errorInfo(err: unknown): ErrorInfo {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'internal';
  // A rejected call is a plain { name: 'TriageError', code, message } (contextBridge drops an Error's code).
  const raw = (err as { message?: unknown })?.message;
  const message = typeof raw === 'string' && raw ? raw : 'Something went wrong in the app. Please try again.';
  return { code, message };
}
