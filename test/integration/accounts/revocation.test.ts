// Revocation, re-checks and fail-closed credentials, over real HTTP to a small fake helpdesk
// whose answers each test controls.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RECHECK_INTERVAL_MS } from '../../../src-main/core/accounts';
import { createTestCipher } from '../../helpers/cipher';
import { agentMe, canaryKey, makeAccountsRig, startFakeHelpdesk, type AccountsRig, type FakeAnswer } from './setup';

let fake: Awaited<ReturnType<typeof startFakeHelpdesk>>;
/** keys the fake helpdesk accepts, per subdomain */
const validKeys = new Map<string, Set<string>>();
let override: ((path: string) => FakeAnswer | undefined) | undefined;
const rigs: AccountsRig[] = [];

beforeAll(async () => {
  fake = await startFakeHelpdesk((hit) => {
    const forced = override?.(hit.path);
    if (forced) return forced;
    if (!validKeys.get(hit.subdomain)?.has(hit.apiKey)) {
      return { status: 401, json: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' } };
    }
    if (hit.path === '/api/v2/roles') return { status: 403, json: { code: 'access_denied', message: 'no' } };
    return { status: 200, json: agentMe(hit.subdomain === 'acme' ? 1 : 2) };
  });
});
afterAll(() => fake.close());
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
  fake.hits.length = 0;
  validKeys.clear();
  override = undefined;
});

function rig(o: Partial<Parameters<typeof makeAccountsRig>[0]> = {}) {
  const r = makeAccountsRig({ freshdeskOrigin: fake.origin, ...o });
  rigs.push(r);
  return r;
}
function issueKey(sub: string): string {
  const key = canaryKey();
  if (!validKeys.has(sub)) validKeys.set(sub, new Set());
  validKeys.get(sub)!.add(key);
  return key;
}
const resetKeys = (sub: string) => validKeys.get(sub)?.clear();

async function twoProfiles(r: AccountsRig) {
  const aliceKey = issueKey('acme');
  const bobKey = issueKey('globex');
  await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: aliceKey });
  await r.accounts.authorize('bob', { subdomain: 'globex', apiKey: bobKey });
  fake.hits.length = 0;
  r.events.length = 0;
  return { aliceKey, bobKey };
}

describe('markRevoked', () => {
  it('revokes exactly that profile, records reason and time, and later credentials() sends nothing', async () => {
    const r = rig();
    const { aliceKey, bobKey } = await twoProfiles(r);
    await r.accounts.markRevoked('alice', 'Freshdesk rejected the API key (HTTP 401).');
    const alice = await r.accounts.get('alice');
    expect(alice).toMatchObject({ status: 'REVOKED', statusReason: 'Freshdesk rejected the API key (HTTP 401).' });
    expect(r.vault.profiles.get('alice')?.revokedAt).toBe('2026-03-01T09:00:00.000Z');
    expect(r.events).toEqual([{ type: 'account_status', account: alice }]);
    expect((await r.accounts.get('bob'))?.status).toBe('ACTIVE');
    expect(await r.accounts.credentials('alice')).toEqual({
      ok: false,
      kind: 'revoked',
      message: 'Freshdesk rejected the API key (HTTP 401).',
    });
    expect(fake.hits).toEqual([]);
    const bob = await r.accounts.credentials('bob');
    expect(bob.ok && bob.creds.apiKey).toBe(bobKey);
    // revoking twice changes nothing and emits nothing more
    await r.accounts.markRevoked('alice', 'again');
    expect((await r.accounts.get('alice'))?.statusReason).toBe('Freshdesk rejected the API key (HTTP 401).');
    expect(r.events).toHaveLength(1);
    // the sealed key stays on disk (nothing lost) but never in clear
    expect(r.vault.profiles.get('alice')?.freshdesk).toBeDefined();
    expect(r.surfaces()).not.toContain(aliceKey);
  });

  it('does nothing for PENDING or unknown profiles', async () => {
    const r = rig();
    await r.accounts.getOrCreate('carol');
    r.events.length = 0;
    await r.accounts.markRevoked('carol', 'x');
    await r.accounts.markRevoked('nobody', 'x');
    expect((await r.accounts.get('carol'))?.status).toBe('PENDING');
    expect(await r.accounts.get('nobody')).toBeUndefined();
    expect(r.events).toEqual([]);
  });

  it('re-authorizing a REVOKED profile makes it ACTIVE again with the new key', async () => {
    const r = rig();
    await twoProfiles(r);
    resetKeys('acme');
    await r.accounts.markRevoked('alice', 'reset');
    const newKey = issueKey('acme');
    const account = await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: newKey });
    expect(account.status).toBe('ACTIVE');
    expect(account.statusReason).toBeUndefined();
    expect(r.vault.profiles.get('alice')?.revokedAt).toBeUndefined();
    const c = await r.accounts.credentials('alice');
    expect(c.ok && c.creds.apiKey).toBe(newKey);
  });
});

describe('recheck', () => {
  it('a key reset while the app was closed shows as REVOKED on the first re-check after start', async () => {
    const first = rig();
    await twoProfiles(first);
    resetKeys('acme');
    const restarted = first.reopen();
    const alice = await restarted.accounts.recheck('alice');
    expect(alice).toMatchObject({ status: 'REVOKED' });
    expect(alice?.statusReason).toMatch(/no longer accepts this API key/);
    expect(restarted.events).toEqual([{ type: 'account_status', account: alice }]);
    expect((await restarted.accounts.recheck('bob'))?.status).toBe('ACTIVE');
    expect(fake.hits.map((h) => h.subdomain)).toEqual(['acme', 'globex']);
  });

  it('asks at most once per 10 minutes per profile unless forced', async () => {
    const r = rig();
    await twoProfiles(r);
    await r.accounts.recheck('alice'); // answered at authorize time: no request
    expect(fake.hits).toHaveLength(0);
    r.clock.now += RECHECK_INTERVAL_MS - 1;
    await r.accounts.recheck('alice');
    expect(fake.hits).toHaveLength(0);
    await r.accounts.recheck('alice', { force: true });
    expect(fake.hits).toHaveLength(1);
    r.clock.now += RECHECK_INTERVAL_MS;
    await Promise.all([r.accounts.recheck('alice'), r.accounts.recheck('alice'), r.accounts.recheck('alice')]);
    expect(fake.hits).toHaveLength(2); // concurrent re-checks share one request
    expect(fake.hits.every((h) => h.path === '/api/v2/agents/me' && h.subdomain === 'acme')).toBe(true);
  });

  it.each<[string, FakeAnswer]>([
    ['a 500', { status: 500, json: { message: "We're sorry, but something went wrong." } }],
    ['a 503', { status: 503, body: 'unavailable' }],
    ['a 429', { status: 429, json: { message: 'limit' }, headers: { 'retry-after': '1' } }],
    ['a 403', { status: 403, json: { code: 'account_suspended', message: 'Your account has been suspended.' } }],
    ['a 404', { status: 404, body: ' ' }],
  ])('%s never changes the status', async (_label, answer) => {
    const r = rig();
    await twoProfiles(r);
    override = () => answer;
    const alice = await r.accounts.recheck('alice', { force: true });
    expect(alice?.status).toBe('ACTIVE');
    expect(r.events).toEqual([]);
    expect(fake.hits).toHaveLength(1);
  });

  it('no network never changes the status, and a failed attempt does not count as a check', async () => {
    const closed = await startFakeHelpdesk(() => ({ status: 200 }));
    const port = closed.port;
    await closed.close();
    let target = fake.origin;
    const r = rig({ freshdeskOrigin: (s) => target(s) });
    await twoProfiles(r);
    r.clock.now += RECHECK_INTERVAL_MS;
    target = (s) => `http://${s}.localhost:${port}`;
    expect((await r.accounts.recheck('alice'))?.status).toBe('ACTIVE');
    expect(r.events).toEqual([]);
    // the network is back, and the key was reset meanwhile: the very next trigger asks again
    target = fake.origin;
    resetKeys('acme');
    expect((await r.accounts.recheck('alice'))?.status).toBe('REVOKED');
    expect(fake.hits).toHaveLength(1);
  });

  it('refreshes the agent identity it shows when Freshdesk says something changed', async () => {
    const r = rig();
    await twoProfiles(r);
    override = (p) =>
      p === '/api/v2/agents/me'
        ? { status: 200, json: agentMe(1, { contact: { name: 'Renamed', email: 'agent1@example.com' } }) }
        : undefined;
    const alice = await r.accounts.recheck('alice', { force: true });
    expect(alice?.agent?.name).toBe('Renamed');
    expect(r.events).toHaveLength(1);
  });

  it('a re-check that started with the old key does not revoke a key entered meanwhile', async () => {
    const r = rig();
    const { aliceKey } = await twoProfiles(r);
    // the old key's check is answered 401, but only after the person has entered a new key
    override = () =>
      fake.hits.at(-1)?.apiKey === aliceKey ? { status: 401, json: { code: 'invalid_credentials' }, delayMs: 300 } : undefined;
    const pending = r.accounts.recheck('alice', { force: true });
    await new Promise((res) => setTimeout(res, 50));
    const newKey = issueKey('acme');
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: newKey });
    expect((await pending)?.status).toBe('ACTIVE');
    expect(fake.hits.map((h) => h.apiKey === aliceKey)).toEqual([true, false, false]);
    const c = await r.accounts.credentials('alice');
    expect(c.ok && c.creds.apiKey).toBe(newKey);
  });
});

describe('fail closed on what is on disk', () => {
  it("a ciphertext swapped into another profile's record → that profile REVOKED, never the other key used", async () => {
    const r = rig();
    const { aliceKey, bobKey } = await twoProfiles(r);
    const json = JSON.parse(readFileSync(r.file, 'utf8'));
    const alice = json.profiles.find((p: { identifier: string }) => p.identifier === 'alice');
    const bob = json.profiles.find((p: { identifier: string }) => p.identifier === 'bob');
    alice.freshdesk = bob.freshdesk; // bob's helpdesk key copied into alice's record
    writeFileSync(r.file, JSON.stringify(json));
    const restarted = r.reopen();
    const c = await restarted.accounts.credentials('alice');
    expect(c).toEqual({ ok: false, kind: 'revoked', message: expect.stringMatching(/belongs to another profile/) });
    expect((await restarted.accounts.get('alice'))?.status).toBe('REVOKED');
    expect((await restarted.accounts.get('bob'))?.status).toBe('ACTIVE');
    const b = await restarted.accounts.credentials('bob');
    expect(b.ok && b.creds.apiKey).toBe(bobKey);
    expect(fake.hits).toEqual([]);
    expect(restarted.surfaces()).not.toContain(aliceKey);
    expect(restarted.surfaces()).not.toContain(bobKey);
  });

  it('editing the plain subdomain in the file cannot redirect the key', async () => {
    const r = rig();
    const { aliceKey } = await twoProfiles(r);
    const json = JSON.parse(readFileSync(r.file, 'utf8'));
    json.profiles[0].subdomain = 'globex';
    json.profiles[0].sandbox = true;
    writeFileSync(r.file, JSON.stringify(json));
    const c = await r.reopen().accounts.credentials('alice');
    expect(c.ok && c.creds).toEqual({
      identifier: 'alice',
      subdomain: 'acme',
      apiKey: aliceKey,
      origin: fake.origin('acme'),
      keyStamp: expect.any(String),
    });
  });

  it('a decrypt failure is not a revocation: nothing is written, the profile stays ACTIVE, the next use tries again', async () => {
    const r = rig();
    await twoProfiles(r);
    const before = readFileSync(r.file, 'utf8');
    const restarted = r.reopen({ cipher: createTestCipher() }); // a new key: the old ciphertexts no longer open
    const c = await restarted.accounts.credentials('alice');
    expect(c).toEqual({ ok: false, kind: 'not_connected', message: expect.stringMatching(/cannot be opened right now.*tries again/) });
    expect((await restarted.accounts.get('alice'))?.status).toBe('ACTIVE');
    expect(readFileSync(r.file, 'utf8')).toBe(before);
    expect(fake.hits).toEqual([]);
    // re-entering the key repairs the profile when the failure is for good
    const fresh = issueKey('acme');
    expect((await restarted.accounts.authorize('alice', { subdomain: 'acme', apiKey: fresh })).status).toBe('ACTIVE');
  });

  it('a transient keychain failure heals by itself once the keychain works again', async () => {
    const base = createTestCipher();
    let failing = false;
    const flaky = {
      status: () => base.status(),
      encrypt: (plain: string) => base.encrypt(plain),
      decrypt: (ct: Buffer) => {
        if (failing) throw new Error('org.freedesktop.Secret: the keyring daemon did not answer');
        return base.decrypt(ct);
      },
    };
    const r = rig({ cipher: flaky });
    const { aliceKey } = await twoProfiles(r);
    const again = r.reopen({ cipher: flaky }); // nothing cached: the key must be decrypted
    failing = true;
    expect(await again.accounts.credentials('alice')).toMatchObject({ ok: false, kind: 'not_connected' });
    expect((await again.accounts.get('alice'))?.status).toBe('ACTIVE');
    failing = false;
    const c = await again.accounts.credentials('alice');
    expect(c.ok && c.creds.apiKey).toBe(aliceKey);
    expect(again.events.filter((e) => e.type === 'account_status')).toEqual([]);
  });

  it('a cipher that is unavailable right now: not connected for now, status unchanged', async () => {
    const cipher = createTestCipher();
    const r = rig({ cipher });
    await twoProfiles(r);
    cipher.setStatus({ available: false, reason: 'The keyring is locked. Unlock it and try again.' });
    const c = await r.accounts.credentials('alice');
    expect(c).toEqual({ ok: false, kind: 'not_connected', message: expect.stringMatching(/keyring is locked/) });
    expect((await r.accounts.get('alice'))?.status).toBe('ACTIVE');
    expect(r.events).toEqual([]);
    cipher.setStatus({ available: true });
    expect((await r.accounts.credentials('alice')).ok).toBe(true);
  });

  it('PENDING and unknown profiles are not connected', async () => {
    const r = rig();
    await r.accounts.getOrCreate('carol');
    expect(await r.accounts.credentials('carol')).toMatchObject({ ok: false, kind: 'not_connected' });
    expect(await r.accounts.credentials('nobody')).toMatchObject({ ok: false, kind: 'not_connected' });
  });
});

describe('profiles', () => {
  it('getOrCreate is idempotent: a new profile is PENDING, announced once', async () => {
    const r = rig();
    const a = await r.accounts.getOrCreate('carol');
    expect(a).toEqual({ identifier: 'carol', connection: 'freshdesk', status: 'PENDING', updatedAt: '2026-03-01T09:00:00.000Z' });
    r.clock.now += 1000;
    expect(await r.accounts.getOrCreate('carol')).toEqual(a);
    expect(r.events).toEqual([{ type: 'account_status', account: a }]);
    expect(await r.accounts.list()).toEqual([a]);
  });

  it('create makes a new PENDING profile and refuses a name that is taken, leaving it as it was', async () => {
    const r = rig();
    const a = await r.accounts.create('carol');
    expect(a).toMatchObject({ identifier: 'carol', status: 'PENDING' });
    const before = JSON.stringify(r.vault.profiles.get('carol'));
    r.clock.now += 1000;
    await expect(r.accounts.create('carol')).rejects.toMatchObject({
      code: 'profile_exists',
      message: 'A profile named "carol" already exists. Pick it from the list, or choose another name.',
    });
    expect(JSON.stringify(r.vault.profiles.get('carol'))).toBe(before);
    expect(r.events).toEqual([{ type: 'account_status', account: a }]);
  });

  it('disconnect removes the key, the drafts and the Anthropic key from disk', async () => {
    const r = rig();
    const { aliceKey, bobKey } = await twoProfiles(r);
    const anthropic = `sk-ant-${canaryKey()}`;
    r.vault.anthropicKey.set('alice', anthropic);
    await r.vault.drafts.save('alice', 42, { body: 'draft body', cc: [], bcc: [] });
    const sealedBefore = JSON.stringify(r.vault.profiles.get('alice'));
    await r.accounts.disconnect('alice');
    const bytes = readFileSync(r.file, 'utf8');
    for (const gone of [
      JSON.parse(sealedBefore).freshdesk.ct,
      JSON.parse(sealedBefore).anthropic.ct,
      JSON.parse(sealedBefore).drafts[0].sealed.ct,
      '"alice"',
    ]) {
      expect(bytes).not.toContain(gone);
    }
    expect(await r.accounts.get('alice')).toBeUndefined();
    expect(await r.vault.drafts.get('alice', 42)).toBeUndefined();
    expect(r.vault.anthropicKey.status('alice')).toEqual({ configured: false });
    expect(r.events.at(-1)).toEqual({
      type: 'account_status',
      account: { identifier: 'alice', connection: 'freshdesk', status: 'PENDING', updatedAt: '2026-03-01T09:00:00.000Z' },
    });
    const bob = await r.accounts.credentials('bob');
    expect(bob.ok && bob.creds.apiKey).toBe(bobKey);
    expect(r.surfaces()).not.toContain(aliceKey);
    expect(r.surfaces()).not.toContain(anthropic);
  });

  it('switching a profile to another helpdesk drops drafts of the old one; same helpdesk keeps them', async () => {
    const r = rig();
    await twoProfiles(r);
    await r.vault.drafts.save('alice', 7, { body: 'keep me', cc: [], bcc: [] });
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: issueKey('acme') });
    expect((await r.vault.drafts.get('alice', 7))?.body).toBe('keep me');
    await r.accounts.authorize('alice', { subdomain: 'globex', apiKey: issueKey('globex') });
    expect(await r.vault.drafts.get('alice', 7)).toBeUndefined();
  });
});
