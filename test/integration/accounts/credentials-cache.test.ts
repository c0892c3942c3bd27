// credentials() keeps an opened key in memory between tool calls; these tests prove that the
// cache never outlives the sealed key it came from, and never hides a revoke, disconnect,
// re-authorize, swapped ciphertext or a keychain that stopped working.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestCipher } from '../../helpers/cipher';
import { agentMe, canaryKey, makeAccountsRig, startFakeHelpdesk, type AccountsRig } from './setup';

let fake: Awaited<ReturnType<typeof startFakeHelpdesk>>;
const validKeys = new Set<string>();
const rigs: AccountsRig[] = [];

beforeAll(async () => {
  fake = await startFakeHelpdesk((hit) =>
    validKeys.has(hit.apiKey)
      ? hit.path === '/api/v2/roles'
        ? { status: 403, json: { code: 'access_denied', message: 'no' } }
        : { status: 200, json: agentMe(hit.subdomain === 'acme' ? 1 : 2) }
      : { status: 401, json: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' } },
  );
});
afterAll(() => fake.close());
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
  fake.hits.length = 0;
  validKeys.clear();
});

function setup() {
  const cipher = createTestCipher();
  const r = makeAccountsRig({ freshdeskOrigin: fake.origin, cipher });
  rigs.push(r);
  const issue = () => {
    const k = canaryKey();
    validKeys.add(k);
    return k;
  };
  return { r, cipher, issue };
}

describe('credentials() cache', () => {
  it('decrypts once for repeated calls and returns the same key and stamp', async () => {
    const { r, cipher, issue } = setup();
    const key = issue();
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: key });
    const before = cipher.calls.decrypt;
    const first = await r.accounts.credentials('alice');
    const again = await r.accounts.credentials('alice');
    const third = await r.accounts.credentials('alice');
    expect(cipher.calls.decrypt - before).toBe(1);
    expect(first.ok && again.ok && third.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.creds).toEqual(first.creds);
    expect(again.creds.apiKey).toBe(key);
    // callers get their own object: changing it cannot change what the next call gets
    again.creds.apiKey = 'changed';
    const fourth = await r.accounts.credentials('alice');
    expect(fourth.ok && fourth.creds.apiKey).toBe(key);
    expect(r.surfaces()).not.toContain(key);
  });

  it('re-authorize with a new key: the next call returns the new key', async () => {
    const { r, issue } = setup();
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: issue() });
    await r.accounts.credentials('alice');
    const newKey = issue();
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: newKey });
    const c = await r.accounts.credentials('alice');
    expect(c.ok && c.creds.apiKey).toBe(newKey);
  });

  it('revoke and disconnect take effect on the very next call', async () => {
    const { r, issue } = setup();
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: issue() });
    await r.accounts.authorize('bob', { subdomain: 'globex', apiKey: issue() });
    await r.accounts.credentials('alice');
    await r.accounts.credentials('bob');
    await r.accounts.markRevoked('alice', 'Freshdesk rejected the API key (HTTP 401).');
    expect(await r.accounts.credentials('alice')).toMatchObject({ ok: false, kind: 'revoked' });
    await r.accounts.disconnect('bob');
    expect(await r.accounts.credentials('bob')).toMatchObject({ ok: false, kind: 'not_connected' });
  });

  it("another profile's ciphertext swapped in while the key is cached → fails closed, never the cached or the other key", async () => {
    const { r, issue } = setup();
    const aliceKey = issue();
    const bobKey = issue();
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: aliceKey });
    await r.accounts.authorize('bob', { subdomain: 'globex', apiKey: bobKey });
    expect((await r.accounts.credentials('alice')).ok).toBe(true);
    const bob = r.vault.profiles.get('bob')!;
    r.vault.profiles.update('alice', (cur) => ({ ...cur!, freshdesk: bob.freshdesk }));
    const c = await r.accounts.credentials('alice');
    expect(c).toEqual({ ok: false, kind: 'revoked', message: expect.stringMatching(/belongs to another profile/) });
    expect((await r.accounts.get('bob'))?.status).toBe('ACTIVE');
  });

  it('a keychain that stops working is reported even while the key is cached', async () => {
    const { r, cipher, issue } = setup();
    await r.accounts.authorize('alice', { subdomain: 'acme', apiKey: issue() });
    expect((await r.accounts.credentials('alice')).ok).toBe(true);
    cipher.setStatus({ available: false, reason: 'The keyring is locked. Unlock it and try again.' });
    expect(await r.accounts.credentials('alice')).toMatchObject({
      ok: false,
      kind: 'not_connected',
      message: expect.stringMatching(/keyring is locked/),
    });
    cipher.setStatus({ available: true });
    expect((await r.accounts.credentials('alice')).ok).toBe(true);
    expect((await r.accounts.get('alice'))?.status).toBe('ACTIVE');
  });
});
