// What every IPC handler is given and returns: the per-window session, the context (the core,
// the window's event push, the runtime) and the handler shape. The table itself is in ./index.
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../../src-shared/contract';
import type { TriageCore } from '../index';

/** Per-window state. Calls carry no profile identifier from the page: main uses the active one. */
export interface HandlerSession {
  activeProfile?: string;
  /** this window's cancellable tool calls, by the renderer's requestId (see tools:cancel) */
  toolCalls?: Map<string, AbortController>;
}

export interface HandlerContext {
  core: TriageCore;
  session: HandlerSession;
  runtime: 'electron' | 'harness' | 'preview';
  appVersion: string;
  platform: string;
  /** push an event to this window */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Opens a checked, normalised https link in the system browser (in the app after a native
   *  "Open this link?" dialog; the harness records it). false: the person said no. Absent where
   *  no browser can be opened. */
  openExternal?(url: string, ownSubdomain?: string): Promise<boolean | void>;
  /** Puts text on the system clipboard from main (the MCP setup line with its token); the
   *  harness records it. Absent where there is no clipboard. */
  copyText?(text: string): void;
}

export type Handler<C extends ChannelName> = (input: ChannelInput<C>, ctx: HandlerContext) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

export type HandlerTable = { [C in ChannelName]: Handler<C> };
