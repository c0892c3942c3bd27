import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { cast } from './helpers.js';
import { useSandboxSuite, type ApiResponse, type CallOptions, type Sandbox, type SandboxClient } from './helpers.js';

// A bad request never crashes the server and never changes its data. Every request below is
// invalid by construction (wrong types, poison fields, broken JSON, huge bodies, odd headers,
// odd paths); afterwards the server must still answer correctly and the data must be unchanged.

let sandbox: Sandbox;
let client: SandboxClient;
let c: ReturnType<typeof cast>;

useSandboxSuite((s) => ({ sandbox, client, c } = s));

async function pages(path: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let page = 1; page < 100; page++) {
    const r = await client.call(`${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${page}`, { key: c.accountAdmin.apiKey });
    expect(r.status).toBe(200);
    out.push(...(r.json as unknown[]));
    if (!r.headers.link) break;
  }
  return out;
}

/** Everything the API can show about the acme account's data. */
async function snapshot(): Promise<string> {
  const parts = {
    tickets: await pages('/api/v2/tickets?updated_since=2000-01-01&include=description,requester,stats'),
    spam: await pages('/api/v2/tickets?filter=spam'),
    deleted: await pages('/api/v2/tickets?filter=deleted'),
    agents: await pages('/api/v2/agents'),
    contacts: await pages('/api/v2/contacts'),
    roles: (await client.call('/api/v2/roles', { key: c.accountAdmin.apiKey })).json,
    rich: (
      await client.call(`/api/v2/tickets/${c.account.fixtures.richTicketId}?include=conversations,stats`, { key: c.accountAdmin.apiKey })
    ).json,
    richConversations: await pages(`/api/v2/tickets/${c.account.fixtures.richTicketId}/conversations`),
    me: (await client.call('/api/v2/agents/me', { key: c.accountAdmin.apiKey })).json,
  };
  return JSON.stringify(parts);
}

const WRONG_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 60,
  '',
  ' ',
  'x'.repeat(300),
  'a,b',
  [],
  [1],
  ['a,b'],
  ['x'.repeat(40)],
  {},
  { nested: { deep: [1, { a: null }] } },
  '<script>alert(1)</script>',
  '\u0000\uffff',
  '2020-13-45T99:99:99Z',
];

function rawSocket(payload: string): Promise<string> {
  const url = new URL(sandbox.url);
  return new Promise((resolve) => {
    const s = net.connect(Number(url.port), url.hostname, () => s.end(payload));
    let data = '';
    s.on('data', (d) => (data += d.toString('latin1')));
    s.on('close', () => resolve(data));
    s.on('error', () => resolve(data));
    s.setTimeout(2000, () => s.destroy());
  });
}

describe('fuzz', () => {
  it('survives invalid requests to every endpoint without changing data', async () => {
    const before = await snapshot();
    const key = c.accountAdmin.apiKey;
    const ticket = c.account.fixtures.richTicketId;
    const requests: { label: string; path: string; opts: CallOptions; reads?: boolean }[] = [];
    const add = (label: string, path: string, opts: CallOptions, reads = false) =>
      requests.push({ label, path, opts: { key, ...opts }, reads });

    // Each write endpoint: every field × every wrong value, with a poison field that keeps the request invalid.
    const writes: {
      method: string;
      path: string;
      fields: string[];
      poison: Record<string, unknown>;
      altPoison: Record<string, unknown>;
    }[] = [
      {
        method: 'POST',
        path: '/api/v2/tickets',
        fields: [
          'email',
          'requester_id',
          'phone',
          'name',
          'subject',
          'description',
          'status',
          'priority',
          'source',
          'type',
          'responder_id',
          'group_id',
          'company_id',
          'parent_id',
          'cc_emails',
          'tags',
          'custom_fields',
          'due_by',
          'fr_due_by',
        ],
        poison: { source: 99 },
        altPoison: { priority: 99 },
      },
      {
        method: 'PUT',
        path: `/api/v2/tickets/${ticket}`,
        fields: [
          'subject',
          'description',
          'status',
          'priority',
          'source',
          'type',
          'responder_id',
          'group_id',
          'tags',
          'custom_fields',
          'requester_id',
          'email',
          'due_by',
          'fr_due_by',
        ],
        poison: { priority: 0 },
        altPoison: { status: 1 },
      },
      {
        method: 'POST',
        path: `/api/v2/tickets/${ticket}/reply`,
        fields: ['body', 'from_email', 'user_id', 'cc_emails', 'bcc_emails'],
        poison: { cc_emails: ['not-an-email'] },
        altPoison: { user_id: -1 },
      },
      {
        method: 'POST',
        path: '/api/v2/contacts',
        fields: [
          'name',
          'email',
          'phone',
          'mobile',
          'twitter_id',
          'company_id',
          'view_all_tickets',
          'other_emails',
          'tags',
          'custom_fields',
          'language',
          'time_zone',
          'address',
        ],
        poison: { language: 'xx-nope' },
        altPoison: { time_zone: 'Mars' },
      },
      {
        method: 'POST',
        path: '/api/v2/agents',
        fields: [
          'email',
          'name',
          'ticket_scope',
          'role_ids',
          'group_ids',
          'skill_ids',
          'occasional',
          'agent_type',
          'signature',
          'language',
          'time_zone',
          'focus_mode',
        ],
        poison: { ticket_scope: 9 },
        altPoison: { agent_type: 9 },
      },
      {
        method: 'PUT',
        path: `/api/v2/agents/${c.agent.id}`,
        fields: ['email', 'name', 'ticket_scope', 'role_ids', 'group_ids', 'occasional', 'signature'],
        poison: { ticket_scope: 0 },
        altPoison: { occasional: 'yes' },
      },
    ];
    const base: Record<string, unknown> = {
      email: 'fuzz@x.example',
      subject: 's',
      description: 'd',
      body: 'b',
      name: 'Fuzz',
      ticket_scope: 1,
    };
    for (const w of writes) {
      for (const field of w.fields) {
        for (const value of WRONG_VALUES) {
          const poison = field in w.poison ? w.altPoison : w.poison;
          add(`${w.method} ${w.path} ${field}`, w.path, { method: w.method, body: { ...base, [field]: value, ...poison } });
        }
      }
      // Bodies that are not objects, not JSON, too big, or of the wrong type.
      for (const raw of [
        '',
        '{',
        '}',
        '[]',
        '[{}]',
        'null',
        '42',
        '"str"',
        '{"a":1}{"b":2}',
        '\u0000',
        '{"subject": "\\ud800", "__x": 1}',
        '['.repeat(5000) + ']'.repeat(5000),
      ]) {
        add(`${w.method} ${w.path} raw`, w.path, { method: w.method, rawBody: raw, headers: { 'Content-Type': 'application/json' } });
      }
      add(`${w.method} ${w.path} huge`, w.path, {
        method: w.method,
        rawBody: JSON.stringify({ description: 'x'.repeat(3 * 1024 * 1024) }),
        headers: { 'Content-Type': 'application/json' },
      });
      for (const ct of [
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=zzz',
        'multipart/form-data',
      ]) {
        add(`${w.method} ${w.path} ${ct}`, w.path, {
          method: w.method,
          rawBody: 'subject=s&description=d',
          headers: { 'Content-Type': ct },
        });
      }
      add(`${w.method} ${w.path} noauth`, w.path, { method: w.method, key: null, body: base });
      add(`${w.method} ${w.path} badaccept`, w.path, { method: w.method, body: base, headers: { Accept: 'text/html' } });
      add(`${w.method} ${w.path} readonly`, w.path, { method: w.method, key: c.restricted.apiKey, body: { ...base, ...w.poison } });
    }

    // Deletes that must fail.
    for (const id of ['0', '-1', 'abc', '1e3', '99999999999999999999', String(c.accountAdmin.id), '123']) {
      add('DELETE agent', `/api/v2/agents/${id}`, { method: 'DELETE' });
    }
    add('DELETE agent as supervisor', `/api/v2/agents/${c.agent.id}`, { method: 'DELETE', key: c.supervisor.apiKey });
    add('DELETE agent with body', `/api/v2/agents/${c.agent.id}`, {
      method: 'DELETE',
      rawBody: '{"x":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    add('DELETE spam ticket', `/api/v2/tickets/${c.account.fixtures.spamTicketId}`, { method: 'DELETE' });
    add('DELETE ticket as read-only', `/api/v2/tickets/${ticket}`, { method: 'DELETE', key: c.readOnly.apiKey });

    // Reads with odd queries, paths, methods and headers.
    const readPaths = [
      '/api/v2/tickets',
      `/api/v2/tickets/${ticket}`,
      '/api/v2/agents',
      '/api/v2/agents/me',
      '/api/v2/roles',
      `/api/v2/tickets/${ticket}/conversations`,
      '/api/v2/contacts',
      '/api/v2/groups',
    ];
    const queries = [
      'per_page=1e2',
      'per_page=-1',
      'page=0',
      'page=abc',
      'page=301',
      'include=',
      'include=stats,stats',
      'include=%',
      'email=%',
      'email=a%40',
      'updated_since=2020-13-45',
      'updated_since=yesterday',
      'order_by[]=x',
      'filter=',
      'filter=spam&filter=deleted',
      'requester_id=-5',
      'company_id=x',
      'state=x',
      '%zz=1',
      'a=' + 'b'.repeat(5000),
    ];
    for (const p of readPaths) for (const q of queries) add('GET query', `${p}?${q}`, {}, true);
    for (const p of [
      '//api/v2/tickets',
      '/api/v2/tickets/',
      `/api/v2/tickets/${ticket}/`,
      '/api/v2/tickets/%00',
      '/api/v2/../v2/tickets',
      '/api/v2/tickets/0',
      '/api/v2/TICKETS',
      '/api/v2/agents/me/extra',
      '/api',
      '/favicon.ico',
    ]) {
      add('GET path', p, {}, true);
    }
    for (const m of ['PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND']) for (const p of readPaths) add(`${m}`, p, { method: m }, true);
    const oddHeaders: Record<string, string>[] = [
      { Authorization: 'Basic' },
      { Authorization: 'Basic ' + 'A'.repeat(4000) },
      { Authorization: 'Basic ' + Buffer.from(':').toString('base64') },
      { Authorization: 'Basic ' + Buffer.from('\u0000:X').toString('base64') },
      { Accept: '' },
      { Accept: 'application/xml;q=1, text/*' },
      { 'Content-Type': 'application/json; charset=utf-16' },
      { Host: 'globex.localhost' },
      { Host: 'a.b.c.d.e.example' },
      { Host: '[::1]:1' },
      { 'X-Forwarded-For': '8.8.8.8' },
    ];
    for (const h of oddHeaders) for (const p of readPaths) add('GET headers', p, { headers: h }, true);

    let tried = 0;
    const statuses = new Map<number, number>();
    for (let i = 0; i < requests.length; i += 8) {
      const batch = requests.slice(i, i + 8);
      const results: ApiResponse[] = await Promise.all(batch.map((r) => client.call(r.path, r.opts)));
      results.forEach((res, j) => {
        const req = batch[j]!;
        tried++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${req.label} ${req.path}`).not.toBe(500);
        if (!req.reads)
          expect(
            res.status,
            `${req.label} ${req.path} ${JSON.stringify(req.opts.body ?? req.opts.rawBody)?.slice(0, 200)}`,
          ).toBeGreaterThanOrEqual(400);
        if (res.status === 404) expect(res.text).toBe(' ');
        if (res.status !== 204 && req.opts.method !== 'HEAD' && res.status !== 404)
          expect(res.json, `${req.label} body is JSON`).toBeDefined();
        expect(res.headers['x-request-id']).toBeTruthy();
      });
    }

    // Malformed HTTP straight on the socket.
    for (const raw of [
      'GARBAGE\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'GET /api/v2/agents/me HTTP/1.1\r\nHost: acme\r\nContent-Length: -1\r\n\r\n',
      'POST /api/v2/tickets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      '\u0000\u0001\u0002',
    ]) {
      const answer = await rawSocket(raw);
      tried++;
      expect(answer === '' || answer.startsWith('HTTP/1.1 4')).toBe(true);
    }

    expect(tried).toBeGreaterThan(1500);
    // Still answering correctly, with the same data.
    const me = await client.call('/api/v2/agents/me', { key: c.agent.apiKey });
    expect(me.status).toBe(200);
    expect(me.json.id).toBe(c.agent.id);
    expect(await snapshot()).toBe(before);
    // And still writable.
    const created = await client.call('/api/v2/tickets', {
      method: 'POST',
      key: c.agent.apiKey,
      body: { email: 'after.fuzz@x.example', subject: 'after fuzz', description: 'ok' },
    });
    expect(created.status).toBe(201);
    console.log(`fuzz: ${tried} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  }, 60_000);
});
