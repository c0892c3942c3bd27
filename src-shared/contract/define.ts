// The shape of one IPC channel: a named function on `window.triage`, a zod input and a zod
// output. Main validates every input and every output against these; no output schema may
// carry a secret field.
import { z } from 'zod';

export interface ChannelDef<Fn extends string, I extends z.ZodType, O extends z.ZodType> {
  /** the function name on window.triage */
  fn: Fn;
  input: I;
  output: O;
}

export function channel<Fn extends string, I extends z.ZodType, O extends z.ZodType>(fn: Fn, input: I, output: O): ChannelDef<Fn, I, O> {
  return { fn, input, output };
}

/** Input of a channel that takes nothing. */
export const NoInput = z.object({}).strict().optional();

/** The envelope every IPC answer travels in. */
export const ErrorShape = z.object({ code: z.string(), message: z.string() });
export type IpcEnvelope<T> = { ok: true; data: T } | { ok: false; error: z.infer<typeof ErrorShape> };

/**
 * What a failed `window.triage.*` call rejects with.
 *
 * A plain object, not an `Error` instance: Electron's contextBridge copies a thrown Error as a new
 * Error carrying only its message (custom properties such as `code` are dropped), whereas a plain
 * object crosses intact. The browser harness rejects with exactly the same shape so specs see
 * what the app sees. Use `isTriageError(e)` in `catch`.
 */
export interface TriageError {
  name: 'TriageError';
  code: string;
  message: string;
}

export function isTriageError(value: unknown): value is TriageError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.name === 'TriageError' && typeof v.code === 'string' && typeof v.message === 'string';
}
