import { describe, expect, it } from 'vitest';
import type { cast } from './helpers.js';
import { useSandboxSuite, type SandboxClient, type Loose } from './helpers.js';

// Contract: docs/freshdesk-api.md §2.1, §2.7–2.11 (agents, contacts, roles) and the extra read endpoints.

let client: SandboxClient;
let c: ReturnType<typeof cast>;
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const ACCESS_DENIED = { code: 'access_denied', message: 'You are not authorized to perform this action.' };

useSandboxSuite((s) => ({ client, c } = s));

const get = (path: string, key = c.accountAdmin.apiKey) => client.call(path, { key });
const post = (path: string, body: unknown, key = c.accountAdmin.apiKey) => client.call(path, { method: 'POST', key, body });
const del = (path: string, key = c.accountAdmin.apiKey) => client.call(path, { method: 'DELETE', key });
const fieldError = (field: string, message: string, code: string) => ({
  description: 'Validation failed',
  errors: [{ field, message, code }],
});

describe('GET /api/v2/agents/me', () => {
  it('answers every agent with group_ids, role_ids, skill_ids and the contact profile', async () => {
    for (const who of [c.accountAdmin, c.admin, c.supervisor, c.agent, c.groupAgent, c.restricted, c.readOnly, c.occasional]) {
      const r = await get('/api/v2/agents/me', who.apiKey);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ id: who.id, ticket_scope: who.ticketScope, role_ids: who.roleIds, type: 'support_agent' });
      expect(Array.isArray(r.json.group_ids) && Array.isArray(r.json.skill_ids)).toBe(true);
      expect(r.json.contact.email).toBe(who.email);
      expect(r.json.contact.name).toBe(who.name);
    }
  });

  it('seeds every ticket scope and the required roles', async () => {
    const roles = (await get('/api/v2/roles')).json as { id: number; name: string }[];
    const roleName = (id: number) => roles.find((r) => r.id === id)?.name;
    expect(roleName(c.accountAdmin.roleIds[0]!)).toBe('Account Administrator');
    expect(roleName(c.admin.roleIds[0]!)).toBe('Administrator');
    expect(roleName(c.supervisor.roleIds[0]!)).toBe('Supervisor');
    expect(roleName(c.agent.roleIds[0]!)).toBe('Agent');
    expect([c.accountAdmin.ticketScope, c.supervisor.ticketScope, c.agent.ticketScope, c.restricted.ticketScope]).toEqual([1, 2, 1, 3]);
  });
});

describe('POST /api/v2/contacts', () => {
  it('201 + Location + contact', async () => {
    const r = await post(
      '/api/v2/contacts',
      {
        name: 'Lois Lane',
        email: 'lois@planet.example',
        phone: '+1 555 0199',
        company_id: await firstCompanyId(),
        view_all_tickets: true,
        other_emails: ['lois.lane@planet.example'],
        tags: ['press'],
      },
      c.agent.apiKey,
    );
    expect(r.status).toBe(201);
    expect(r.headers.location).toMatch(new RegExp(`/api/v2/contacts/${r.json.id}$`));
    expect(r.json).toMatchObject({
      name: 'Lois Lane',
      email: 'lois@planet.example',
      phone: '+1 555 0199',
      view_all_tickets: true,
      other_emails: ['lois.lane@planet.example'],
      tags: ['press'],
      active: false,
      deleted: false,
    });
    expect(r.json.mobile).toBeNull();
    expect(r.json.created_at).toMatch(TS);
    const back = await get(`/api/v2/contacts/${r.json.id}`);
    expect(back.status).toBe(200);
    expect(back.json.email).toBe('lois@planet.example');
  });

  it('name is mandatory, and at least one identifier', async () => {
    expect((await post('/api/v2/contacts', { email: 'x@y.example' })).json).toEqual(
      fieldError('name', 'Mandatory attribute missing', 'missing_field'),
    );
    expect((await post('/api/v2/contacts', { name: 'No Way' })).json).toEqual(
      fieldError('email', 'Please fill at least 1 of email, mobile, phone, twitter_id fields', 'missing_field'),
    );
  });

  it('409 duplicate_value with additional_info.user_id for e-mail and twitter_id clashes', async () => {
    const first = await post('/api/v2/contacts', { name: 'Dup One', email: 'dup@one.example', twitter_id: 'dupone' });
    expect(first.status).toBe(201);
    const again = await post('/api/v2/contacts', { name: 'Dup Two', email: 'DUP@one.example' });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({
      description: 'Validation failed',
      errors: [
        { field: 'email', additional_info: { user_id: first.json.id }, message: 'It should be a unique value', code: 'duplicate_value' },
      ],
    });
    const tw = await post('/api/v2/contacts', { name: 'Dup Three', twitter_id: 'dupone' });
    expect(tw.status).toBe(409);
    expect(tw.json.errors[0]).toMatchObject({ field: 'twitter_id', additional_info: { user_id: first.json.id }, code: 'duplicate_value' });
    // An agent's e-mail is taken too.
    const agentMail = await post('/api/v2/contacts', { name: 'Fake Dan', email: c.agent.email });
    expect(agentMail.status).toBe(409);
  });

  it('view_all_tickets needs company_id; other_emails needs email; unknown keys are invalid_field', async () => {
    expect((await post('/api/v2/contacts', { name: 'V', email: 'v@x.example', view_all_tickets: true })).json).toEqual(
      fieldError('company_id', 'Company ID is required for a contact to view all tickets', 'missing_field'),
    );
    expect((await post('/api/v2/contacts', { name: 'O', phone: '1', other_emails: ['o@x.example'] })).json).toEqual(
      fieldError('email', "It should not be blank if 'other_emails' is set", 'missing_field'),
    );
    expect((await post('/api/v2/contacts', { name: 'U', email: 'u@x.example', shoe_size: 9 })).json).toEqual(
      fieldError('shoe_size', 'Unexpected/invalid field in request', 'invalid_field'),
    );
    expect((await post('/api/v2/contacts', { name: 'T', email: 'bad-email' })).json.errors[0]).toMatchObject({
      field: 'email',
      code: 'invalid_value',
    });
  });

  it('the read-only custom role may not create contacts', async () => {
    const r = await post('/api/v2/contacts', { name: 'R', email: 'r@x.example' }, c.readOnly.apiKey);
    expect(r.status).toBe(403);
    expect(r.json).toEqual(ACCESS_DENIED);
  });
});

async function firstCompanyId(): Promise<number> {
  const r = await get(`/api/v2/tickets/${c.account.fixtures.richTicketId}`);
  return r.json.company_id as number;
}

describe('GET /api/v2/contacts/:id, /companies/:id, /groups', () => {
  it('contact view; 404 for unknown ids and for active agents', async () => {
    const t = (await get(`/api/v2/tickets/${c.account.fixtures.richTicketId}`)).json;
    const r = await get(`/api/v2/contacts/${t.requester_id}`, c.agent.apiKey);
    expect(r.status).toBe(200);
    expect(r.json.id).toBe(t.requester_id);
    expect((await get('/api/v2/contacts/77')).text).toBe(' ');
    expect((await get(`/api/v2/contacts/${c.agent.id}`)).status).toBe(404);
  });

  it('company view', async () => {
    const id = await firstCompanyId();
    const r = await get(`/api/v2/companies/${id}`, c.agent.apiKey);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id });
    expect(typeof r.json.name).toBe('string');
    expect(Array.isArray(r.json.domains)).toBe(true);
    expect((await get('/api/v2/companies/3')).status).toBe(404);
  });

  it('groups list is open to every agent', async () => {
    const r = await get('/api/v2/groups', c.restricted.apiKey);
    expect(r.status).toBe(200);
    expect(r.json.length).toBeGreaterThanOrEqual(3);
    for (const g of r.json) expect(typeof g.id === 'number' && typeof g.name === 'string').toBe(true);
    const me = (await get('/api/v2/agents/me', c.supervisor.apiKey)).json;
    const ids = r.json.map((g: Loose) => g.id);
    expect(me.group_ids.every((id: number) => ids.includes(id))).toBe(true);
  });

  it('ticket_fields lists the status choices including custom statuses', async () => {
    const r = await get('/api/v2/ticket_fields', c.agent.apiKey);
    expect(r.status).toBe(200);
    const status = r.json.find((f: Loose) => f.name === 'status');
    expect(Object.keys(status.choices)).toEqual(expect.arrayContaining(['2', '3', '4', '5']));
  });
});

describe('agents (admin only)', () => {
  it('GET /agents: alphabetical, without group_ids/role_ids/skill_ids; filters; Link', async () => {
    const r = await get('/api/v2/agents', c.admin.apiKey);
    expect(r.status).toBe(200);
    const names = r.json.map((a: Loose) => a.contact.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en')));
    for (const a of r.json) {
      for (const k of ['group_ids', 'role_ids', 'skill_ids']) expect(a).not.toHaveProperty(k);
    }
    const occ = await get('/api/v2/agents?state=occasional');
    expect(occ.json.map((a: Loose) => a.id)).toEqual([c.occasional.id]);
    const full = await get('/api/v2/agents?state=fulltime');
    expect(full.json.every((a: Loose) => a.occasional === false)).toBe(true);
    const byEmail = await get(`/api/v2/agents?email=${encodeURIComponent(c.supervisor.email)}`);
    expect(byEmail.json.map((a: Loose) => a.id)).toEqual([c.supervisor.id]);
    const paged = await get('/api/v2/agents?per_page=2');
    expect(paged.json).toHaveLength(2);
    expect(paged.headers.link).toMatch(/per_page=2&page=2>; rel="next"$/);
  });

  it('GET /agents validates its query', async () => {
    expect((await get('/api/v2/agents?name=Ava')).json).toEqual(fieldError('name', 'Unexpected/invalid field in request', 'invalid_field'));
    expect((await get('/api/v2/agents?state=parttime')).json).toEqual(
      fieldError('state', "It should be one of these values: 'occasional,fulltime'", 'invalid_value'),
    );
    expect((await get('/api/v2/agents?email=nope')).json).toEqual(
      fieldError('email', "It should be in the 'valid email address' format", 'invalid_value'),
    );
  });

  it('GET /agents/:id returns the full agent; 404 for unknown ids', async () => {
    const r = await get(`/api/v2/agents/${c.supervisor.id}`);
    expect(r.json).toMatchObject({ id: c.supervisor.id, role_ids: c.supervisor.roleIds, ticket_scope: 2 });
    expect((await get('/api/v2/agents/123')).text).toBe(' ');
  });

  it('POST /agents: 201 + Location, occasional defaults to true, default signature, Agent role', async () => {
    const r = await post('/api/v2/agents', { email: 'new.agent@acme.example', name: 'New Agent', ticket_scope: 2 });
    expect(r.status).toBe(201);
    expect(r.headers.location).toMatch(new RegExp(`/api/v2/agents/${r.json.id}$`));
    expect(r.json).toMatchObject({
      occasional: true,
      available: false,
      ticket_scope: 2,
      signature: '<div dir="ltr"><p><br></p>\n</div>',
      focus_mode: true,
      type: 'support_agent',
    });
    expect(r.json.contact).toMatchObject({ active: false, email: 'new.agent@acme.example', name: 'New Agent', language: 'en' });
    const roles = (await get('/api/v2/roles')).json;
    expect(r.json.role_ids).toEqual([roles.find((x: Loose) => x.name === 'Agent').id]);
    const full = await post('/api/v2/agents', { email: 'ft.agent@acme.example', name: 'Full Timer', ticket_scope: 1, occasional: false });
    expect(full.json.occasional).toBe(false);
  });

  it('POST /agents validation', async () => {
    expect((await post('/api/v2/agents', { name: 'X', ticket_scope: 1 })).json.errors[0]).toMatchObject({
      field: 'email',
      code: 'missing_field',
    });
    expect((await post('/api/v2/agents', { name: 'X', email: 'x1@acme.example' })).json.errors[0]).toMatchObject({
      field: 'ticket_scope',
      code: 'missing_field',
    });
    expect((await post('/api/v2/agents', { name: 'X', email: 'x2@acme.example', ticket_scope: 5 })).json).toEqual(
      fieldError('ticket_scope', "It should be one of these values: '1,2,3'", 'invalid_value'),
    );
    expect((await post('/api/v2/agents', { name: 'X', email: 'x3@acme.example', ticket_scope: 1, role_ids: [1, 2] })).json).toEqual(
      fieldError('role_ids', "There are no records matching the ids: '1,2'", 'invalid_value'),
    );
    expect((await post('/api/v2/agents', { name: 'X', email: 'x4@acme.example', ticket_scope: 1, nickname: 'x' })).json).toEqual(
      fieldError('nickname', 'Unexpected/invalid field in request', 'invalid_field'),
    );
    expect(
      (await post('/api/v2/agents', { name: 'X', email: 'x5@acme.example', ticket_scope: 1, occasional: 'no' })).json.errors[0],
    ).toMatchObject({ field: 'occasional', code: 'datatype_mismatch' });
  });

  it("an agent's e-mail → 409 duplicate_value with additional_info.agent_id", async () => {
    const r = await post('/api/v2/agents', { email: c.supervisor.email, name: 'Copy', ticket_scope: 1 });
    expect(r.status).toBe(409);
    expect(r.json).toEqual({
      description: 'Validation failed',
      errors: [
        { field: 'email', additional_info: { agent_id: c.supervisor.id }, message: 'It should be a unique value', code: 'duplicate_value' },
      ],
    });
  });

  it('full-time agents beyond the seat count are refused on occasional', async () => {
    let refused: Loose;
    for (let i = 0; i < 30 && !refused; i++) {
      const r = await post('/api/v2/agents', { email: `seat${i}@acme.example`, name: `Seat ${i}`, ticket_scope: 1, occasional: false });
      if (r.status !== 201) refused = r;
    }
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].field).toBe('occasional');
    expect(refused.json.errors[0].message).toMatch(/^You have reached the maximum number of agents \d+ your subscription allows\./);
    // Occasional agents use no seat.
    expect((await post('/api/v2/agents', { email: 'occ.extra@acme.example', name: 'Occ Extra', ticket_scope: 1 })).status).toBe(201);
  });

  it('DELETE /agents/:id: 204, downgraded to a contact, key 401, /agents/:id 404', async () => {
    const created = await post('/api/v2/agents', { email: 'leaving@acme.example', name: 'Leaving Soon', ticket_scope: 1 });
    const id = created.json.id;
    const info = (await client.control('GET', '/_sandbox/accounts/acme')).json;
    const key = info.agents.find((a: Loose) => a.id === id).apiKey;
    expect((await get('/api/v2/agents/me', key)).status).toBe(200);
    const d = await del(`/api/v2/agents/${id}`);
    expect(d.status).toBe(204);
    expect(d.text).toBe('');
    expect((await get(`/api/v2/agents/${id}`)).status).toBe(404);
    expect((await get('/api/v2/agents/me', key)).status).toBe(401);
    const contact = await get(`/api/v2/contacts/${id}`);
    expect(contact.status).toBe(200);
    expect(contact.json.email).toBe('leaving@acme.example');
    expect((await del(`/api/v2/agents/${id}`)).status).toBe(404);
  });

  it('deleting yourself is 403; an Administrator may not delete the Account Administrator; non-admins 403', async () => {
    expect((await del(`/api/v2/agents/${c.accountAdmin.id}`)).json).toEqual(ACCESS_DENIED);
    const r = await del(`/api/v2/agents/${c.accountAdmin.id}`, c.admin.apiKey);
    expect(r.status).toBe(403);
    expect(r.json).toEqual(ACCESS_DENIED);
    expect((await del(`/api/v2/agents/${c.occasional.id}`, c.supervisor.apiKey)).status).toBe(403);
    expect((await get('/api/v2/agents/me', c.accountAdmin.apiKey)).status).toBe(200);
  });
});

describe('roles (admin only)', () => {
  it('GET /roles: built-ins plus the custom role, documented fields', async () => {
    const r = await get('/api/v2/roles', c.admin.apiKey);
    expect(r.status).toBe(200);
    const names = r.json.map((x: Loose) => x.name);
    expect(names).toEqual(expect.arrayContaining(['Account Administrator', 'Administrator', 'Supervisor', 'Agent']));
    expect(r.json.length).toBeGreaterThan(4);
    for (const role of r.json) {
      expect(Object.keys(role).sort()).toEqual(['created_at', 'default', 'description', 'id', 'name', 'updated_at']);
      expect(role.created_at).toMatch(TS);
    }
    expect(
      r.json
        .filter((x: Loose) => x.default)
        .map((x: Loose) => x.name)
        .sort(),
    ).toEqual(['Account Administrator', 'Administrator', 'Agent', 'Supervisor']);
  });

  it('GET /roles/:id and 404', async () => {
    const r = await get(`/api/v2/roles/${c.agent.roleIds[0]}`);
    expect(r.json).toMatchObject({ id: c.agent.roleIds[0], name: 'Agent', default: true });
    expect((await get('/api/v2/roles/9')).text).toBe(' ');
  });
});
