// Connected accounts against the sandbox helpdesk over real HTTP: two helpdesks, key resets,
// every authorize error code, and the same flows through the real core (makeTestCore).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src-main/sandbox';
import { createTestCipher } from '../../helpers/cipher';
import { makeTestCore } from '../../helpers/core';
import { useWorld } from '../../helpers/use-world';
import { canaryKey, makeAccountsRig, rejection, type AccountsRig } from './setup';

interface LogEntry {
  method: string;
  path: string;
  status: number;
  agentId: number | null;
}

const rigs: AccountsRig[] = [];
const world = useWorld({
  perMinute: 100_000,
  ticketsPerAccount: 20,
  async afterEach(w) {
    for (const r of rigs.splice(0)) r.close();
    await w.clearRequests();
    await w.clearFaults();
  },
});
const origin = (sub: string) => world.origin(sub);
const control = (method: string, path: string, body?: unknown): Promise<any> => world.control(method, `/_sandbox${path}`, body);
const requestLog = async (sub: string): Promise<LogEntry[]> => (await world.requests(sub)) as unknown as LogEntry[];
const account = (sub: string) => world.account(sub);
const agent = (sub: string, i: number) => world.agent(sub, i);
/** Resets an agent's key in the sandbox and remembers the new one for later tests. */
async function resetKey(sub: string, i: number): Promise<{ oldKey: string; newKey: string }> {
  const a = agent(sub, i);
  const oldKey = a.apiKey;
  const { apiKey } = await control('POST', `/accounts/${sub}/agents/${a.id}/reset-key`);
  a.apiKey = apiKey;
  return { oldKey, newKey: apiKey };
}

function rig(o: Partial<Parameters<typeof makeAccountsRig>[0]> = {}) {
  const r = makeAccountsRig({ freshdeskOrigin: origin, ...o });
  rigs.push(r);
  return r;
}

/** What a tool does: credentials for one call, the call, and markRevoked on a 401. */
async function toolStyleCall(r: AccountsRig, identifier: string, path = '/api/v2/tickets') {
  const { accounts, client } = r;
  const c = await accounts.credentials(identifier);
  if (!c.ok) return c.kind;
  const res = await client.request(c.creds, { method: 'GET', path, query: { per_page: 1 }, safeToRetry: true });
  if (res.kind === 'response' && res.status === 401) {
    await accounts.markRevoked(identifier, 'Freshdesk rejected the API key (HTTP 401).');
    return 'revoked';
  }
  return res.kind === 'response' ? res.status : res.failure;
}

describe('two profiles on two helpdesks', () => {
  it('each profile only ever reaches its own account', async () => {
    const r = rig();
    const acmeAdmin = agent('acme', 0);
    const globexAgent = agent('globex', 3);
    const alice = await r.accounts.authorize('alice', { subdomain: 'acme.freshdesk.com', apiKey: acmeAdmin.apiKey });
    const bob = await r.accounts.authorize('bob', { subdomain: 'https://globex.freshdesk.com/a/tickets/3', apiKey: globexAgent.apiKey });
    expect(alice.agent).toMatchObject({
      id: acmeAdmin.id,
      email: acmeAdmin.email,
      roleIds: acmeAdmin.roleIds,
      ticketScope: acmeAdmin.ticketScope,
    });
    expect(alice.agent?.roleNames).toContain(acmeAdmin.role); // an admin may read /roles
    expect(bob.agent).toMatchObject({ id: globexAgent.id, roleIds: globexAgent.roleIds, ticketScope: globexAgent.ticketScope });
    expect(bob.agent?.roleNames).toBeUndefined(); // /roles is 403 for an agent: derive nothing

    for (let i = 0; i < 3; i++) {
      expect(await toolStyleCall(r, 'alice')).toBe(200);
      expect(await toolStyleCall(r, 'bob')).toBe(200);
      await r.accounts.recheck('bob', { force: true });
      await r.accounts.recheck('alice', { force: true });
    }
    const acmeLog = await requestLog('acme');
    const globexLog = await requestLog('globex');
    expect(acmeLog.length).toBeGreaterThanOrEqual(8);
    expect(globexLog.length).toBeGreaterThanOrEqual(8);
    expect(new Set(acmeLog.map((e) => e.agentId))).toEqual(new Set([acmeAdmin.id]));
    expect(new Set(globexLog.map((e) => e.agentId))).toEqual(new Set([globexAgent.id]));
    expect(r.surfaces()).not.toContain(acmeAdmin.apiKey);
    expect(r.surfaces()).not.toContain(globexAgent.apiKey);
  });

  it('a swapped ciphertext fails closed: no request with the other profile’s key, the other profile unharmed', async () => {
    const r = rig();
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: agent('acme', 3).apiKey });
    await r.accounts.authorize('bob', { subdomain: 'globex', apiKey: agent('globex', 3).apiKey });
    const json = JSON.parse(readFileSync(r.file, 'utf8'));
    const [a, b] = ['alice', 'bob'].map((id) => json.profiles.find((p: { identifier: string }) => p.identifier === id));
    [a.freshdesk, b.freshdesk] = [b.freshdesk, a.freshdesk];
    writeFileSync(r.file, JSON.stringify(json));
    await control('DELETE', '/requests');

    const restarted = r.reopen();
    expect(await toolStyleCall(restarted, 'alice')).toBe('revoked');
    expect(await toolStyleCall(restarted, 'bob')).toBe('revoked');
    expect(await restarted.accounts.get('alice')).toMatchObject({
      status: 'REVOKED',
      statusReason: expect.stringMatching(/another profile/),
    });
    expect(await requestLog('acme')).toEqual([]);
    expect(await requestLog('globex')).toEqual([]);
    // each person re-enters their own key and is back
    await restarted.accounts.authorize('alice', { subdomain: 'acme', apiKey: agent('acme', 3).apiKey });
    expect(await toolStyleCall(restarted, 'alice')).toBe(200);
    expect((await requestLog('acme')).every((e) => e.agentId === agent('acme', 3).id)).toBe(true);
  });
});

describe('key reset in Freshdesk', () => {
  it('recheck marks exactly that profile REVOKED; the next credentials() sends nothing; re-authorize → ACTIVE', async () => {
    const r = rig();
    const dan = { ...agent('acme', 3) };
    const eve = agent('acme', 4);
    await r.accounts.authorize('dan', { subdomain: 'acme', apiKey: dan.apiKey });
    await r.accounts.authorize('eve', { subdomain: 'acme', apiKey: eve.apiKey });
    await r.accounts.authorize('grace', { subdomain: 'globex', apiKey: agent('globex', 0).apiKey });
    r.events.length = 0;

    const { oldKey, newKey } = await resetKey('acme', 3);
    const revoked = await r.accounts.recheck('dan', { force: true });
    expect(revoked).toMatchObject({ status: 'REVOKED', statusReason: expect.stringMatching(/no longer accepts this API key/) });
    expect(r.events).toEqual([{ type: 'account_status', account: revoked }]);
    expect((await r.accounts.recheck('eve', { force: true }))?.status).toBe('ACTIVE');
    expect((await r.accounts.recheck('grace', { force: true }))?.status).toBe('ACTIVE');

    await control('DELETE', '/requests');
    expect(await r.accounts.credentials('dan')).toMatchObject({ ok: false, kind: 'revoked' });
    expect(await toolStyleCall(r, 'dan')).toBe('revoked');
    expect(await requestLog('acme')).toEqual([]);

    const back = await r.accounts.authorize('dan', { subdomain: 'acme', apiKey: newKey });
    expect(back).toMatchObject({ status: 'ACTIVE', agent: { id: dan.id } });
    expect(r.events.at(-1)).toEqual({ type: 'account_status', account: back });
    expect(await toolStyleCall(r, 'dan')).toBe(200);
    expect(r.surfaces()).not.toContain(oldKey);
    expect(r.surfaces()).not.toContain(newKey);
  });

  it('a 401 on a later call (tool path) revokes only that profile', async () => {
    const r = rig();
    const cara = agent('acme', 2);
    const ben = agent('acme', 1);
    await r.accounts.authorize('cara', { subdomain: 'acme', apiKey: cara.apiKey });
    await r.accounts.authorize('ben', { subdomain: 'acme', apiKey: ben.apiKey });
    await resetKey('acme', 2);
    expect(await toolStyleCall(r, 'cara')).toBe('revoked');
    expect((await r.accounts.get('cara'))?.status).toBe('REVOKED');
    expect(await toolStyleCall(r, 'ben')).toBe(200);
    expect((await r.accounts.get('ben'))?.status).toBe('ACTIVE');
  });

  it('5xx, 429 and dropped connections on later calls never change the status', async () => {
    const r = rig();
    await r.accounts.authorize('dan', { subdomain: 'acme', apiKey: agent('acme', 3).apiKey });
    r.events.length = 0;
    for (const fault of [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 429 },
      { kind: 'drop' },
    ]) {
      await control('POST', '/faults', { subdomain: 'acme', count: 1, ...fault });
      expect((await r.accounts.recheck('dan', { force: true }))?.status).toBe('ACTIVE');
    }
    expect(r.events).toEqual([]);
  });
});

describe('authorize error codes against the sandbox', () => {
  async function refused(r: AccountsRig, c: { subdomain: string; apiKey: string }, code: string, message: RegExp) {
    const err = await rejection(r.accounts.authorize('alice', c));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain(c.apiKey);
    expect(await r.accounts.get('alice')).toBeUndefined();
    expect(r.surfaces()).not.toContain(c.apiKey);
    return err;
  }

  it('invalid_key: a canary key Freshdesk does not know', async () => {
    await refused(rig(), { subdomain: 'acme', apiKey: canaryKey() }, 'invalid_key', /did not accept this API key/);
  });

  it("invalid_key: a customer's key and a former agent's key", async () => {
    const fx = account('acme').fixtures as unknown as Record<string, unknown>;
    const keys = Object.entries(fx)
      .filter(([k, v]) => /key/i.test(k) && typeof v === 'string')
      .map(([, v]) => v as string);
    expect(keys.length).toBeGreaterThan(0);
    for (const apiKey of keys) await refused(rig(), { subdomain: 'acme', apiKey }, 'invalid_key', /did not accept/);
  });

  it('unknown_helpdesk: a subdomain the sandbox does not know (404)', async () => {
    await refused(
      rig(),
      { subdomain: 'initech', apiKey: agent('acme', 0).apiKey },
      'unknown_helpdesk',
      /no helpdesk at https:\/\/initech\.freshdesk\.com/,
    );
    expect(await requestLog('acme')).toEqual([]);
  });

  it('network: freshdeskOrigin pointing at a closed port', async () => {
    const probe = await startSandbox({ port: 0 });
    const closedPort = probe.port;
    await probe.close();
    await refused(
      rig({ freshdeskOrigin: (s) => `http://${s}.localhost:${closedPort}` }),
      { subdomain: 'acme', apiKey: agent('acme', 0).apiKey },
      'network',
      /could not reach/,
    );
  });

  it('permission: a 403 from Freshdesk', async () => {
    await control('POST', '/faults', { subdomain: 'acme', count: 1, kind: 'status', status: 403 });
    await refused(rig(), { subdomain: 'acme', apiKey: agent('acme', 0).apiKey }, 'permission', /refused|not authorized|administrator/i);
  });

  it('permission: a suspended helpdesk says so, with Freshdesk’s code', async () => {
    await control('PUT', '/accounts/acme/suspended', { suspended: true });
    try {
      const err = await refused(rig(), { subdomain: 'acme', apiKey: agent('acme', 0).apiKey }, 'permission', /suspended/);
      expect((err as unknown as { freshdeskCode?: string }).freshdeskCode).toBe('account_suspended');
    } finally {
      await control('PUT', '/accounts/acme/suspended', { suspended: false });
    }
  });

  it('unknown_helpdesk: an answer that is not Freshdesk’s (malformed body)', async () => {
    await control('POST', '/faults', { subdomain: 'acme', count: 1, kind: 'malformed' });
    await refused(rig(), { subdomain: 'acme', apiKey: agent('acme', 0).apiKey }, 'unknown_helpdesk', /not like a Freshdesk helpdesk/);
  });

  it('encryption_unavailable: nothing is sent and nothing stored', async () => {
    const r = rig({
      cipher: createTestCipher({
        status: { available: false, reason: 'No keyring is running. Install and unlock GNOME Keyring (or KWallet).' },
      }),
    });
    await refused(r, { subdomain: 'acme', apiKey: agent('acme', 0).apiKey }, 'encryption_unavailable', /no safe place.*keyring/i);
    expect(await requestLog('acme')).toEqual([]);
  });

  it('invalid_subdomain: nothing is sent', async () => {
    await refused(
      rig(),
      { subdomain: 'acme.zendesk.com', apiKey: agent('acme', 0).apiKey },
      'invalid_subdomain',
      /not a freshdesk\.com address/,
    );
    expect(await requestLog('acme')).toEqual([]);
  });
});

describe('the sandbox flow', () => {
  it('connectSandbox keeps the loopback origin sealed and marks the profile as sample data', async () => {
    const r = rig({ freshdeskOrigin: (s) => `https://${s}.freshdesk.com` }); // production routing
    const ava = agent('acme', 0);
    const demo = await r.accounts.connectSandbox('Sandbox demo', { subdomain: 'acme', apiKey: ava.apiKey, origin: origin('acme') });
    expect(demo).toMatchObject({ status: 'ACTIVE', sandbox: true, subdomain: 'acme', agent: { id: ava.id } });
    const c = await r.accounts.credentials('Sandbox demo');
    expect(c.ok && c.creds.origin).toBe(origin('acme'));
    expect(await toolStyleCall(r, 'Sandbox demo')).toBe(200);
    expect(r.surfaces()).not.toContain(ava.apiKey);
  });
});

describe('through the real core (makeTestCore)', () => {
  it('authorize, status, disconnect — with the vault file at mode 0600 and no key in it', async () => {
    const { statSync } = await import('node:fs');
    const logs: string[] = [];
    const t = await makeTestCore({ freshdeskOrigin: origin, log: (l) => logs.push(l) });
    try {
      const events: unknown[] = [];
      t.core.onEvent((e) => events.push(e));
      const ava = agent('acme', 0);
      const canary = canaryKey();
      const err = await rejection(t.core.accounts.authorize('alice', { subdomain: 'acme', apiKey: canary }));
      expect(err.code).toBe('invalid_key');
      const account = await t.core.accounts.authorize('alice', { subdomain: 'acme', apiKey: ava.apiKey });
      expect(account.status).toBe('ACTIVE');
      expect(t.core.status().cipher).toMatchObject({ available: true });
      expect(statSync(t.storePath).mode & 0o777).toBe(0o600);
      await t.core.drafts.save('alice', 1, { body: 'hello', cc: [], bcc: [] });
      const bytes = readFileSync(t.storePath, 'latin1');
      for (const secret of [ava.apiKey, canary, 'hello']) {
        expect(bytes).not.toContain(secret);
        expect(JSON.stringify(events)).not.toContain(secret);
        expect(logs.join('\n')).not.toContain(secret);
      }
      await t.core.accounts.disconnect('alice');
      expect(readFileSync(t.storePath, 'utf8')).not.toContain('"alice"');
      expect(await t.core.accounts.list()).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  it('a corrupt vault file is moved aside and reported through core.status()', async () => {
    const { mkdtempSync, rmSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'core-corrupt-'));
    try {
      writeFileSync(path.join(dir, 'vault.json'), '{"profiles": [ {"identifier": "alice", ');
      const t = await makeTestCore({ dir, freshdeskOrigin: origin });
      expect(t.core.status().notices.join(' ')).toMatch(/not valid JSON.*Nothing was deleted/);
      expect(await t.core.accounts.list()).toEqual([]);
      expect(readdirSync(dir).filter((f) => f.startsWith('vault.corrupt-'))).toHaveLength(1);
      await t.cleanup();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
