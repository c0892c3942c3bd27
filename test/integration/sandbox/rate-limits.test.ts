import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src-main/sandbox/index.js';
import { cast, SandboxClient, type Sandbox } from './helpers.js';

// Contract: docs/freshdesk-api.md §5 (per-account limits, headers, 429, invalid requests count).

let sandbox: Sandbox;
let client: SandboxClient;
let c: ReturnType<typeof cast>;
let g: ReturnType<typeof cast>;
let globexHost: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 }); // plan defaults: no override
  client = new SandboxClient(sandbox);
  c = cast(sandbox);
  g = cast(sandbox, 'globex');
  globexHost = `globex.localhost:${sandbox.port}`;
});
afterAll(async () => {
  client.close();
  await sandbox.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('plan totals', () => {
  it('trial is 50/min and growth 200/min, shown in X-RateLimit-Total; accounts count separately', async () => {
    const a = await client.call('/api/v2/agents/me', { key: c.agent.apiKey });
    expect(a.headers['x-ratelimit-total']).toBe('50');
    expect(a.headers['x-ratelimit-remaining']).toBe('49');
    const b = await client.call('/api/v2/agents/me', { key: g.agent.apiKey, host: globexHost });
    expect(b.headers['x-ratelimit-total']).toBe('200');
    expect(b.headers['x-ratelimit-remaining']).toBe('199');
    expect(sandbox.accounts.map((x) => [x.subdomain, x.plan, x.perMinute])).toEqual([
      ['acme', 'trial', 50],
      ['globex', 'growth', 200],
    ]);
  });
});

describe('429', () => {
  it('after the budget: 429 with Retry-After only, invalid requests count, window resets', async () => {
    const set = await client.control('PUT', '/_sandbox/accounts/acme/limits', { perMinute: 5, windowMs: 1000 });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ perMinute: 5, windowMs: 1000 });
    const statuses: number[] = [];
    const remaining: string[] = [];
    // Mixed valid and invalid requests share the budget.
    const calls = [
      () => client.call('/api/v2/agents/me', { key: c.agent.apiKey }),
      () => client.call('/api/v2/agents/me', { key: 'bad-key' }),
      () => client.call('/api/v2/nowhere', { key: c.agent.apiKey }),
      () => client.call('/api/v2/tickets', { method: 'POST', key: c.agent.apiKey, body: {} }),
      () => client.call('/api/v2/agents/me', { key: c.agent.apiKey }),
    ];
    for (const call of calls) {
      const r = await call();
      statuses.push(r.status);
      remaining.push(String(r.headers['x-ratelimit-remaining']));
      expect(r.headers['x-ratelimit-total']).toBe('5');
    }
    expect(statuses).toEqual([200, 401, 404, 400, 200]);
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await client.call('/api/v2/agents/me', { key: c.agent.apiKey });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json).toEqual({ message: 'You have exceeded the limit of requests per hour' });
    for (const h of ['x-ratelimit-total', 'x-ratelimit-remaining', 'x-ratelimit-used-currentrequest'])
      expect(limited.headers).not.toHaveProperty(h);
    expect(limited.headers['x-request-id']).toBeTruthy();
    // Other accounts are unaffected.
    expect((await client.call('/api/v2/agents/me', { key: g.agent.apiKey, host: globexHost })).status).toBe(200);
    await sleep(Number(limited.headers['retry-after']) * 1000 + 50);
    const after = await client.call('/api/v2/agents/me', { key: c.agent.apiKey });
    expect(after.status).toBe(200);
    expect(after.headers['x-ratelimit-remaining']).toBe('4');
  });

  it('Used-CurrentRequest includes include credits; Remaining never goes below 0', async () => {
    await client.control('PUT', '/_sandbox/accounts/acme/limits', { perMinute: 6, windowMs: 60_000 });
    const t = c.account.fixtures.richTicketId;
    const a = await client.call(`/api/v2/tickets/${t}?include=requester,stats`, { key: c.agent.apiKey });
    expect(a.headers['x-ratelimit-used-currentrequest']).toBe('3');
    expect(a.headers['x-ratelimit-remaining']).toBe('3');
    const b = await client.call('/api/v2/tickets?include=requester,stats', { key: c.agent.apiKey });
    expect(b.status).toBe(200);
    expect(b.headers['x-ratelimit-used-currentrequest']).toBe('5');
    expect(b.headers['x-ratelimit-remaining']).toBe('0');
    expect((await client.call('/api/v2/agents/me', { key: c.agent.apiKey })).status).toBe(429);
  });

  it('the window defaults to 60000 ms when only perMinute is sent', async () => {
    const r = await client.control('PUT', '/_sandbox/accounts/acme/limits', { perMinute: 50 });
    expect(r.json).toMatchObject({ perMinute: 50, windowMs: 60_000 });
    const once = await client.call('/api/v2/agents/me', { key: c.agent.apiKey });
    expect(once.headers['x-ratelimit-remaining']).toBe('49');
  });
});

describe('endpoint sub-limits (growth: tickets list 20/min)', () => {
  it('the 21st list call is 429 while other endpoints still answer', async () => {
    await client.control('PUT', '/_sandbox/accounts/globex/limits', {});
    let first429 = 0;
    for (let i = 1; i <= 21; i++) {
      const r = await client.call('/api/v2/tickets?per_page=1', { key: g.agent.apiKey, host: globexHost });
      if (r.status === 429) {
        first429 = i;
        expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        break;
      }
      expect(r.status).toBe(200);
    }
    expect(first429).toBe(21);
    const me = await client.call('/api/v2/agents/me', { key: g.agent.apiKey, host: globexHost });
    expect(me.status).toBe(200);
    expect(me.headers['x-ratelimit-total']).toBe('200');
  });
});
