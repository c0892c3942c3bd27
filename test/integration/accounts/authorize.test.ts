// authorize / connectSandbox: every outcome of the key check, over real HTTP to a small fake
// helpdesk (answers the sandbox never gives: HTML, 5xx, an echoing server…). The sandbox-backed
// flows are in sandbox.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFreshdeskClient } from '../../../src-main/core/freshdesk/client';
import type { FreshdeskClient } from '../../../src-main/core/types';
import { createTestCipher } from '../../helpers/cipher';
import { agentMe, canaryKey, makeAccountsRig, rejection, startFakeHelpdesk, type AccountsRig } from './setup';

let fake: Awaited<ReturnType<typeof startFakeHelpdesk>>;
const rigs: AccountsRig[] = [];
const rig = (o: Partial<Parameters<typeof makeAccountsRig>[0]> = {}) => {
  const r = makeAccountsRig({ freshdeskOrigin: fake.origin, ...o });
  rigs.push(r);
  return r;
};

beforeAll(async () => {
  fake = await startFakeHelpdesk(() => ({ status: 200, json: agentMe(7) }));
});
afterAll(() => fake.close());
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
  fake.hits.length = 0;
  fake.answer(() => ({ status: 200, json: agentMe(7) }));
});

/** authorize must fail with `code`, store nothing, and leak the key nowhere. */
async function expectRefused(r: AccountsRig, key: string, code: string, message: RegExp, subdomain = 'acme') {
  const err = await rejection(r.accounts.authorize('alice', { subdomain, apiKey: key }));
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
  expect(err.message).not.toContain(key);
  expect(err.stack ?? '').not.toContain(key);
  expect(JSON.stringify(err)).not.toContain(key);
  expect(await r.accounts.get('alice')).toBeUndefined();
  expect(r.surfaces()).not.toContain(key);
  return err;
}

describe('authorize: swapped fields', () => {
  it('a key in the subdomain box is refused before any request (it would go out in DNS and TLS)', async () => {
    const r = rig();
    const key = 'Xk29FhQpL0zv7TmcW3rY';
    const err = await rejection(r.accounts.authorize('alice', { subdomain: key, apiKey: 'acme' }));
    expect(err).toMatchObject({ code: 'invalid_subdomain', message: expect.stringMatching(/swapped/) });
    expect(err.message).not.toContain(key);
    expect(fake.hits).toEqual([]);
    expect(await r.accounts.get('alice')).toBeUndefined();
  });
});

describe('authorize: success', () => {
  it('stores the connection only after agents/me answers, with role names when /roles is readable', async () => {
    fake.answer((hit) =>
      hit.path === '/api/v2/roles'
        ? {
            status: 200,
            json: [
              { id: 101, name: 'Supervisor' },
              { id: 102, name: 'Agent' },
            ],
          }
        : { status: 200, json: agentMe(7, { role_ids: [101, 999] }) },
    );
    const r = rig();
    const key = canaryKey();
    const account = await r.accounts.authorize('alice', { subdomain: ' https://ACME.freshdesk.com/a/tickets/1 ', apiKey: ` ${key} ` });
    expect(account).toEqual({
      identifier: 'alice',
      connection: 'freshdesk',
      status: 'ACTIVE',
      subdomain: 'acme',
      agent: {
        id: 7,
        name: 'Agent 7',
        email: 'agent7@example.com',
        roleIds: [101, 999],
        roleNames: ['Supervisor'],
        adminAccess: true,
        ticketScope: 1,
      },
      updatedAt: '2026-03-01T09:00:00.000Z',
    });
    expect(fake.hits.map((h) => [h.subdomain, h.path, h.apiKey === key])).toEqual([
      ['acme', '/api/v2/agents/me', true],
      ['acme', '/api/v2/roles', true],
    ]);
    expect(r.events).toEqual([{ type: 'account_status', account }]);
    expect(JSON.stringify(account)).not.toContain(key);
    expect(r.surfaces()).not.toContain(key);
    const c = await r.accounts.credentials('alice');
    expect(c.ok && c.creds).toEqual({
      identifier: 'alice',
      subdomain: 'acme',
      apiKey: key,
      origin: fake.origin('acme'),
      keyStamp: expect.any(String),
    });
  });

  it('a 403 on /roles is fine: connected, no role names derived', async () => {
    fake.answer((hit) =>
      hit.path === '/api/v2/roles'
        ? { status: 403, json: { code: 'access_denied', message: 'You are not authorized to perform this action.' } }
        : { status: 200, json: agentMe(8) },
    );
    const account = await rig().accounts.authorize('alice', { subdomain: 'acme', apiKey: canaryKey() });
    expect(account.status).toBe('ACTIVE');
    expect(account.agent?.roleIds).toEqual([101]);
    expect(account.agent?.roleNames).toBeUndefined();
  });
});

describe('authorize: refusals before any request', () => {
  it.each([
    ['', /Paste your Freshdesk API key/],
    ['   ', /Paste your Freshdesk API key/],
    ['CANARYabc def', /no spaces/],
    ['CANARYabc:X', /no spaces/],
    ['CANARY@example.com', /e-mail address/],
    ['CANARY\u0000abc', /does not look like/],
    ['CANARY' + 'x'.repeat(300), /does not look like/],
  ])('invalid_key for %j', async (key, message) => {
    const r = rig();
    const err = await rejection(r.accounts.authorize('alice', { subdomain: 'acme', apiKey: key }));
    expect(err.code).toBe('invalid_key');
    expect(err.message).toMatch(message);
    if (key.trim()) expect(err.message).not.toContain('CANARY');
    expect(fake.hits).toEqual([]);
  });

  it('invalid_subdomain: the normalizer message, no request', async () => {
    const r = rig();
    const key = canaryKey();
    await expectRefused(r, key, 'invalid_subdomain', /only works on your freshdesk\.com address/, 'help.acme.com');
    await expectRefused(r, key, 'invalid_subdomain', /IP address/, '10.1.2.3');
    expect(fake.hits).toEqual([]);
  });

  it('encryption_unavailable: a cipher that is not available, checked before the key goes anywhere', async () => {
    const r = rig({
      cipher: createTestCipher({ status: { available: false, reason: 'No keyring is running. Install and unlock GNOME Keyring.' } }),
    });
    await expectRefused(r, canaryKey(), 'encryption_unavailable', /GNOME Keyring/);
    expect(fake.hits).toEqual([]);
  });

  it('encryption_unavailable: a weak backend the person did not accept', async () => {
    const r = rig({ cipher: createTestCipher({ status: { available: true, weak: true, backend: 'basic_text' } }) });
    await expectRefused(r, canaryKey(), 'encryption_unavailable', /basic_text.*keyring|keyring/);
    r.vault.settings.update({ allowWeakStorage: true });
    expect((await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: canaryKey() })).status).toBe('ACTIVE');
  });

  it('a freshdeskOrigin override that points off loopback and off freshdesk.com is refused', async () => {
    const r = rig({ freshdeskOrigin: () => 'https://collector.example.net' });
    await expectRefused(r, canaryKey(), 'invalid_subdomain', /only sends keys to https:\/\/acme\.freshdesk\.com/);
    expect(fake.hits).toEqual([]);
  });
});

describe('authorize: what the helpdesk answers', () => {
  it('401 → invalid_key, saying where to find the key', async () => {
    fake.answer(() => ({
      status: 401,
      json: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' },
    }));
    await expectRefused(rig(), canaryKey(), 'invalid_key', /did not accept this API key.*View API key/);
  });

  it.each([
    ['account_suspended', 'Your account has been suspended.', /suspended/],
    ['password_lockout', 'Maximum failed login attempts 10, reached.', /locked/],
    ['require_feature', 'The API feature(s) is/are not supported in your plan.', /plan/],
    ['access_denied', 'You are not authorized to perform this action.', /administrator/],
    ['something_new', 'New reason.', /something_new.*New reason/],
  ])('403 %s → permission with that code', async (code, message, pattern) => {
    fake.answer(() => ({ status: 403, json: { code, message } }));
    const err = await expectRefused(rig(), canaryKey(), 'permission', pattern);
    expect((err as unknown as { freshdeskCode: string }).freshdeskCode).toBe(code);
  });

  it('a server that echoes the key in its error gets it redacted', async () => {
    fake.answer((hit) => ({ status: 403, json: { code: 'access_denied_' + hit.apiKey, message: `key ${hit.apiKey} refused` } }));
    const err = await expectRefused(rig(), canaryKey(), 'permission', /\[redacted\]/);
    expect((err as unknown as { freshdeskCode: string }).freshdeskCode).toContain('[redacted]');
  });

  it('404 → unknown_helpdesk', async () => {
    fake.answer(() => ({ status: 404, body: ' ', headers: { 'content-type': 'application/json' } }));
    await expectRefused(rig(), canaryKey(), 'unknown_helpdesk', /no helpdesk at https:\/\/acme\.freshdesk\.com/);
  });

  it('200 that is not JSON (a web page) → unknown_helpdesk', async () => {
    fake.answer(() => ({ status: 200, body: '<html><body>Welcome</body></html>' }));
    await expectRefused(rig(), canaryKey(), 'unknown_helpdesk', /not like a Freshdesk helpdesk/);
  });

  it('200 JSON of the wrong shape → unknown_helpdesk', async () => {
    fake.answer(() => ({ status: 200, json: { hello: 'world' } }));
    await expectRefused(rig(), canaryKey(), 'unknown_helpdesk', /not like a Freshdesk helpdesk/);
  });

  it('a redirect (custom domain, login page) → unknown_helpdesk', async () => {
    fake.answer(() => ({ status: 302, body: '', headers: { location: 'https://acme.example.com/login' } }));
    await expectRefused(rig(), canaryKey(), 'unknown_helpdesk', /not like a Freshdesk helpdesk/);
  });

  it('429 → network, with when to try again', async () => {
    fake.answer(() => ({
      status: 429,
      json: { message: 'You have exceeded the limit of requests per hour' },
      headers: { 'retry-after': '30' },
    }));
    await expectRefused(rig(), canaryKey(), 'network', /Try again in 30 seconds/);
  });

  it('5xx → network', async () => {
    fake.answer(() => ({ status: 502, body: 'bad gateway' }));
    await expectRefused(rig(), canaryKey(), 'network', /HTTP 502.*Try again/);
  });

  it('no answer in time → network', async () => {
    fake.answer(() => ({ status: 200, hang: true }));
    await expectRefused(
      rig({ client: createFreshdeskClient({ timeoutMs: 200, retryDelaysMs: [] }) }),
      canaryKey(),
      'network',
      /did not answer in time/,
    );
  });

  it('a closed port → network', async () => {
    const closed = await startFakeHelpdesk(() => ({ status: 200 }));
    const port = closed.port;
    await closed.close();
    await expectRefused(
      rig({ freshdeskOrigin: (s) => `http://${s}.localhost:${port}` }),
      canaryKey(),
      'network',
      /could not reach.*internet connection/,
    );
  });

  it('DNS failure (no such host) → unknown_helpdesk', async () => {
    // The transport resolves *.localhost to loopback and production needs real DNS, so a DNS
    // failure is produced at the client boundary: the exact failure the transport reports.
    const dnsFails: FreshdeskClient = {
      request: async () => ({
        kind: 'failure',
        failure: 'network',
        code: 'ENOTFOUND',
        message: 'The helpdesk address could not be found (DNS).',
      }),
      close() {},
    };
    await expectRefused(rig({ client: dnsFails }), canaryKey(), 'unknown_helpdesk', /no helpdesk at/);
  });

  it('a failed re-authorize leaves the working connection untouched', async () => {
    const r = rig();
    const good = canaryKey();
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: good });
    fake.answer(() => ({ status: 401, json: { code: 'invalid_credentials', message: 'x' } }));
    const bad = canaryKey();
    const err = await rejection(r.accounts.authorize('alice', { subdomain: 'acme', apiKey: bad }));
    expect(err.code).toBe('invalid_key');
    const c = await r.accounts.credentials('alice');
    expect(c.ok && c.creds.apiKey).toBe(good);
    expect(r.surfaces()).not.toContain(bad);
    expect(r.surfaces()).not.toContain(good);
  });
});

describe('connectSandbox', () => {
  it('accepts only loopback origins and stores the origin sealed', async () => {
    const r = rig({ freshdeskOrigin: () => 'https://never.used.example' });
    const key = canaryKey();
    for (const origin of ['https://acme.freshdesk.com', 'http://evil.com:80', 'http://acme.localhost', `http://u@127.0.0.1:${fake.port}`]) {
      const err = await rejection(r.accounts.connectSandbox('demo', { subdomain: 'acme', apiKey: key, origin }));
      expect(err.code).toBe('invalid_subdomain');
    }
    expect(fake.hits).toEqual([]);
    const account = await r.accounts.connectSandbox('demo', { subdomain: 'acme', apiKey: key, origin: fake.origin('acme') });
    expect(account).toMatchObject({ status: 'ACTIVE', sandbox: true, subdomain: 'acme' });
    const c = await r.accounts.credentials('demo');
    expect(c.ok && c.creds.origin).toBe(fake.origin('acme'));
    expect(r.surfaces()).not.toContain(key);
    expect(r.surfaces()).not.toContain(`:${fake.port}"`); // the origin is inside the sealed payload only
  });
});
