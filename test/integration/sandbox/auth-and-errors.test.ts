import { describe, expect, it } from 'vitest';
import { cast, useSandboxSuite, type Sandbox, type SandboxClient } from './helpers.js';

// Contract: docs/freshdesk-api.md §1 (auth, transport, responses, check order) and §4 (error shapes).

let sandbox: Sandbox;
let client: SandboxClient;
let c: ReturnType<typeof cast>;

useSandboxSuite((s) => ({ sandbox, client, c } = s));

const INVALID_CREDENTIALS = { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' };
const ACCESS_DENIED = { code: 'access_denied', message: 'You are not authorized to perform this action.' };

describe('accounts by Host header', () => {
  it('routes acme.freshdesk.com, acme.localhost:PORT, a bare IP and localhost to acme', async () => {
    for (const host of [
      'acme.freshdesk.com',
      `acme.localhost:${sandbox.port}`,
      `127.0.0.1:${sandbox.port}`,
      `localhost:${sandbox.port}`,
      'localhost',
    ]) {
      const r = await client.call('/api/v2/agents/me', { key: c.accountAdmin.apiKey, host });
      expect(r.status, host).toBe(200);
      expect(r.json.contact.email).toBe(c.accountAdmin.email);
    }
  });

  it('keeps accounts apart: a key only works on its own helpdesk', async () => {
    const g = cast(sandbox, 'globex');
    const own = await client.call('/api/v2/agents/me', { key: g.accountAdmin.apiKey, host: `globex.localhost:${sandbox.port}` });
    expect(own.status).toBe(200);
    expect(own.json.contact.email).toBe(g.accountAdmin.email);
    const cross = await client.call('/api/v2/agents/me', { key: g.accountAdmin.apiKey, host: 'acme.freshdesk.com' });
    expect(cross.status).toBe(401);
  });

  it('answers 404 with a single-space body for every path of an unknown subdomain', async () => {
    for (const path of ['/api/v2/agents/me', '/api/v2/tickets', '/nothing']) {
      const r = await client.call(path, { key: c.accountAdmin.apiKey, host: 'initrode.freshdesk.com' });
      expect(r.status).toBe(404);
      expect(r.text).toBe(' ');
      expect(r.headers['x-request-id']).toBeTruthy();
    }
  });
});

describe('authentication (§1)', () => {
  it('accepts Basic with the key as user name and any password', async () => {
    const r = await client.call('/api/v2/agents/me', {
      headers: { Authorization: `Basic ${Buffer.from(`${c.agent.apiKey}:anything`).toString('base64')}` },
    });
    expect(r.status).toBe(200);
    expect(r.json.id).toBe(c.agent.id);
  });

  it.each([
    ['no Authorization header', {}],
    ['an unknown key', { Authorization: `Basic ${Buffer.from('not-a-key:X').toString('base64')}` }],
    ['a Bearer token', { Authorization: 'Bearer abc' }],
    ['e-mail/password login', { Authorization: `Basic ${Buffer.from('ava.admin@acme.example:secret').toString('base64')}` }],
    ['garbage', { Authorization: 'Basic %%%' }],
  ])('401 invalid_credentials for %s', async (_name, headers) => {
    const r = await client.call('/api/v2/agents/me', { headers: headers as Record<string, string> });
    expect(r.status).toBe(401);
    expect(r.json).toEqual(INVALID_CREDENTIALS);
  });

  it("401 for a customer's key and for a deleted agent's key", async () => {
    for (const key of [c.account.fixtures.customerApiKey, c.account.fixtures.deletedAgentApiKey]) {
      const r = await client.call('/api/v2/agents/me', { key });
      expect(r.status).toBe(401);
      expect(r.json).toEqual(INVALID_CREDENTIALS);
    }
  });

  it('a reset key fails at once and the new one works', async () => {
    const before = await client.call('/api/v2/agents/me', { key: c.occasional.apiKey });
    expect(before.status).toBe(200);
    const reset = await client.control('POST', `/_sandbox/accounts/acme/agents/${c.occasional.id}/reset-key`);
    expect(reset.status).toBe(200);
    expect(typeof reset.json.apiKey).toBe('string');
    expect(reset.json.apiKey).not.toBe(c.occasional.apiKey);
    expect((await client.call('/api/v2/agents/me', { key: c.occasional.apiKey })).status).toBe(401);
    const after = await client.call('/api/v2/agents/me', { key: reset.json.apiKey });
    expect(after.status).toBe(200);
    expect(after.json.id).toBe(c.occasional.id);
  });
});

describe('headers on every answer (§1 Responses)', () => {
  it('200: X-Request-Id, API version, Cache-Control, JSON content type, rate-limit headers', async () => {
    const r = await client.call('/api/v2/agents/me', { key: c.agent.apiKey });
    expect(r.headers['x-request-id']).toMatch(/\S+/);
    expect(r.headers['x-freshdesk-api-version']).toBe('latest=v2; requested=v2');
    expect(r.headers['cache-control']).toBe('no-cache, no-store, max-age=0, must-revalidate');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['x-ratelimit-total']).toMatch(/^\d+$/);
    expect(r.headers['x-ratelimit-remaining']).toMatch(/^\d+$/);
    expect(r.headers['x-ratelimit-used-currentrequest']).toBe('1');
  });

  it('makes a new X-Request-Id per response, also on errors', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const r = await client.call('/api/v2/agents/me', { key: 'wrong' });
      ids.add(String(r.headers['x-request-id']));
      expect(r.headers['x-ratelimit-total']).toBeDefined();
    }
    expect(ids.size).toBe(3);
  });

  it('writes timestamps as UTC without milliseconds and blank fields as null', async () => {
    const r = await client.call('/api/v2/agents/me', { key: c.restricted.apiKey });
    expect(r.json.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(r.json.contact.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(r.json.contact).toHaveProperty('mobile', null);
    expect(r.text).not.toMatch(/\.\d{3}Z"/);
  });
});

describe('request errors (§4.3)', () => {
  it('404 " " for an unknown route and an unknown id', async () => {
    for (const path of ['/api/v2/unicorns', '/api/v2/tickets/abc', '/api/v2/tickets/999999999', '/api/v3/tickets', '/']) {
      const r = await client.call(path, { key: c.accountAdmin.apiKey });
      expect(r.status, path).toBe(404);
      expect(r.text).toBe(' ');
    }
  });

  it('405 with Allow and the Freshdesk message for a wrong verb', async () => {
    const r = await client.call('/api/v2/agents/me', { method: 'DELETE', key: c.accountAdmin.apiKey });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET');
    expect(r.json).toEqual({ message: 'DELETE method is not allowed. It should be one of these method(s): GET' });
    const roles = await client.call('/api/v2/roles', { method: 'POST', key: c.accountAdmin.apiKey, body: {} });
    expect(roles.status).toBe(405);
    expect(roles.json.message).toBe('POST method is not allowed. It should be one of these method(s): GET');
  });

  it('415 invalid_content_type for a non-JSON Content-Type on POST/PUT', async () => {
    const r = await client.call('/api/v2/tickets', {
      method: 'POST',
      key: c.agent.apiKey,
      rawBody: '<ticket/>',
      headers: { 'Content-Type': 'application/xml' },
    });
    expect(r.status).toBe(415);
    expect(r.json).toEqual({
      code: 'invalid_content_type',
      message: 'Content-Type header is set to application/xml. It should be set to application/json',
    });
  });

  it('accepts a missing Content-Type on POST, and application/json on GET/DELETE', async () => {
    const r = await client.call('/api/v2/tickets', { method: 'POST', key: c.agent.apiKey, rawBody: '{}' });
    expect(r.status).toBe(400);
    expect(r.json.description).toBe('Validation failed');
    const g = await client.call('/api/v2/agents/me', { key: c.agent.apiKey, headers: { 'Content-Type': 'application/json' } });
    expect(g.status).toBe(200);
  });

  it('406 invalid_accept_header unless Accept allows JSON', async () => {
    const bad = await client.call('/api/v2/agents/me', { key: c.agent.apiKey, headers: { Accept: 'text/html' } });
    expect(bad.status).toBe(406);
    expect(bad.json).toEqual({
      code: 'invalid_accept_header',
      message: 'Accept header is set to text/html. It should have application/json or */*',
    });
    for (const accept of ['application/json', '*/*', 'application/json, text/plain, */*']) {
      expect((await client.call('/api/v2/agents/me', { key: c.agent.apiKey, headers: { Accept: accept } })).status).toBe(200);
    }
  });

  it('400 invalid_json for an unparseable body', async () => {
    for (const raw of ['{"subject":', 'not json', '[1,2]', '"text"']) {
      const r = await client.call('/api/v2/tickets', {
        method: 'POST',
        key: c.agent.apiKey,
        rawBody: raw,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(r.status, raw).toBe(400);
      expect(r.json).toEqual({ code: 'invalid_json', message: 'Request body has invalid json format' });
    }
  });

  it('check order: 415 before 401, route 404 before auth, invalid_json before auth', async () => {
    const a = await client.call('/api/v2/tickets', {
      method: 'POST',
      key: 'wrong',
      rawBody: 'x',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(a.status).toBe(415);
    const b = await client.call('/api/v2/nowhere', { key: 'wrong' });
    expect(b.status).toBe(404);
    const d = await client.call('/api/v2/tickets', {
      method: 'POST',
      key: 'wrong',
      rawBody: '{',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(d.status).toBe(400);
    expect(d.json.code).toBe('invalid_json');
  });

  it('403 account_suspended (after 406/415 checks, before auth)', async () => {
    await client.control('PUT', '/_sandbox/accounts/acme/suspended', { suspended: true });
    try {
      const r = await client.call('/api/v2/agents/me', { key: 'anything' });
      expect(r.status).toBe(403);
      expect(r.json).toEqual({ code: 'account_suspended', message: 'Your account has been suspended.' });
    } finally {
      await client.control('PUT', '/_sandbox/accounts/acme/suspended', { suspended: false });
    }
  });

  it('403 access_denied for admin-only endpoints called by non-admins', async () => {
    for (const who of [c.supervisor, c.agent, c.readOnly, c.restricted]) {
      for (const path of ['/api/v2/agents', `/api/v2/agents/${c.agent.id}`, '/api/v2/roles', `/api/v2/roles/${c.agent.roleIds[0]}`]) {
        const r = await client.call(path, { key: who.apiKey });
        expect(r.status, `${who.email} ${path}`).toBe(403);
        expect(r.json).toEqual(ACCESS_DENIED);
      }
    }
  });
});
