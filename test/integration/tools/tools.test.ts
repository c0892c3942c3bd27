// The ten tools through the real core against the sandbox helpdesk over HTTP: each tool's
// success, and each error kind Freshdesk can give it (400, 401, 403, 404, 405, 409).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { projectForModel } from '../../../src-main/core/tools';
import type { ToolResult } from '../../../src-main/core/types';
import { sleep, startToolsRig, type CoreRig, type ToolsRig } from './setup';

let rig: ToolsRig;
let c: CoreRig;

beforeAll(async () => {
  rig = await startToolsRig();
  // plenty of budget: rate limiting has its own suite
  await rig.limits('acme', { perMinute: 100_000 });
  c = await rig.core(['owner', 'admin', 'agent', 'restricted', 'readOnly']);
});
afterAll(() => rig.close());
beforeEach(() => rig.clearFaults());

const run = (who: string, tool: string, input: unknown) => c.core.tools.execute(who, tool, input);

function ok(r: ToolResult): Extract<ToolResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected success, got ${r.error.kind}: ${r.error.message}`);
  return r;
}
function err(r: ToolResult): Extract<ToolResult, { ok: false }>['error'] {
  if (r.ok) throw new Error(`expected an error, got ${r.meta.status}`);
  return r.error;
}
/** no result, log line or event may carry any profile's key */
function expectNoSecrets(x: unknown) {
  const text = JSON.stringify(x) + c.logs.join('\n') + JSON.stringify(c.events);
  for (const m of ['owner', 'admin', 'agent', 'restricted', 'readOnly'] as const) {
    expect(text).not.toContain(c.keyOf(m));
    expect(text).not.toContain(Buffer.from(`${c.keyOf(m)}:X`).toString('base64'));
  }
}

async function someRequester(): Promise<{ id: number; email: string }> {
  const list = ok(await run('owner', 'freshdesk_tickets_list', { include: 'requester', per_page: 5 }));
  const r = (list.data as { requester: { id: number; email: string } }[]).find((t) => t.requester?.email)!.requester;
  return { id: r.id, email: r.email };
}

describe('freshdesk_ticket_create', () => {
  it('creates a ticket (201) with the input passed through unchanged', async () => {
    const r = ok(
      await run('agent', 'freshdesk_ticket_create', {
        email: 'new.customer@example.org',
        name: 'New Customer',
        subject: 'Printer on fire',
        description: '<p>It is <b>really</b> on fire.</p>',
        priority: 4,
        status: 2,
        tags: ['hardware', 'urgent'],
        cc_emails: ['boss@example.org'],
      }),
    );
    expect(r.meta.status).toBe(201);
    const t = r.data as Record<string, unknown>;
    expect(t).toMatchObject({
      subject: 'Printer on fire',
      priority: 4,
      status: 2,
      tags: ['hardware', 'urgent'],
      cc_emails: ['boss@example.org'],
    });
    expect(r.meta.rateLimit).toMatchObject({ total: 100_000, usedByThisCall: 1 });
    expect(r.meta.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(projectForModel('freshdesk_ticket_create', r.data)).toMatchObject({
      id: t.id,
      subject: 'Printer on fire',
      status: 'Open',
      priority: 'Urgent',
      description: 'It is really on fire.',
    });
  });

  it("maps Freshdesk's own field errors (400) to invalid_input with its fields", async () => {
    const e = err(await run('agent', 'freshdesk_ticket_create', { requester_id: 999_999_999, subject: 's', description: 'd' }));
    expect(e.kind).toBe('invalid_input');
    expect(e.status).toBe(400);
    expect(e.fields).toEqual([expect.objectContaining({ field: 'requester_id', code: 'invalid_value' })]);
    expect(e.message).toMatch(/requester_id/);
    expect(e.requestId).toBeTruthy();
  });

  it('reports 403 for a role without the create privilege and remembers it for list(profile)', async () => {
    const e = err(await run('readOnly', 'freshdesk_ticket_create', { email: 'x@example.org', subject: 's', description: 'd' }));
    expect(e).toMatchObject({ kind: 'permission', status: 403, code: 'access_denied' });
    expect(e.message).toMatch(/create tickets \(Freshdesk: access_denied\)/);
    const listed = c.core.tools.list('readOnly').find((t) => t.name === 'freshdesk_ticket_create')!;
    expect(listed).toMatchObject({ available: false });
    expect(listed.reason).toMatch(/create tickets/);
    expectNoSecrets(e);
  });
});

describe('freshdesk_ticket_get', () => {
  it('reads a ticket with all includes; the compact form has names, excerpts and conversations', async () => {
    const id = rig.acme.fixtures.richTicketId;
    const r = ok(await run('owner', 'freshdesk_ticket_get', { ticket_id: id, include: 'conversations,requester,company,stats' }));
    const t = r.data as Record<string, unknown>;
    expect(t.id).toBe(id);
    expect(t).toHaveProperty('conversations');
    expect(t).toHaveProperty('requester.email');
    expect(r.meta.rateLimit?.usedByThisCall).toBe(5);
    const p = projectForModel('freshdesk_ticket_get', r.data) as Record<string, unknown>;
    expect(p).toMatchObject({
      id,
      requester: { name: expect.any(String), email: expect.any(String) },
      company: { name: expect.any(String) },
    });
    expect(['Open', 'Pending', 'Resolved', 'Closed']).toContain(p.status);
    for (const conv of p.conversations as { body?: string }[]) expect((conv.body ?? '').length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(p)).not.toMatch(/<\/?(div|p|br)\b/);
  });

  it('strips hostile HTML from what the model sees', async () => {
    const r = ok(await run('owner', 'freshdesk_ticket_get', { ticket_id: rig.acme.fixtures.hostileHtmlTicketId }));
    const p = JSON.stringify(projectForModel('freshdesk_ticket_get', r.data));
    expect(p).not.toMatch(/<script|<img|onerror|<iframe/i);
  });

  it('404 (single-space body) → not_found naming the ticket', async () => {
    const e = err(await run('owner', 'freshdesk_ticket_get', { ticket_id: 987_654_321 }));
    expect(e).toMatchObject({ kind: 'not_found', status: 404 });
    expect(e.message).toMatch(/Ticket 987654321 was not found/);
  });

  it('403 outside the ticket scope explains the scope and is not remembered as a role limit', async () => {
    const list = ok(await run('owner', 'freshdesk_tickets_list', { per_page: 50 }));
    const restrictedId = c.agentOf('restricted').id;
    const foreign = (list.data as { id: number; responder_id: number | null }[]).find((t) => t.responder_id !== restrictedId)!;
    const e = err(await run('restricted', 'freshdesk_ticket_get', { ticket_id: foreign.id }));
    expect(e).toMatchObject({ kind: 'permission', code: 'access_denied' });
    expect(e.message).toMatch(/outside your ticket scope \(Restricted/);
    expect(c.core.tools.list('restricted').find((t) => t.name === 'freshdesk_ticket_get')!.available).toBe(true);
  });
});

describe('freshdesk_ticket_update', () => {
  it('updates fields (200) and sends only what was given', async () => {
    const created = ok(await run('agent', 'freshdesk_ticket_create', { email: 'upd@example.org', subject: 'Update me', description: 'd' }));
    const id = (created.data as { id: number }).id;
    await rig.clearRequests();
    const r = ok(await run('agent', 'freshdesk_ticket_update', { ticket_id: id, priority: 3, tags: ['triaged'] }));
    expect(r.meta.status).toBe(200);
    expect(r.data).toMatchObject({ id, priority: 3, tags: ['triaged'], subject: 'Update me' });
    const log = await rig.requests();
    expect(log.map((e) => `${e.method} ${e.path}`)).toEqual([`PUT /api/v2/tickets/${id}`]);
  });

  it('405 on a spam ticket → not_allowed', async () => {
    const e = err(await run('owner', 'freshdesk_ticket_update', { ticket_id: rig.acme.fixtures.spamTicketId, priority: 2 }));
    expect(e).toMatchObject({ kind: 'not_allowed', status: 405 });
    expect(e.message).toMatch(/spam or deleted/);
  });

  it('404 for an unknown ticket, 400 for a status the account does not have', async () => {
    expect(err(await run('owner', 'freshdesk_ticket_update', { ticket_id: 987_654_321, priority: 2 })).kind).toBe('not_found');
    const e = err(await run('owner', 'freshdesk_ticket_update', { ticket_id: rig.acme.fixtures.richTicketId, status: 99 }));
    expect(e).toMatchObject({ kind: 'invalid_input', status: 400 });
    expect(e.fields?.[0]).toMatchObject({ field: 'status', code: 'invalid_value' });
  });
});

describe('freshdesk_tickets_list', () => {
  it('lists a page with nextPage from the Link header, and none on the last page', async () => {
    const first = ok(await run('owner', 'freshdesk_tickets_list', { per_page: 5, order_by: 'updated_at', order_type: 'desc' }));
    expect((first.data as unknown[]).length).toBe(5);
    expect(first.meta.nextPage).toBe(2);
    const second = ok(await run('owner', 'freshdesk_tickets_list', { per_page: 5, page: 2 }));
    expect(second.meta.nextPage).toBe(3);
    const last = ok(await run('owner', 'freshdesk_tickets_list', { per_page: 100, updated_since: '2000-01-01T00:00:00Z' }));
    expect((last.data as unknown[]).length).toBeLessThan(100);
    expect(last.meta.nextPage).toBeUndefined();
  });

  it('passes filters as query parameters, url-encoded', async () => {
    const who = await someRequester();
    await rig.clearRequests();
    const r = ok(await run('owner', 'freshdesk_tickets_list', { email: who.email, include: 'description' }));
    expect((r.data as { requester_id: number }[]).every((t) => t.requester_id === who.id)).toBe(true);
    const [entry] = await rig.requests();
    expect(new URLSearchParams(entry!.query).get('email')).toBe(who.email);
    expect(entry!.credits).toBe(3);
  });

  it('a 30-ticket page costs the model at most 25% of the raw JSON', async () => {
    const r = ok(await run('owner', 'freshdesk_tickets_list', { per_page: 30 }));
    expect((r.data as unknown[]).length).toBe(30);
    const raw = JSON.stringify(r.data).length;
    const compact = JSON.stringify(projectForModel('freshdesk_tickets_list', r.data, { nextPage: r.meta.nextPage })).length;
    expect(compact / raw).toBeLessThanOrEqual(0.25);
    const p = projectForModel('freshdesk_tickets_list', r.data, { nextPage: r.meta.nextPage }) as {
      count: number;
      next_page?: number;
      tickets: Record<string, unknown>[];
    };
    expect(p.count).toBe(30);
    expect(p.next_page).toBe(2);
    expect(p.tickets[0]).toMatchObject({
      id: expect.any(Number),
      subject: expect.any(String),
      status: expect.any(String),
      priority: expect.any(String),
    });
  });

  it('an unknown requester email → invalid_input from Freshdesk', async () => {
    const e = err(await run('owner', 'freshdesk_tickets_list', { email: 'nobody-here@example.org' }));
    expect(e).toMatchObject({ kind: 'invalid_input', status: 400 });
    expect(e.fields?.[0]?.field).toBe('email');
  });
});

describe('freshdesk_tickets_reply', () => {
  it('posts one public reply (201)', async () => {
    const id = rig.acme.fixtures.richTicketId;
    await rig.clearRequests();
    const r = ok(
      await run('agent', 'freshdesk_tickets_reply', { ticket_id: id, body: '<p>We are on it.</p>', cc_emails: ['cc@example.org'] }),
    );
    expect(r.meta.status).toBe(201);
    expect(r.data).toMatchObject({ ticket_id: id, body_text: expect.stringContaining('We are on it.') });
    expect(projectForModel('freshdesk_tickets_reply', r.data, { input: { ticket_id: id } })).toMatchObject({
      ticket_id: id,
      body: 'We are on it.',
    });
    expect((await rig.requests()).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`POST /api/v2/tickets/${id}/reply 201`]);
  });

  it('403 for a role that may not reply; 405 on a deleted ticket; 404 on an unknown one', async () => {
    const denied = err(await run('readOnly', 'freshdesk_tickets_reply', { ticket_id: rig.acme.fixtures.richTicketId, body: 'x' }));
    expect(denied).toMatchObject({ kind: 'permission', code: 'access_denied' });
    const deleted = err(await run('owner', 'freshdesk_tickets_reply', { ticket_id: rig.acme.fixtures.deletedTicketId, body: 'x' }));
    expect(deleted.kind).toBe('not_allowed');
    expect(err(await run('owner', 'freshdesk_tickets_reply', { ticket_id: 987_654_321, body: 'x' })).kind).toBe('not_found');
  });
});

describe('freshdesk_contact_create', () => {
  it('creates a contact (201)', async () => {
    const r = ok(
      await run('agent', 'freshdesk_contact_create', {
        name: 'Rita Requester',
        email: 'rita@example.org',
        job_title: 'CTO',
        tags: ['vip'],
      }),
    );
    expect(r.meta.status).toBe(201);
    expect(projectForModel('freshdesk_contact_create', r.data)).toMatchObject({
      name: 'Rita Requester',
      email: 'rita@example.org',
      job_title: 'CTO',
    });
  });

  it('409 for an email in use → conflict with the existing contact id', async () => {
    const who = await someRequester();
    const e = err(await run('agent', 'freshdesk_contact_create', { name: 'Copy', email: who.email }));
    expect(e).toMatchObject({ kind: 'conflict', status: 409, existingId: who.id, code: 'duplicate_value' });
    expect(e.message).toMatch(new RegExp(`contact \\(id ${who.id}\\)`));
  });

  it('403 for a role without contact management', async () => {
    expect(err(await run('readOnly', 'freshdesk_contact_create', { name: 'N', email: 'n@example.org' })).kind).toBe('permission');
  });
});

describe('admin tools', () => {
  it('roles_list (admin): the built-in roles; teaches role names for role ids', async () => {
    const r = ok(await run('owner', 'freshdesk_roles_list', {}));
    const names = (r.data as { name: string }[]).map((x) => x.name);
    expect(names).toEqual(expect.arrayContaining(['Account Administrator', 'Administrator', 'Supervisor', 'Agent']));
    expect(projectForModel('freshdesk_roles_list', r.data)).toMatchObject({ count: names.length });
    // the Agent profile's role ids now have a name: admin-only tools are explained by role
    const listed = c.core.tools.list('agent').find((t) => t.name === 'freshdesk_agent_delete')!;
    expect(listed).toMatchObject({ available: false, reason: 'Your role Agent cannot delete agents; only administrators can.' });
  });

  it('agents_list (admin) with filters and paging', async () => {
    const r = ok(await run('admin', 'freshdesk_agents_list', { per_page: 3 }));
    expect((r.data as unknown[]).length).toBe(3);
    expect(r.meta.nextPage).toBe(2);
    const one = ok(await run('admin', 'freshdesk_agents_list', { email: c.agentOf('agent').email }));
    expect(projectForModel('freshdesk_agents_list', one.data)).toMatchObject({
      count: 1,
      agents: [{ id: c.agentOf('agent').id, email: c.agentOf('agent').email }],
    });
  });

  it('agent_create (201), then 409 with existingId for the same email', async () => {
    const input = { email: 'nina.new@acme.example', name: 'Nina New', ticket_scope: 2, occasional: true };
    const r = ok(await run('owner', 'freshdesk_agent_create', input));
    expect(r.meta.status).toBe(201);
    const id = (r.data as { id: number }).id;
    expect(projectForModel('freshdesk_agent_create', r.data)).toMatchObject({ id, name: 'Nina New', ticket_scope: 'Group' });
    const e = err(await run('owner', 'freshdesk_agent_create', input));
    expect(e).toMatchObject({ kind: 'conflict', existingId: id });
    expect(e.message).toMatch(/agent \(id \d+\)/);
  });

  it('agent_delete (204) downgrades the agent; 404 afterwards; self-delete refused before sending', async () => {
    const created = ok(
      await run('owner', 'freshdesk_agent_create', { email: 'temp.agent@acme.example', name: 'Temp Agent', ticket_scope: 1 }),
    );
    const id = (created.data as { id: number }).id;
    const r = ok(await run('owner', 'freshdesk_agent_delete', { agent_id: id }));
    expect(r.meta.status).toBe(204);
    expect(r.data).toBeNull();
    expect(projectForModel('freshdesk_agent_delete', r.data, { input: { agent_id: id } })).toMatchObject({ deleted: true, agent_id: id });
    expect(err(await run('owner', 'freshdesk_agent_delete', { agent_id: id })).kind).toBe('not_found');

    await rig.clearRequests();
    const self = err(await run('owner', 'freshdesk_agent_delete', { agent_id: c.agentOf('owner').id }));
    expect(self).toMatchObject({ kind: 'invalid_input', fields: [expect.objectContaining({ field: 'agent_id' })] });
    expect(await rig.requests()).toEqual([]);
  });

  it('a non-admin gets permission with the role name once it is known, and a 403 marks the tool for that profile only', async () => {
    const e = err(await run('restricted', 'freshdesk_agent_delete', { agent_id: c.agentOf('occasional').id }));
    expect(e).toMatchObject({ kind: 'permission', code: 'access_denied' });
    expect(e.message).toBe('Your role Agent cannot delete agents (Freshdesk: access_denied).');
    const e2 = err(await run('restricted', 'freshdesk_agents_list', {}));
    expect(e2.kind).toBe('permission');
    expect(c.core.tools.list('owner').every((t) => t.available)).toBe(true);
    expectNoSecrets([e, e2]);
  });
});

describe('profile state', () => {
  it('unknown tool and unknown profile', async () => {
    expect(err(await run('owner', 'freshdesk_ticket_destroy', {})).kind).toBe('unknown_tool');
    expect(err(await run('nobody', 'freshdesk_roles_list', {})).kind).toBe('not_connected');
  });

  it('401 → revoked, exactly this profile becomes REVOKED, later calls fail fast without a request', async () => {
    const t = await rig.core(['agent', 'supervisor']);
    await rig.control('POST', `/_sandbox/accounts/acme/agents/${t.agentOf('supervisor').id}/reset-key`);
    await rig.clearRequests();
    const e = err(await t.core.tools.execute('supervisor', 'freshdesk_tickets_list', {}));
    expect(e).toMatchObject({ kind: 'revoked', status: 401, code: 'invalid_credentials' });
    expect((await t.core.accounts.get('supervisor'))?.status).toBe('REVOKED');
    expect((await t.core.accounts.get('agent'))?.status).toBe('ACTIVE');
    expect(t.core.tools.list('supervisor').every((d) => d.available === false)).toBe(true);

    const again = err(await t.core.tools.execute('supervisor', 'freshdesk_tickets_list', {}));
    expect(again.kind).toBe('revoked');
    expect(ok(await t.core.tools.execute('agent', 'freshdesk_tickets_list', { per_page: 1 })).meta.status).toBe(200);
    const log = await rig.requests();
    expect(log.filter((x) => x.status === 401)).toHaveLength(1);
    const text = JSON.stringify([e, again, t.events]) + t.logs.join('\n');
    expect(text).not.toContain(t.keyOf('supervisor'));
  });

  it('a late 401 for the old key does not revoke a key entered while the call was in flight', async () => {
    const t = await rig.core(['groupAgent']);
    const reset = (await rig.control('POST', `/_sandbox/accounts/acme/agents/${t.agentOf('groupAgent').id}/reset-key`)) as {
      apiKey: string;
    };
    // The old key's call is held in the sandbox while the person enters the new key.
    await rig.fault({ subdomain: 'acme', count: 1, kind: 'latency', ms: 600 });
    const inFlight = t.core.tools.execute('groupAgent', 'freshdesk_tickets_list', { per_page: 1 });
    await sleep(150);
    await t.core.accounts.authorize('groupAgent', { subdomain: 'acme', apiKey: reset.apiKey });
    expect(err(await inFlight).kind).toBe('revoked');
    expect((await t.core.accounts.get('groupAgent'))?.status).toBe('ACTIVE');
    expect(ok(await t.core.tools.execute('groupAgent', 'freshdesk_tickets_list', { per_page: 1 })).meta.status).toBe(200);
  });
});
