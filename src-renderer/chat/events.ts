// The chat panel's small window-event API, so other screens need no store of ours:
//
//   'triage:ask-claude'   detail { ticketId: number; text?: string; send?: boolean }
//       Dispatched by the ticket view ("Ask Claude"). With text (and send !== false) the panel
//       sends it at once with the ticket id; without text it fills the box and waits.
//       Safe to dispatch before the panel is mounted: the last request is kept until it mounts.
//   'triage:use-as-draft' detail { ticketId: number; body: string; cc: string[]; bcc: string[] }
//       Dispatched by the chat panel when the person chooses "Use as draft" on a reply Claude
//       drafted. The reply composer listens, fills itself, and nothing is sent.
//   'triage:open-chat'    detail {}  dispatched by askClaude() so the shell can open the panel.

export const ASK_CLAUDE_EVENT = 'triage:ask-claude';
export const USE_AS_DRAFT_EVENT = 'triage:use-as-draft';
export const OPEN_CHAT_EVENT = 'triage:open-chat';

export interface AskClaudeDetail {
  ticketId: number;
  text?: string;
  /** default true when text is given */
  send?: boolean;
}

export interface UseAsDraftDetail {
  ticketId: number;
  /** HTML, as Claude drafted it */
  body: string;
  cc: string[];
  bcc: string[];
}

let queued: AskClaudeDetail | undefined;

function isAskDetail(d: unknown): d is AskClaudeDetail {
  const v = d as AskClaudeDetail | null;
  return !!v && Number.isSafeInteger(v.ticketId) && v.ticketId > 0 && (v.text === undefined || typeof v.text === 'string');
}

if (typeof window !== 'undefined') {
  // Kept until a panel takes it: the panel may mount only after the shell opens it.
  window.addEventListener(ASK_CLAUDE_EVENT, (e) => {
    const detail = (e as CustomEvent<unknown>).detail;
    if (isAskDetail(detail)) queued = detail;
  });
}

/** Ask Claude about a ticket from anywhere (opens the chat via OPEN_CHAT_EVENT). */
export function askClaude(detail: AskClaudeDetail): void {
  window.dispatchEvent(new CustomEvent(OPEN_CHAT_EVENT, { detail: {} }));
  window.dispatchEvent(new CustomEvent(ASK_CLAUDE_EVENT, { detail }));
}

/** The panel takes the waiting request (once). */
export function takeQueuedAsk(): AskClaudeDetail | undefined {
  const q = queued;
  queued = undefined;
  return q;
}

/** Listen for ask-claude requests while the panel is mounted. */
export function onAskClaude(listener: (d: AskClaudeDetail) => void): () => void {
  const handler = (e: Event) => {
    const detail = (e as CustomEvent<unknown>).detail;
    if (!isAskDetail(detail)) return;
    queued = undefined;
    listener(detail);
  };
  window.addEventListener(ASK_CLAUDE_EVENT, handler);
  return () => window.removeEventListener(ASK_CLAUDE_EVENT, handler);
}

export function moveDraftToComposer(detail: UseAsDraftDetail): void {
  window.dispatchEvent(new CustomEvent(USE_AS_DRAFT_EVENT, { detail }));
}
