// The chat panel's state as a pure reducer over main's chat events, so a reload (thread +
// pending from main) and live events build the same picture. Unit-tested without a DOM.
import type { ChatEvent, PendingApproval, ThreadItem, ThreadView, TokenUsage } from '../../src-shared/contract/chat';

export interface ChatState {
  threadId: string;
  items: ThreadItem[];
  /** approvals waiting for this profile (any thread) */
  approvals: PendingApproval[];
  busy: boolean;
  /** tokens of the thread's turns together, and of its last turn in this sitting */
  usage?: TokenUsage;
  lastTurnUsage?: TokenUsage;
}

export type ChatAction =
  | { type: 'loaded'; view: ThreadView; approvals: PendingApproval[] }
  /** another thread chosen: its items arrive with the next 'loaded' */
  | { type: 'switch'; threadId: string }
  | { type: 'event'; event: ChatEvent; at: string }
  | { type: 'local_user'; id: string; text: string; ticketId?: number; at: string }
  | { type: 'local_error'; id: string; code: string; message: string; at: string };

export const emptyChat = (threadId: string): ChatState => ({ threadId, items: [], approvals: [], busy: false });

type ToolItem = Extract<ThreadItem, { kind: 'tool' }>;

function updateTool(items: ThreadItem[], callId: string, patch: Partial<ToolItem>): ThreadItem[] {
  return items.map((it) => (it.kind === 'tool' && it.callId === callId ? { ...it, ...patch } : it));
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'loaded':
      return {
        threadId: action.view.threadId,
        items: action.view.items,
        approvals: action.approvals,
        busy: action.view.busy,
        usage: action.view.usage,
        lastTurnUsage: action.view.threadId === state.threadId ? state.lastTurnUsage : undefined,
      };
    case 'switch':
      return action.threadId === state.threadId
        ? state
        : { ...state, threadId: action.threadId, items: [], busy: false, usage: undefined, lastTurnUsage: undefined };
    case 'local_user':
      return {
        ...state,
        busy: true,
        items: [...state.items, { kind: 'user', id: action.id, text: action.text, ticketId: action.ticketId, at: action.at }],
      };
    case 'local_error':
      return {
        ...state,
        items: [...state.items, { kind: 'error', id: action.id, code: action.code, message: action.message, at: action.at }],
      };
    case 'event':
      return applyEvent(state, action.event, action.at);
  }
}

function applyEvent(state: ChatState, e: ChatEvent, at: string): ChatState {
  // Approvals are the profile's, whichever thread they belong to.
  if (e.type === 'approval_required') {
    const { type: _t, ...approval } = e;
    return { ...state, approvals: [...state.approvals.filter((a) => a.callId !== e.callId), approval] };
  }
  if (e.type === 'approval_resolved') {
    const approvals = state.approvals.filter((a) => a.callId !== e.callId);
    if (e.threadId !== state.threadId) return { ...state, approvals };
    const status = e.outcome === 'approved' || e.outcome === 'auto_approved' ? 'running' : undefined;
    return { ...state, approvals, items: status ? updateTool(state.items, e.callId, { status }) : state.items };
  }
  if (e.threadId !== state.threadId) return state;
  switch (e.type) {
    case 'turn_start':
      return { ...state, busy: true };
    case 'turn_end':
      return { ...state, busy: false, usage: e.threadUsage ?? state.usage, lastTurnUsage: e.usage ?? state.lastTurnUsage };
    case 'text_delta': {
      const i = state.items.findIndex((it) => it.kind === 'assistant' && it.id === e.messageId);
      if (i === -1) return { ...state, items: [...state.items, { kind: 'assistant', id: e.messageId, text: e.text, at }] };
      const items = [...state.items];
      const it = items[i] as Extract<ThreadItem, { kind: 'assistant' }>;
      items[i] = { ...it, text: it.text + e.text };
      return { ...state, items };
    }
    case 'tool_call':
      if (state.items.some((it) => it.kind === 'tool' && it.callId === e.callId)) return state;
      return {
        ...state,
        items: [
          ...state.items,
          {
            kind: 'tool',
            callId: e.callId,
            tool: e.tool,
            effect: e.effect,
            input: e.input,
            status: e.needsApproval ? 'awaiting_approval' : 'running',
            at,
          },
        ],
      };
    case 'tool_result':
      return {
        ...state,
        items: updateTool(state.items, e.callId, { status: e.status, summary: e.summary, detail: e.detail, error: e.error }),
      };
    case 'error':
      return {
        ...state,
        items: [...state.items, { kind: 'error', id: `${e.code}-${at}-${state.items.length}`, code: e.code, message: e.message, at }],
      };
  }
}
