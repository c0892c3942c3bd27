import { describe, expect, it } from 'vitest';
import type { cast } from './helpers.js';
import { useSandboxSuite, type Sandbox, type SandboxClient, type Loose } from './helpers.js';

// Contract: docs/freshdesk-api.md §2.3 (view), §2.5 (list), §5 (include credits), §6 (pagination).

let sandbox: Sandbox;
let client: SandboxClient;
let c: ReturnType<typeof cast>;
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

useSandboxSuite((s) => ({ sandbox, client, c } = s));

const get = (path: string, key = c.accountAdmin.apiKey) => client.call(path, { key });

async function allPages(path: string, key = c.accountAdmin.apiKey): Promise<Loose[]> {
  const out: Loose[] = [];
  let next: string | undefined = path;
  while (next) {
    const r = await get(next, key);
    expect(r.status).toBe(200);
    out.push(...r.json);
    const link = r.headers.link as string | undefined;
    next = link ? new URL(/<\s*([^>]+?)\s*>/.exec(link)![1]!).pathname + new URL(/<\s*([^>]+?)\s*>/.exec(link)![1]!).search : undefined;
  }
  return out;
}

describe('GET /api/v2/tickets/:id', () => {
  it('returns the ticket with description and without includes by default', async () => {
    const r = await get(`/api/v2/tickets/${c.account.fixtures.richTicketId}`);
    expect(r.status).toBe(200);
    expect(r.json.id).toBe(c.account.fixtures.richTicketId);
    expect(typeof r.json.description).toBe('string');
    expect(typeof r.json.description_text).toBe('string');
    for (const k of ['conversations', 'requester', 'company', 'stats']) expect(r.json).not.toHaveProperty(k);
    expect(r.json.created_at).toMatch(TS);
    expect(r.headers['x-ratelimit-used-currentrequest']).toBe('1');
  });

  it('include=requester,company,stats adds the documented shapes and costs 1 + 1 per include', async () => {
    const r = await get(`/api/v2/tickets/${c.account.fixtures.richTicketId}?include=requester,company,stats`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.json.requester).sort()).toEqual(['email', 'id', 'mobile', 'name', 'phone']);
    expect(r.json.requester.id).toBe(r.json.requester_id);
    expect(Object.keys(r.json.company).sort()).toEqual(['id', 'name']);
    expect(r.json.company.id).toBe(r.json.company_id);
    for (const k of ['closed_at', 'resolved_at', 'first_responded_at']) expect(r.json.stats).toHaveProperty(k);
    expect(r.json.stats.resolved_at).toMatch(TS);
    expect(r.headers['x-ratelimit-used-currentrequest']).toBe('4');
  });

  it('include=conversations returns at most 10, oldest first, and costs 2', async () => {
    const id = c.account.fixtures.longThreadTicketId;
    const all = await allPages(`/api/v2/tickets/${id}/conversations`);
    expect(all.length).toBeGreaterThan(10);
    const r = await get(`/api/v2/tickets/${id}?include=conversations`);
    expect(r.headers['x-ratelimit-used-currentrequest']).toBe('2');
    expect(r.json.conversations).toHaveLength(10);
    expect(r.json.conversations.map((x: Loose) => x.id)).toEqual(all.slice(0, 10).map((x) => x.id));
    const times = r.json.conversations.map((x: Loose) => x.created_at);
    expect([...times].sort()).toEqual(times);
  });

  it('a bad include is 400 invalid_value listing the allowed values', async () => {
    const r = await get(`/api/v2/tickets/${c.account.fixtures.richTicketId}?include=watchers`);
    expect(r.status).toBe(400);
    expect(r.json.description).toBe('Validation failed');
    expect(r.json.errors).toHaveLength(1);
    expect(r.json.errors[0].field).toBe('include');
    expect(r.json.errors[0].code).toBe('invalid_value');
    const listed = /^It should be one of these values: '(.*)'$/.exec(r.json.errors[0].message)![1]!.split(', ');
    expect(listed.sort()).toEqual(['company', 'conversations', 'requester', 'stats']);
  });

  it('an unknown query key is invalid_field', async () => {
    const r = await get(`/api/v2/tickets/${c.account.fixtures.richTicketId}?junk=1`);
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([{ field: 'junk', message: 'Unexpected/invalid field in request', code: 'invalid_field' }]);
  });

  it('spam and deleted tickets stay viewable; deleted ones carry deleted: true', async () => {
    const spam = await get(`/api/v2/tickets/${c.account.fixtures.spamTicketId}`);
    expect(spam.status).toBe(200);
    expect(spam.json.spam).toBe(true);
    const del = await get(`/api/v2/tickets/${c.account.fixtures.deletedTicketId}`);
    expect(del.status).toBe(200);
    expect(del.json.deleted).toBe(true);
  });

  it('unknown id → 404 " "', async () => {
    const r = await get('/api/v2/tickets/1');
    expect(r.status).toBe(404);
    expect(r.text).toBe(' ');
  });
});

describe('ticket scope (§1: 1 global, 2 group, 3 restricted)', () => {
  it('a restricted agent sees only tickets assigned to them; others are 403 and left out of lists', async () => {
    const mine = await allPages('/api/v2/tickets?updated_since=2000-01-01&per_page=100', c.restricted.apiKey);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((t) => t.responder_id === c.restricted.id)).toBe(true);
    const everything = await allPages('/api/v2/tickets?updated_since=2000-01-01&per_page=100');
    const foreign = everything.find((t) => t.responder_id !== c.restricted.id)!;
    const denied = await get(`/api/v2/tickets/${foreign.id}`, c.restricted.apiKey);
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ code: 'access_denied', message: 'You are not authorized to perform this action.' });
    const allowed = await get(`/api/v2/tickets/${mine[0].id}`, c.restricted.apiKey);
    expect(allowed.status).toBe(200);
  });

  it("a group-scoped agent sees their groups' tickets and their own", async () => {
    const me = await get('/api/v2/agents/me', c.groupAgent.apiKey);
    const groups: number[] = me.json.group_ids;
    const seen = await allPages('/api/v2/tickets?updated_since=2000-01-01&per_page=100', c.groupAgent.apiKey);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((t) => groups.includes(t.group_id) || t.responder_id === c.groupAgent.id)).toBe(true);
    const everything = await allPages('/api/v2/tickets?updated_since=2000-01-01&per_page=100');
    expect(seen.length).toBeLessThan(everything.length);
    const outside = everything.find((t) => !groups.includes(t.group_id) && t.responder_id !== c.groupAgent.id)!;
    expect((await get(`/api/v2/tickets/${outside.id}`, c.groupAgent.apiKey)).status).toBe(403);
  });
});

describe('GET /api/v2/tickets', () => {
  it('lists without description/description_text unless include=description', async () => {
    const r = await get('/api/v2/tickets');
    expect(r.status).toBe(200);
    expect(Array.isArray(r.json)).toBe(true);
    expect(r.json.length).toBeGreaterThan(0);
    for (const t of r.json) {
      expect(t).not.toHaveProperty('description');
      expect(t).not.toHaveProperty('description_text');
    }
    const d = await get('/api/v2/tickets?include=description');
    expect(d.json.every((t: Loose) => typeof t.description === 'string' && typeof t.description_text === 'string')).toBe(true);
    expect(d.headers['x-ratelimit-used-currentrequest']).toBe('3');
  });

  it('include=requester,stats adds them per item and costs 1 + 2 per include', async () => {
    const r = await get('/api/v2/tickets?include=requester,stats&per_page=5');
    expect(r.headers['x-ratelimit-used-currentrequest']).toBe('5');
    for (const t of r.json) {
      expect(t.requester.id).toBe(t.requester_id);
      expect(t.stats).toHaveProperty('resolved_at');
    }
    const bad = await get('/api/v2/tickets?include=conversations');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0]).toMatchObject({ field: 'include', code: 'invalid_value' });
  });

  it('defaults to tickets created in the last 30 days, newest first, without spam or deleted', async () => {
    const all = await allPages('/api/v2/tickets?per_page=100');
    const cutoff = Date.now() - 32 * 86_400_000; // start of today minus one month, at most ~31 days back
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((t) => Date.parse(t.created_at) >= cutoff)).toBe(true);
    expect(all.every((t) => t.spam === false && t.deleted === undefined)).toBe(true);
    const created = all.map((t) => t.created_at);
    expect([...created].sort().reverse()).toEqual(created);
    // updated_since lifts the window: older tickets appear.
    const older = await allPages('/api/v2/tickets?updated_since=2000-01-01T00:00:00Z&per_page=100');
    expect(older.some((t) => Date.parse(t.created_at) < Date.now() - 31 * 86_400_000)).toBe(true);
    expect(older.length).toBeGreaterThan(all.length);
  });

  it('the window does not apply with filter, requester_id, email or company_id', async () => {
    const rich = (await get(`/api/v2/tickets/${c.account.fixtures.richTicketId}?include=requester`)).json;
    const byRequester = await allPages(`/api/v2/tickets?requester_id=${rich.requester_id}&per_page=100`);
    expect(byRequester.length).toBeGreaterThan(0);
    expect(byRequester.every((t) => t.requester_id === rich.requester_id)).toBe(true);
    const byEmail = await allPages(`/api/v2/tickets?email=${encodeURIComponent(rich.requester.email)}&per_page=100`);
    expect(byEmail.map((t) => t.id).sort()).toEqual(byRequester.map((t) => t.id).sort());
    const byCompany = await allPages(`/api/v2/tickets?company_id=${rich.company_id}&per_page=100`);
    expect(byCompany.every((t) => t.company_id === rich.company_id)).toBe(true);
    expect(byCompany.some((t) => Date.parse(t.created_at) < Date.now() - 31 * 86_400_000)).toBe(true);
  });

  it('filter=spam / deleted return only those; other lists exclude them', async () => {
    const spam = await allPages('/api/v2/tickets?filter=spam&per_page=100');
    expect(spam.map((t) => t.id)).toContain(c.account.fixtures.spamTicketId);
    expect(spam.every((t) => t.spam === true)).toBe(true);
    const deleted = await allPages('/api/v2/tickets?filter=deleted&per_page=100');
    expect(deleted.map((t) => t.id)).toContain(c.account.fixtures.deletedTicketId);
    expect(deleted.every((t) => t.deleted === true)).toBe(true);
    const normal = await allPages('/api/v2/tickets?updated_since=2000-01-01&per_page=100');
    expect(normal.map((t) => t.id)).not.toContain(c.account.fixtures.spamTicketId);
    expect(normal.map((t) => t.id)).not.toContain(c.account.fixtures.deletedTicketId);
  });

  it('filter=new_and_my_open is status 2, unassigned or assigned to the caller', async () => {
    const list = await allPages('/api/v2/tickets?filter=new_and_my_open&per_page=100', c.agent.apiKey);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((t) => t.status === 2 && (t.responder_id === null || t.responder_id === c.agent.id))).toBe(true);
    expect(list.map((t) => t.id)).toContain(c.account.fixtures.hostileHtmlTicketId);
  });

  it('filter=watching returns a subset of visible tickets', async () => {
    const watching = await allPages('/api/v2/tickets?filter=watching&per_page=100', c.agent.apiKey);
    const all = await allPages('/api/v2/tickets?updated_since=2000-01-01&per_page=100', c.agent.apiKey);
    expect(watching.length).toBeGreaterThan(0);
    expect(watching.length).toBeLessThan(all.length);
  });

  it('order_by / order_type', async () => {
    const asc = (await get('/api/v2/tickets?order_by=updated_at&order_type=asc&per_page=50')).json.map((t: Loose) => t.updated_at);
    expect([...asc].sort()).toEqual(asc);
    const status = (await get('/api/v2/tickets?order_by=status&per_page=100')).json.map((t: Loose) => t.status);
    expect([...status].sort((a, b) => b - a)).toEqual(status);
    const bad = await get('/api/v2/tickets?order_by=priority');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0]).toEqual({
      field: 'order_by',
      message: "It should be one of these values: 'created_at,due_by,updated_at,status'",
      code: 'invalid_value',
    });
    const badType = await get('/api/v2/tickets?order_type=up');
    expect(badType.json.errors[0]).toEqual({
      field: 'order_type',
      message: "It should be one of these values: 'asc,desc'",
      code: 'invalid_value',
    });
  });

  it('validates filter, unknown keys, and unknown requester/email/company', async () => {
    const f = await get('/api/v2/tickets?filter=mine');
    expect(f.status).toBe(400);
    expect(f.json.errors[0]).toMatchObject({ field: 'filter', code: 'invalid_value' });
    const k = await get('/api/v2/tickets?status=2');
    expect(k.json.errors).toEqual([{ field: 'status', message: 'Unexpected/invalid field in request', code: 'invalid_field' }]);
    for (const [q, field] of [
      ['email=nobody%40nowhere.example', 'email'],
      ['requester_id=99999', 'requester_id'],
      ['company_id=99999', 'company_id'],
    ] as const) {
      const r = await get(`/api/v2/tickets?${q}`);
      expect(r.status).toBe(400);
      expect(r.json.errors).toEqual([{ field, message: "can't be blank", code: 'invalid_value' }]);
    }
  });
});

describe('pagination (§6)', () => {
  it('per_page above 100, 0 or not a number → datatype_mismatch', async () => {
    for (const v of ['101', '0', 'ten']) {
      const r = await get(`/api/v2/tickets?per_page=${v}`);
      expect(r.status).toBe(400);
      expect(r.json).toEqual({
        description: 'Validation failed',
        errors: [{ field: 'per_page', message: 'It should be a Positive Integer less than or equal to 100', code: 'datatype_mismatch' }],
      });
    }
  });

  it('page above 300 on tickets → invalid_value with the page-cap message', async () => {
    const r = await get('/api/v2/tickets?page=301');
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([
      {
        field: 'page',
        message: 'You cannot access tickets beyond the 300th page. Please provide a smaller page number.',
        code: 'invalid_value',
      },
    ]);
    expect((await get('/api/v2/tickets?page=300')).status).toBe(200);
  });

  it('Link rel="next" keeps every parameter, replaces page, and is absent on the last page', async () => {
    const first = await get('/api/v2/tickets?updated_since=2000-01-01&per_page=7&order_type=asc');
    expect(first.json).toHaveLength(7);
    const link = first.headers.link as string;
    expect(link).toMatch(/^<http:\/\/[^>]+>; rel="next"$/);
    const url = new URL(/<([^>]+)>/.exec(link)![1]!);
    expect(url.pathname).toBe('/api/v2/tickets');
    expect(Object.fromEntries(url.searchParams)).toEqual({ updated_since: '2000-01-01', per_page: '7', order_type: 'asc', page: '2' });
    const all = await allPages('/api/v2/tickets?updated_since=2000-01-01&per_page=7&order_type=asc');
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    // A full last page has no Link either (look-ahead).
    const total = all.length;
    const exact = await get(`/api/v2/tickets?updated_since=2000-01-01&per_page=${Math.min(100, total)}&page=1`);
    if (total <= 100) expect(exact.headers.link).toBeUndefined();
  });

  it('the Link host follows the Host the client used', async () => {
    const r = await client.call('/api/v2/tickets?per_page=1', { key: c.accountAdmin.apiKey, host: `acme.localhost:${sandbox.port}` });
    expect(r.headers.link).toContain(`http://acme.localhost:${sandbox.port}/api/v2/tickets?per_page=1&page=2`);
  });
});

describe('GET /api/v2/tickets/:id/conversations', () => {
  it('pages conversations with replies (source 0) and private notes (source 2)', async () => {
    const all = await allPages(`/api/v2/tickets/${c.account.fixtures.longThreadTicketId}/conversations?per_page=4`);
    expect(all.length).toBeGreaterThan(10);
    expect(all.every((x) => x.ticket_id === c.account.fixtures.longThreadTicketId)).toBe(true);
    const rich = await allPages(`/api/v2/tickets/${c.account.fixtures.richTicketId}/conversations`);
    expect(rich.some((x) => x.source === 2 && x.private === true)).toBe(true);
    expect(rich.some((x) => x.source === 0 && x.private === false && x.incoming === false)).toBe(true);
  });
});
