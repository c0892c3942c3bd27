import { describe, expect, it } from 'vitest';
import { buildCard, canAllowAhead, confirmationMatches, shouldAutoApprove, type CardRead } from '../../../src-main/core/chat/approvals';
import type { ToolDescriptor, ToolResult } from '../../../src-main/core/types';

const tool = (name: string, effect: ToolDescriptor['effect']): ToolDescriptor => ({
  name,
  description: '',
  inputSchema: { type: 'object' },
  effect,
  customerVisible: false,
  adminOnly: false,
});

describe('who may skip the card', () => {
  it('never a reply, a delete or a destructive tool; never a flagged call', () => {
    const update = tool('freshdesk_ticket_update', 'write');
    expect(canAllowAhead(update)).toBe(true);
    expect(canAllowAhead(tool('freshdesk_tickets_reply', 'write'))).toBe(false);
    expect(canAllowAhead(tool('freshdesk_agent_delete', 'destructive'))).toBe(false);
    expect(canAllowAhead(tool('freshdesk_something_destructive', 'destructive'))).toBe(false);
    expect(shouldAutoApprove(update, [], ['freshdesk_ticket_update'], new Set())).toBe(true);
    expect(shouldAutoApprove(update, [], [], new Set(['freshdesk_ticket_update']))).toBe(true);
    expect(shouldAutoApprove(update, [], [], new Set())).toBe(false);
    expect(shouldAutoApprove(update, ['uses_value_from_ticket_content:ticket_id'], ['freshdesk_ticket_update'], new Set())).toBe(false);
    expect(
      shouldAutoApprove(tool('freshdesk_tickets_reply', 'write'), [], ['freshdesk_tickets_reply'], new Set(['freshdesk_tickets_reply'])),
    ).toBe(false);
  });

  it('typed confirmation: exact email, any case, surrounding spaces ignored', () => {
    expect(confirmationMatches('Dan@acme.example', ' dan@ACME.example ')).toBe(true);
    expect(confirmationMatches('dan@acme.example', 'dan@acme.exampl')).toBe(false);
    expect(confirmationMatches('dan@acme.example', undefined)).toBe(false);
  });
});

describe('approval cards', () => {
  const ok = (tool: string, data: unknown): ToolResult => ({ ok: true, tool, data, meta: { status: 200 } });
  const fail = (tool: string): ToolResult => ({ ok: false, tool, error: { kind: 'permission', message: 'no' } });

  it('agent delete: finds the agent by paging the list; unknown → type the id', async () => {
    const pages: CardRead = async (_t, input) =>
      ok(
        'freshdesk_agents_list',
        input.page === 1
          ? Array.from({ length: 100 }, (_, i) => ({ id: i + 1, contact: { email: `a${i + 1}@x.example` } }))
          : [{ id: 555, contact: { name: 'Dan', email: 'dan@x.example' } }],
      );
    expect(await buildCard('freshdesk_agent_delete', { agent_id: 555 }, pages)).toEqual({
      preview: { kind: 'agent_delete', agentId: 555, agentName: 'Dan', agentEmail: 'dan@x.example', confirmText: 'dan@x.example' },
      confirmText: 'dan@x.example',
    });
    const card = await buildCard('freshdesk_agent_delete', { agent_id: 9 }, async () => fail('freshdesk_agents_list'));
    expect(card.confirmText).toBe('9');
  });

  it('reply: the requester is read from Freshdesk; unknown is said plainly', async () => {
    const read: CardRead = async () => ok('freshdesk_ticket_get', { id: 3, subject: 'Help', requester: { email: 'pat@c.example' } });
    const card = await buildCard('freshdesk_tickets_reply', { ticket_id: 3, body: '<p>x</p>', cc_emails: ['c@c.example'] }, read);
    expect(card.preview).toEqual({
      kind: 'reply',
      ticketId: 3,
      ticketSubject: 'Help',
      to: ['pat@c.example'],
      requesterKnown: true,
      cc: ['c@c.example'],
      bcc: [],
      body: '<p>x</p>',
    });
    const unknown = await buildCard('freshdesk_tickets_reply', { ticket_id: 3, body: 'x' }, async () => fail('freshdesk_ticket_get'));
    expect(unknown.preview).toMatchObject({ to: [], requesterKnown: false });
  });

  it('update: only the fields that change, with their current values', async () => {
    const read: CardRead = async () => ok('freshdesk_ticket_get', { id: 3, priority: 1, status: 2, tags: ['a'] });
    const card = await buildCard('freshdesk_ticket_update', { ticket_id: 3, priority: 4, status: 2, tags: ['a', 'b'] }, read);
    expect(card.preview).toEqual({
      kind: 'update',
      ticketId: 3,
      currentKnown: true,
      changes: [
        { field: 'priority', before: 1, after: 4 },
        { field: 'tags', before: ['a'], after: ['a', 'b'] },
      ],
    });
  });
});
