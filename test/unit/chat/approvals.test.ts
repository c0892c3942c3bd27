import { describe, expect, it } from 'vitest';
import {
  buildCard,
  canAllowAhead,
  confirmationMatches,
  needsCard,
  type CardContext,
  type CardRead,
} from '../../../src-main/core/chat/approvals';
import { spelledOutAddresses } from '../../../src-main/core/chat/untrusted';
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
    const ctx = (over: Partial<CardContext> = {}): CardContext => ({
      settingsAllowed: [],
      threadAllowed: new Set(),
      typed: new Set(['42']),
      seen: new Set(),
      returned: new Set(),
      ...over,
    });
    const card = (t: ToolDescriptor, input: unknown, c: CardContext) => needsCard(t, input, c).card;
    expect(card(update, { ticket_id: 42, priority: 4 }, ctx({ settingsAllowed: ['freshdesk_ticket_update'] }))).toBe(false);
    expect(card(update, { ticket_id: 42, priority: 4 }, ctx({ threadAllowed: new Set(['freshdesk_ticket_update']) }))).toBe(false);
    expect(card(update, { ticket_id: 42, priority: 4 }, ctx())).toBe(true);
    expect(
      needsCard(update, { ticket_id: 42 }, ctx({ typed: new Set(), seen: new Set(['42']), settingsAllowed: ['freshdesk_ticket_update'] })),
    ).toMatchObject({ card: true, flags: ['uses_value_from_ticket_content:ticket_id'] });
    const reply = tool('freshdesk_tickets_reply', 'write');
    expect(
      card(
        reply,
        { ticket_id: 42, body: 'x' },
        ctx({ settingsAllowed: ['freshdesk_tickets_reply'], threadAllowed: new Set(['freshdesk_tickets_reply']) }),
      ),
    ).toBe(true);
    expect(
      card(tool('freshdesk_agent_create', 'write'), { email: 'x@y.example' }, ctx({ settingsAllowed: ['freshdesk_agent_create'] })),
    ).toBe(true);
    expect(canAllowAhead(tool('freshdesk_agent_create', 'write'))).toBe(false);
  });

  it('an allowed-ahead ticket update skips the card only for triage fields', () => {
    const update = tool('freshdesk_ticket_update', 'write');
    const c: CardContext = {
      settingsAllowed: [],
      threadAllowed: new Set(['freshdesk_ticket_update']),
      typed: new Set(['42']),
      seen: new Set(),
      returned: new Set(['7', '3']),
    };
    const safe = { ticket_id: 42, priority: 4, status: 5, type: 'Problem', group_id: 3, responder_id: 7, tags: ['vip'] };
    expect(needsCard(update, safe, c)).toMatchObject({ card: false, why: 'allowed' });
    for (const extra of [
      { requester_id: 7 },
      { email: 'pat@c.example' },
      { phone: '555' },
      { subject: 'New' },
      { description: '<p>x</p>' },
      { custom_fields: { cf_x: 'y' } },
      { due_by: '2030-01-01T00:00:00Z', fr_due_by: '2030-01-01T00:00:00Z' },
    ]) {
      expect(needsCard(update, { ...safe, ...extra }, c), JSON.stringify(extra)).toMatchObject({ card: true });
    }
  });

  it('an address or id from nowhere asks, whatever the allowance; even spelled out', () => {
    const create = tool('freshdesk_contact_create', 'write');
    const update = tool('freshdesk_ticket_update', 'write');
    const c: CardContext = {
      settingsAllowed: ['freshdesk_contact_create', 'freshdesk_ticket_update'],
      threadAllowed: new Set(),
      typed: new Set(['42', 'pat@c.example']),
      seen: new Set(),
      returned: new Set(['7']),
    };
    expect(needsCard(create, { name: 'Pat', email: 'pat@c.example' }, c).card).toBe(false);
    expect(needsCard(create, { name: 'Mal', email: 'mallory@evil.example' }, c)).toMatchObject({
      card: true,
      flags: ['unknown_value:email'],
    });
    expect(needsCard(create, { name: 'mallory at evil dot example' }, c)).toMatchObject({ card: true, flags: ['unknown_address:name'] });
    expect(needsCard(update, { ticket_id: 42, tags: ['mallory [at] evil (dot) example'] }, c)).toMatchObject({
      card: true,
      flags: ['unknown_address:tags'],
    });
    expect(needsCard(update, { ticket_id: 42, responder_id: 99 }, c)).toMatchObject({ card: true, flags: ['unknown_value:responder_id'] });
    expect(needsCard(update, { ticket_id: 42, responder_id: 7 }, c).card).toBe(false);
    expect(needsCard(update, { ticket_id: 43, status: 4 }, c)).toMatchObject({ card: true, flags: ['unknown_value:ticket_id'] });
    expect(spelledOutAddresses('write to mallory at evil dot example please')).toContain('mallory@evil.example');
    expect(spelledOutAddresses('mallory(at)evil[dot]example')).toBe('mallory@evil.example');
    expect(spelledOutAddresses('mallory @ evil . example')).toBe('mallory@evil.example');
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
