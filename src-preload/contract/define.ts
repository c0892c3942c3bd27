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

export function channel<Fn extends string, I extends z.ZodType, O extends z.ZodType>(
  fn: Fn,
  input: I,
  output: O,
): ChannelDef<Fn, I, O> {
  return { fn, input, output };
}

/** Input of a channel that takes nothing. */
export const NoInput = z.object({}).strict().optional();

/** The envelope every IPC answer travels in. */
export const ErrorShape = z.object({ code: z.string(), message: z.string() });
export type IpcEnvelope<T> = { ok: true; data: T } | { ok: false; error: z.infer<typeof ErrorShape> };
