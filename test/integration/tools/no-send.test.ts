// Invalid input never reaches Freshdesk: it is refused with field-level messages, the sandbox's
// request log stays empty, and no rate-limit credit is spent. Also: what list(profile) says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startToolsRig, type CoreRig, type ToolsRig } from './setup';

let rig: ToolsRig;
let c: CoreRig;

beforeAll(async () => {
  rig = await startToolsRig();
  c = await rig.core(['owner', 'agent']);
});
afterAll(() => rig.close());

const invalid: [string, unknown][] = [
  ['freshdesk_ticket_create', { subject: 'no requester', description: 'd' }],
  ['freshdesk_ticket_create', { email: 'a@example.org', subject: 's', description: 'd', priority: 9 }],
  ['freshdesk_ticket_create', { email: 'a@example.org', subject: 's', description: 'd', tags: ['a,b'] }],
  ['freshdesk_ticket_create', { email: 'a@example.org', subject: 's', description: 'd', due_by: '2030-01-01' }],
  ['freshdesk_ticket_create', { email: 'a@example.org', subject: 's', description: 'd', description_html: '<p>x</p>' }],
  ['freshdesk_ticket_get', { ticket_id: 'abc' }],
  ['freshdesk_ticket_get', { ticket_id: 1, include: 'everything' }],
  ['freshdesk_ticket_update', { ticket_id: 1 }],
  ['freshdesk_ticket_update', { ticket_id: 1, cc_emails: ['a@example.org'] }],
  ['freshdesk_tickets_list', { per_page: 101 }],
  ['freshdesk_tickets_list', { page: 301 }],
  ['freshdesk_tickets_list', { order_by: 'priority' }],
  ['freshdesk_tickets_reply', { ticket_id: 1 }],
  ['freshdesk_tickets_reply', { ticket_id: 1, body: 'x', cc_emails: ['not an email'] }],
  ['freshdesk_contact_create', { name: 'No Identifier' }],
  ['freshdesk_contact_create', { name: 'N', email: 'n@example.org', view_all_tickets: true }],
  ['freshdesk_agent_create', { email: 'x@example.org', name: 'X', ticket_scope: 7 }],
  ['freshdesk_agent_delete', { agent_id: 0 }],
  ['freshdesk_agents_list', { state: 'asleep' }],
  ['freshdesk_roles_list', { page: 2 }],
  ['freshdesk_tickets_list', null],
  ['freshdesk_ticket_get', 'ticket 5'],
];

describe('validation first', () => {
  it('every invalid input is refused with field errors, and nothing reaches the helpdesk', async () => {
    const before = await c.core.tools.execute('agent', 'freshdesk_tickets_list', { per_page: 1 });
    const remainingBefore = before.ok ? before.meta.rateLimit!.remaining : -1;
    await rig.clearRequests();

    for (const [tool, input] of invalid) {
      const r = await c.core.tools.execute('agent', tool, input);
      expect(r.ok, `${tool} ${JSON.stringify(input)}`).toBe(false);
      if (r.ok) continue;
      expect(r.error.kind).toBe('invalid_input');
      expect(r.error.fields?.length).toBeGreaterThan(0);
      for (const f of r.error.fields!)
        expect(f).toEqual({ field: expect.any(String), message: expect.any(String), code: expect.any(String) });
      expect(r.error.message).toMatch(/^Fix the input and try again: /);
    }
    expect(await rig.requests()).toEqual([]);

    const after = await c.core.tools.execute('agent', 'freshdesk_tickets_list', { per_page: 1 });
    expect(after.ok && after.meta.rateLimit!.remaining).toBe(remainingBefore - 1);
  });

  it('an unknown tool or an unconnected profile sends nothing either', async () => {
    await rig.clearRequests();
    expect(await c.core.tools.execute('agent', 'freshdesk_ticket_delete', { ticket_id: 1 })).toMatchObject({
      ok: false,
      error: { kind: 'unknown_tool' },
    });
    await c.core.accounts.getOrCreate('newbie');
    expect(await c.core.tools.execute('newbie', 'freshdesk_tickets_list', {})).toMatchObject({
      ok: false,
      error: { kind: 'not_connected' },
    });
    expect(await rig.requests()).toEqual([]);
  });
});

describe('tools.list', () => {
  it('without a profile: the ten tools with JSON Schemas, no availability', () => {
    const tools = c.core.tools.list();
    expect(tools).toHaveLength(10);
    for (const t of tools) {
      expect(t.inputSchema.type).toBe('object');
      expect(t).not.toHaveProperty('available');
    }
  });

  it("for a profile: everything available to the account administrator; a pending profile's tools are not", async () => {
    expect(c.core.tools.list('owner').every((t) => t.available === true)).toBe(true);
    await c.core.accounts.getOrCreate('pending-person');
    c.core.tools.list('pending-person'); // starts reading the account
    await new Promise((r) => setTimeout(r, 50));
    const pending = c.core.tools.list('pending-person');
    expect(pending.every((t) => t.available === false && /Connect this profile/.test(t.reason ?? ''))).toBe(true);
  });

  it('an agent whose key was refused the roles list when connecting: admin tools are unavailable at once, before any call', async () => {
    expect((await c.core.accounts.get('agent'))?.agent?.adminAccess).toBe(false);
    await rig.clearRequests();
    const after = c.core.tools.list('agent');
    for (const name of ['freshdesk_roles_list', 'freshdesk_agents_list', 'freshdesk_agent_create', 'freshdesk_agent_delete']) {
      expect(after.find((t) => t.name === name)).toMatchObject({
        available: false,
        reason: expect.stringMatching(/only administrators can/),
      });
    }
    expect(await rig.requests()).toHaveLength(0);
    expect(after.find((t) => t.name === 'freshdesk_tickets_list')!.available).toBe(true);
    // another profile on the same helpdesk is not affected
    expect(c.core.tools.list('owner').find((t) => t.name === 'freshdesk_roles_list')!.available).toBe(true);
  });
});
