import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { basic, cast, useSandboxSuite, type Sandbox, type SandboxClient, type Loose } from './helpers.js';

// The /_sandbox/ control endpoints from the issue: faults, request log, keys, limits, reset.

let sandbox: Sandbox;
let client: SandboxClient;
let c: ReturnType<typeof cast>;

useSandboxSuite((s) => ({ sandbox, client, c } = s));

/** One request on a fresh connection with timing and an optional client timeout. */
function timedRequest(opts: {
  method?: string;
  path: string;
  key: string;
  body?: unknown;
  timeoutMs?: number;
}): Promise<{ status?: number; error?: string; headersAt?: number; endAt: number; text?: string }> {
  const url = new URL(sandbox.url);
  const start = Date.now();
  return new Promise((resolve) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        agent: false,
        headers: {
          Authorization: basic(opts.key),
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) } : {}),
        },
      },
      (res) => {
        const headersAt = Date.now() - start;
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode, headersAt, endAt: Date.now() - start, text: Buffer.concat(chunks).toString() }),
        );
        res.on('error', (e) => resolve({ status: res.statusCode, error: e.message, endAt: Date.now() - start }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message, endAt: Date.now() - start }));
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('client timeout')));
    if (payload) req.write(payload);
    req.end();
  });
}

describe('faults', () => {
  it('status: the next `count` requests answer that status with a Freshdesk-shaped body', async () => {
    const f = await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', count: 2, kind: 'status', status: 503 });
    expect(f.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const r = await client.call('/api/v2/agents/me', { key: c.agent.apiKey });
      expect(r.status).toBe(503);
      expect(typeof r.json.message).toBe('string');
      expect(r.headers['x-request-id']).toBeTruthy();
    }
    expect((await client.call('/api/v2/agents/me', { key: c.agent.apiKey })).status).toBe(200);
    await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', count: 1, kind: 'status', status: 500 });
    expect((await client.call('/api/v2/agents/me', { key: c.agent.apiKey })).json).toEqual({
      message: "We're sorry, but something went wrong.",
    });
    await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', kind: 'status', status: 429, retryAfter: 7 });
    const rl = await client.call('/api/v2/agents/me', { key: c.agent.apiKey });
    expect(rl.status).toBe(429);
    expect(rl.headers['retry-after']).toBe('7');
  });

  it('faults only affect the named account', async () => {
    await client.control('POST', '/_sandbox/faults', { subdomain: 'globex', count: 1, kind: 'status', status: 502 });
    expect((await client.call('/api/v2/agents/me', { key: c.agent.apiKey })).status).toBe(200);
    const g = cast(sandbox, 'globex');
    expect((await client.call('/api/v2/agents/me', { key: g.agent.apiKey, host: 'globex.freshdesk.com' })).status).toBe(502);
  });

  it('drop: the socket is destroyed without an answer', async () => {
    await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', count: 1, kind: 'drop' });
    const r = await timedRequest({ path: '/api/v2/agents/me', key: c.agent.apiKey });
    expect(r.status).toBeUndefined();
    expect(r.error).toMatch(/ECONNRESET|socket hang up/);
  });

  it('malformed: 200 with broken JSON', async () => {
    await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', count: 1, kind: 'malformed' });
    const r = await client.call('/api/v2/agents/me', { key: c.agent.apiKey });
    expect(r.status).toBe(200);
    expect(r.json).toBeUndefined();
    expect(() => JSON.parse(r.text)).toThrow();
  });

  it('latency: waits, then processes normally — a timed-out write still happens', async () => {
    await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', count: 1, kind: 'latency', ms: 200 });
    const slow = await timedRequest({ path: '/api/v2/agents/me', key: c.agent.apiKey });
    expect(slow.status).toBe(200);
    expect(slow.endAt).toBeGreaterThanOrEqual(190);
    await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', count: 1, kind: 'latency', ms: 250 });
    const subject = `uncertain write ${Date.now()}`;
    const timedOut = await timedRequest({
      method: 'POST',
      path: '/api/v2/tickets',
      key: c.agent.apiKey,
      body: { email: 'u@x.example', subject, description: 'd' },
      timeoutMs: 60,
    });
    expect(timedOut.status).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    const list = await client.call('/api/v2/tickets?per_page=5', { key: c.accountAdmin.apiKey });
    expect(list.json.map((t: Loose) => t.subject)).toContain(subject);
  });

  it('slow_body: headers first, the body after ms', async () => {
    await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', count: 1, kind: 'slow_body', ms: 250 });
    const r = await timedRequest({ path: '/api/v2/agents/me', key: c.agent.apiKey });
    expect(r.status).toBe(200);
    expect(r.headersAt).toBeLessThan(r.endAt - 150);
    expect(r.endAt).toBeGreaterThanOrEqual(240);
    expect(JSON.parse(r.text!).id).toBe(c.agent.id);
  });

  it('rejects bad fault definitions, and DELETE clears queued faults', async () => {
    expect((await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', kind: 'explode' })).status).toBe(400);
    expect((await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', kind: 'status', status: 200 })).status).toBe(400);
    expect((await client.control('POST', '/_sandbox/faults', { subdomain: 'nope', kind: 'drop' })).status).toBe(404);
    await client.control('POST', '/_sandbox/faults', { subdomain: 'acme', count: 5, kind: 'status', status: 500 });
    expect((await client.control('DELETE', '/_sandbox/faults?subdomain=acme')).status).toBe(204);
    expect((await client.call('/api/v2/agents/me', { key: c.agent.apiKey })).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, path, query, status, credits, agentId and at; DELETE clears it', async () => {
    expect((await client.control('DELETE', '/_sandbox/requests')).status).toBe(204);
    await client.call(`/api/v2/tickets/${c.account.fixtures.richTicketId}?include=stats,requester`, { key: c.agent.apiKey });
    await client.call('/api/v2/agents/me', { key: 'wrong' });
    const log = await client.control('GET', '/_sandbox/requests?subdomain=acme');
    expect(log.status).toBe(200);
    expect(log.json).toHaveLength(2);
    expect(log.json[0]).toMatchObject({
      method: 'GET',
      path: `/api/v2/tickets/${c.account.fixtures.richTicketId}`,
      query: 'include=stats,requester',
      status: 200,
      credits: 3,
      agentId: c.agent.id,
    });
    expect(Number.isNaN(Date.parse(log.json[0].at))).toBe(false);
    expect(log.json[1]).toMatchObject({ method: 'GET', path: '/api/v2/agents/me', status: 401, credits: 1, agentId: null });
    expect((await client.control('GET', '/_sandbox/requests?subdomain=globex')).json).toEqual([]);
    await client.control('DELETE', '/_sandbox/requests?subdomain=acme');
    expect((await client.control('GET', '/_sandbox/requests?subdomain=acme')).json).toEqual([]);
  });
});

describe('accounts, role changes and reset', () => {
  it('GET /_sandbox/accounts lists accounts with current keys and fixtures', async () => {
    const r = await client.control('GET', '/_sandbox/accounts');
    expect(r.json.map((a: Loose) => a.subdomain)).toEqual(['acme', 'globex']);
    expect(r.json[0].fixtures.hostileHtmlTicketId).toBe(c.account.fixtures.hostileHtmlTicketId);
  });

  it('role endpoint changes roles and scope', async () => {
    const roles = (await client.call('/api/v2/roles', { key: c.accountAdmin.apiKey })).json;
    const supervisorRole = roles.find((r: Loose) => r.name === 'Supervisor').id;
    const r = await client.control('POST', `/_sandbox/accounts/acme/agents/${c.occasional.id}/role`, {
      roleIds: [supervisorRole],
      ticketScope: 3,
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ role: 'Supervisor', ticketScope: 3 });
    const me = await client.call('/api/v2/agents/me', { key: c.occasional.apiKey });
    expect(me.json).toMatchObject({ role_ids: [supervisorRole], ticket_scope: 3 });
    expect((await client.control('PUT', `/_sandbox/accounts/acme/agents/${c.occasional.id}/role`, { roleIds: [1] })).status).toBe(400);
  });

  it('reset rebuilds the seeded data with the same keys', async () => {
    await client.call('/api/v2/tickets', {
      method: 'POST',
      key: c.agent.apiKey,
      body: { email: 'r@x.example', subject: 'before reset', description: 'd' },
    });
    const r = await client.control('POST', '/_sandbox/reset');
    expect(r.status).toBe(200);
    expect(r.json[0].agents[0].apiKey).toBe(c.accountAdmin.apiKey);
    const list = await client.call('/api/v2/tickets?per_page=100', { key: c.accountAdmin.apiKey });
    expect(list.json.map((t: Loose) => t.subject)).not.toContain('before reset');
  });

  it('unknown control routes and bodies are rejected', async () => {
    expect((await client.control('GET', '/_sandbox/nope')).status).toBe(404);
    expect(
      (await client.call('/_sandbox/faults', { method: 'POST', rawBody: '{', headers: { 'Content-Type': 'application/json' } })).status,
    ).toBe(400);
    expect((await client.control('PUT', '/_sandbox/accounts/acme/limits', { perMinute: -1 })).status).toBe(400);
    expect((await client.control('POST', '/_sandbox/accounts/acme/agents/1/reset-key')).status).toBe(404);
  });
});
