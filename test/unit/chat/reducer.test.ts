// The chat panel's reducer: live events and a reload from main build the same picture.
import { describe, expect, it } from 'vitest';
import { chatReducer, emptyChat, type ChatState } from '../../../src-renderer/chat/reducer';
import type { ChatEvent, PendingApproval } from '../../../src-shared/contract/chat';

const base = { identifier: 'alice', threadId: 'general' };
const at = '2026-03-01T09:00:00.000Z';
const apply = (s: ChatState, ...events: ChatEvent[]) => events.reduce((st, event) => chatReducer(st, { type: 'event', event, at }), s);
const approval: PendingApproval = {
  ...base,
  callId: 'c2',
  tool: 'freshdesk_ticket_update',
  effect: 'write',
  input: { ticket_id: 1, priority: 4 },
  flags: [],
  preview: { kind: 'generic', summary: 's' },
  canAllowForThread: true,
  requiresConfirmText: false,
  createdAt: at,
};

describe('chatReducer', () => {
  it('streams text into one message, tracks tools and approvals, and ends the turn', () => {
    let s = chatReducer(emptyChat('general'), { type: 'local_user', id: 'u1', text: 'hi', at });
    expect(s.busy).toBe(true);
    s = apply(
      s,
      { type: 'turn_start', ...base, turnId: 't' },
      { type: 'text_delta', ...base, messageId: 'm1', text: 'Hel' },
      { type: 'text_delta', ...base, messageId: 'm1', text: 'lo' },
      { type: 'tool_call', ...base, callId: 'c1', tool: 'freshdesk_tickets_list', effect: 'read', input: {}, needsApproval: false },
      { type: 'tool_result', ...base, callId: 'c1', tool: 'freshdesk_tickets_list', ok: true, status: 'done', summary: '3 tickets' },
      {
        type: 'tool_call',
        ...base,
        callId: 'c2',
        tool: 'freshdesk_ticket_update',
        effect: 'write',
        input: approval.input,
        needsApproval: true,
      },
      { type: 'approval_required', ...approval },
    );
    expect(s.items.map((i) => i.kind)).toEqual(['user', 'assistant', 'tool', 'tool']);
    expect(s.items[1]).toMatchObject({ text: 'Hello' });
    expect(s.items[2]).toMatchObject({ status: 'done', summary: '3 tickets' });
    expect(s.items[3]).toMatchObject({ status: 'awaiting_approval' });
    expect(s.approvals.map((a) => a.callId)).toEqual(['c2']);
    s = apply(
      s,
      { type: 'approval_resolved', ...base, callId: 'c2', outcome: 'approved' },
      { type: 'turn_end', ...base, turnId: 't', reason: 'end_turn', steps: 2 },
    );
    expect(s.approvals).toEqual([]);
    expect(s.items[3]).toMatchObject({ status: 'running' });
    expect(s.busy).toBe(false);
  });

  it("ignores other threads' items but keeps the profile's approvals from any thread", () => {
    const other = { identifier: 'alice', threadId: 'other' };
    const s = apply(
      emptyChat('general'),
      { type: 'text_delta', ...other, messageId: 'x', text: 'elsewhere' },
      { type: 'error', ...other, code: 'anthropic_auth', message: 'bad key' },
      { type: 'approval_required', ...approval, threadId: 'other' },
    );
    expect(s.items).toEqual([]);
    expect(s.approvals).toHaveLength(1);
  });

  it('a reload replaces the picture with main’s; switching threads clears it', () => {
    let s = chatReducer(emptyChat('general'), { type: 'local_user', id: 'u1', text: 'hi', at });
    s = chatReducer(s, { type: 'loaded', view: { threadId: 'general', busy: false, items: [], allowedTools: [] }, approvals: [approval] });
    expect(s).toEqual({ threadId: 'general', items: [], approvals: [approval], busy: false });
    s = chatReducer(chatReducer(s, { type: 'local_user', id: 'u2', text: 'x', at }), { type: 'switch', threadId: 'b' });
    expect(s).toMatchObject({ threadId: 'b', items: [], busy: false, approvals: [approval] });
  });

  it('keeps the thread total from a reload, takes each turn end, and forgets both on a thread switch', () => {
    const u = (input: number, output: number) => ({ input, output, cacheRead: 0, cacheWrite: 0 });
    let s = chatReducer(emptyChat('general'), {
      type: 'loaded',
      view: { threadId: 'general', busy: false, items: [], allowedTools: [], usage: u(100, 10) },
      approvals: [],
    });
    expect(s).toMatchObject({ usage: u(100, 10), lastTurnUsage: undefined });
    s = apply(s, { type: 'turn_end', ...base, turnId: 't', reason: 'end_turn', steps: 1, usage: u(5, 1), threadUsage: u(105, 11) });
    expect(s).toMatchObject({ usage: u(105, 11), lastTurnUsage: u(5, 1) });
    // another thread's turn end changes nothing here
    s = apply(s, {
      type: 'turn_end',
      ...base,
      threadId: 'other',
      turnId: 'x',
      reason: 'end_turn',
      steps: 1,
      usage: u(9, 9),
      threadUsage: u(9, 9),
    });
    expect(s.usage).toEqual(u(105, 11));
    s = chatReducer(s, { type: 'switch', threadId: 'other' });
    expect(s.usage).toBeUndefined();
    expect(s.lastTurnUsage).toBeUndefined();
  });
});
