import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault, type Vault } from '../../../src-main/core/vault';
import { CoreError, type CipherStatus, type SecretCipher } from '../../../src-main/core/types';
import { openConfStore } from '../../../src-main/platform/node-store';
import { createTestCipher } from '../../helpers/cipher';
import { canaryKey } from '../../helpers/world';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openVault(opts: { dir?: string; cipher?: SecretCipher } = {}) {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'vault-unit-'));
  if (!opts.dir) dirs.push(dir);
  const opened = openConfStore({ cwd: dir });
  const lines: string[] = [];
  const cipher = opts.cipher ?? createTestCipher();
  const vault = createVault({ store: opened.store, cipher, now: () => Date.parse('2026-03-01T10:00:00Z'), log: (l) => lines.push(l) });
  return { vault, dir, file: opened.path, lines, cipher, notices: opened.notices };
}

/** A profile record, as accounts.getOrCreate makes it: secrets are only added to existing ones. */
const addProfile = (vault: ReturnType<typeof openVault>['vault'], identifier: string) =>
  vault.profiles.update(identifier, () => ({ identifier, status: 'PENDING', updatedAt: '2026-03-01T10:00:00.000Z' }));

const canary = () => canaryKey();

function expectCoreError(fn: () => unknown, code: string, message?: RegExp): CoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe(code);
    if (message) expect((err as CoreError).message).toMatch(message);
    return err as CoreError;
  }
  throw new Error(`expected CoreError ${code}`);
}

function sealConnection(vault: Vault, identifier: string, apiKey: string, subdomain = 'acme') {
  const sealed = vault.freshdesk.seal(identifier, { apiKey, subdomain });
  vault.profiles.update(identifier, () => ({ identifier, status: 'ACTIVE', subdomain, updatedAt: 'x', freshdesk: sealed }));
}

describe('vault file', () => {
  it('is created with mode 0600 and never holds a key in plain text', () => {
    const { vault, file } = openVault();
    const key = canary();
    sealConnection(vault, 'alice', key);
    vault.anthropicKey.set('alice', `sk-ant-${key}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    expect(bytes.includes(key)).toBe(false);
    expect(bytes.toString('latin1')).not.toContain(key);
    // the plain subdomain is there for display
    expect(bytes.toString('utf8')).toContain('"subdomain": "acme"');
  });

  it('re-opens with the same cipher after a restart', () => {
    const first = openVault();
    const key = canary();
    sealConnection(first.vault, 'alice', key);
    const second = openVault({ dir: first.dir, cipher: first.cipher });
    const rec = second.vault.profiles.get('alice');
    expect(second.vault.freshdesk.open('alice', rec?.freshdesk)).toEqual({ ok: true, data: { apiKey: key, subdomain: 'acme' } });
  });
});

describe('cipher status', () => {
  it('refuses a weak cipher unless the person opted in, and says how to fix it', () => {
    const weak = createTestCipher({ status: { available: true, weak: true, backend: 'basic_text' } });
    const { vault, file } = openVault({ cipher: weak });
    const status = vault.cipherStatus();
    expect(status.available).toBe(false);
    if (!status.available) {
      expect(status.backend).toBe('basic_text');
      expect(status.reason).toMatch(/keyring/);
      expect(status.reason).toMatch(/Settings/);
    }
    const key = canary();
    expectCoreError(() => vault.freshdesk.seal('alice', { apiKey: key, subdomain: 'acme' }), 'encryption_unavailable', /keyring/);
    expectCoreError(() => vault.anthropicKey.set('alice', `sk-ant-${key}`), 'encryption_unavailable');
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '').not.toContain(key);

    vault.settings.update({ allowWeakStorage: true });
    expect(vault.cipherStatus()).toEqual({ available: true, weak: true, backend: 'basic_text' });
    sealConnection(vault, 'alice', key);
    expect(vault.freshdesk.open('alice', vault.profiles.get('alice')?.freshdesk).ok).toBe(true);
  });

  it('an unavailable cipher: nothing is stored, the reason is passed on, stored keys are not touched', async () => {
    const cipher = createTestCipher();
    const { vault, file } = openVault({ cipher });
    const key = canary();
    sealConnection(vault, 'alice', key);
    const before = readFileSync(file, 'utf8');
    const down: CipherStatus = { available: false, reason: 'No keyring is running. Install and unlock GNOME Keyring.' };
    cipher.setStatus(down);
    expect(vault.cipherStatus()).toEqual(down);
    expectCoreError(
      () => vault.freshdesk.seal('bob', { apiKey: canary(), subdomain: 'globex' }),
      'encryption_unavailable',
      /GNOME Keyring/,
    );
    await expect(vault.drafts.save('alice', 1, { body: 'hi', cc: [], bcc: [] })).rejects.toMatchObject({ code: 'encryption_unavailable' });
    expect(vault.freshdesk.open('alice', vault.profiles.get('alice')?.freshdesk)).toEqual({ ok: false, failure: 'unavailable' });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a cipher whose status() throws counts as unavailable instead of crashing', () => {
    const broken: SecretCipher = {
      status: () => {
        throw new Error('boom');
      },
      encrypt: () => Buffer.alloc(0),
      decrypt: () => '',
    };
    const { vault } = openVault({ cipher: broken });
    expect(vault.cipherStatus().available).toBe(false);
  });
});

describe('anthropic key', () => {
  it('is stored sealed per profile; status says only configured', () => {
    const { vault, file } = openVault();
    addProfile(vault, 'alice');
    const key = `sk-ant-${canary()}`;
    expect(vault.anthropicKey.status('alice')).toEqual({ configured: false });
    vault.anthropicKey.set('alice', `  ${key} `);
    expect(vault.anthropicKey.status('alice')).toEqual({ configured: true });
    expect(vault.anthropicKey.status('bob')).toEqual({ configured: false });
    expect(vault.anthropicKey.get('alice')).toBe(key);
    expect(vault.anthropicKey.get('bob')).toBeUndefined();
    expect(readFileSync(file, 'utf8')).not.toContain(key);
    vault.anthropicKey.set('alice', null);
    expect(vault.anthropicKey.status('alice')).toEqual({ configured: false });
    expect(vault.anthropicKey.get('alice')).toBeUndefined();
  });

  it('rejects keys with spaces or too short, without echoing them', () => {
    const { vault } = openVault();
    const err = expectCoreError(() => vault.anthropicKey.set('alice', 'CANARY with space'), 'invalid_key', /console\.anthropic\.com/);
    expect(err.message).not.toContain('CANARY');
    expectCoreError(() => vault.anthropicKey.set('alice', 'short'), 'invalid_key');
  });
});

describe('drafts', () => {
  it('are sealed per profile and ticket and survive a restart', async () => {
    const first = openVault();
    addProfile(first.vault, 'alice');
    const body = `Dear customer, ${canary()}`;
    const saved = await first.vault.drafts.save('alice', 42, { body, cc: ['a@example.com'], bcc: [] });
    expect(saved).toEqual({ body, cc: ['a@example.com'], bcc: [], updatedAt: '2026-03-01T10:00:00.000Z' });
    expect(readFileSync(first.file, 'utf8')).not.toContain(body);
    const second = openVault({ dir: first.dir, cipher: first.cipher });
    expect(await second.vault.drafts.get('alice', 42)).toEqual(saved);
    expect(await second.vault.drafts.get('alice', 43)).toBeUndefined();
    expect(await second.vault.drafts.get('bob', 42)).toBeUndefined();
    await second.vault.drafts.save('alice', 42, { body: 'v2', cc: [], bcc: [] });
    expect((await second.vault.drafts.get('alice', 42))?.body).toBe('v2');
    await second.vault.drafts.delete('alice', 42);
    expect(await second.vault.drafts.get('alice', 42)).toBeUndefined();
  });

  it('a draft moved to another ticket does not open there', async () => {
    const { vault } = openVault();
    addProfile(vault, 'alice');
    await vault.drafts.save('alice', 1, { body: 'for ticket 1', cc: [], bcc: [] });
    vault.profiles.update('alice', (cur) => ({ ...cur!, drafts: cur!.drafts!.map((d) => ({ ...d, ticketId: 2 })) }));
    expect(await vault.drafts.get('alice', 2)).toBeUndefined();
  });

  it('rejects a bad ticket number with a clear message', async () => {
    const { vault } = openVault();
    await expect(vault.drafts.save('alice', 0, { body: 'x', cc: [], bcc: [] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(vault.drafts.get('alice', 1.5)).rejects.toThrow(/positive whole number/);
  });
});

describe('settings', () => {
  it('has plain defaults and persists updates', () => {
    const first = openVault();
    expect(first.vault.settings.get()).toEqual({ model: 'claude-sonnet-4-6', allowWeakStorage: false, autoApproveTools: [] });
    first.vault.settings.update({ model: 'claude-opus-4-1', autoApproveTools: ['freshdesk_ticket_update', 'freshdesk_ticket_update'] });
    const second = openVault({ dir: first.dir, cipher: first.cipher });
    expect(second.vault.settings.get()).toEqual({
      model: 'claude-opus-4-1',
      allowWeakStorage: false,
      autoApproveTools: ['freshdesk_ticket_update'],
    });
  });

  it('refuses invalid values and the never-auto-approved tools', () => {
    const { vault } = openVault();
    expectCoreError(() => vault.settings.update({ model: '' }), 'invalid_input', /model/);
    for (const model of ['claude sonnet', 'https://evil.example/v1', '../x', 'a'.repeat(101)]) {
      expectCoreError(() => vault.settings.update({ model }), 'invalid_input', /model/);
    }
    expectCoreError(() => vault.settings.update({ autoApproveTools: ['freshdesk_agent_create'] }), 'invalid_input', /always asks/);
    expectCoreError(() => vault.settings.update({ autoApproveTools: ['freshdesk_tickets_reply'] }), 'invalid_input', /always asks/);
    expectCoreError(() => vault.settings.update({ autoApproveTools: ['freshdesk_agent_delete'] }), 'invalid_input', /always asks/);
    expect(vault.settings.get().autoApproveTools).toEqual([]);
  });

  it('unreadable saved settings fall back to defaults with a notice', () => {
    const { vault, dir, cipher } = openVault();
    vault.settings.update({ allowWeakStorage: true });
    const file = path.join(dir, 'vault.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.settings = { model: 42 };
    writeFileSync(file, JSON.stringify(json));
    const again = openVault({ dir, cipher });
    expect(again.vault.settings.get().allowWeakStorage).toBe(false);
    expect(again.vault.notices().join(' ')).toMatch(/settings were not readable/);
  });
});

describe('damaged records', () => {
  it('a damaged record fails closed as REVOKED, other profiles work, and the damaged data stays in the file', () => {
    const { vault, dir, cipher } = openVault();
    sealConnection(vault, 'alice', canary());
    sealConnection(vault, 'bob', canary(), 'globex');
    const file = path.join(dir, 'vault.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.profiles[0].status = 'SUPERUSER';
    writeFileSync(file, JSON.stringify(json));

    const again = openVault({ dir, cipher });
    const alice = again.vault.profiles.get('alice');
    expect(alice?.status).toBe('REVOKED');
    expect(alice?.statusReason).toMatch(/damaged/);
    expect(again.vault.profiles.get('bob')?.status).toBe('ACTIVE');
    expect(again.vault.notices().join(' ')).toMatch(/"alice" is damaged/);
    // writing another profile keeps the damaged record as it was
    again.vault.anthropicKey.set('bob', 'sk-ant-0123456789');
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles[0].status).toBe('SUPERUSER');
  });

  it('a profiles value that is not a list is kept aside, not overwritten', () => {
    const { dir, cipher } = openVault();
    const file = path.join(dir, 'vault.json');
    writeFileSync(file, JSON.stringify({ profiles: { alice: 'weird' } }));
    const { vault } = openVault({ dir, cipher });
    expect(vault.profiles.list()).toEqual([]);
    expect(vault.notices().join(' ')).toMatch(/kept aside/);
    vault.profiles.update('carol', () => ({ identifier: 'carol', status: 'PENDING', updatedAt: 'x' }));
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const keptKey = Object.keys(json).find((k) => k.startsWith('profilesUnreadable-'));
    expect(keptKey).toBeDefined();
    expect(json[keptKey!]).toEqual({ alice: 'weird' });
  });

  it('refuses identifiers that are empty, too long or contain control characters', () => {
    const { vault } = openVault();
    expectCoreError(() => vault.profiles.update('', (c) => c!), 'invalid_input');
    expectCoreError(() => vault.profiles.update('a\nb', (c) => c!), 'invalid_input');
    expectCoreError(() => vault.profiles.update('x'.repeat(201), (c) => c!), 'invalid_input');
  });

  it('profile names with dots or __proto__ are plain names', () => {
    const { vault, dir, cipher } = openVault();
    vault.profiles.update('jane.doe@example.com', () => ({ identifier: 'jane.doe@example.com', status: 'PENDING', updatedAt: 'x' }));
    vault.profiles.update('__proto__', () => ({ identifier: '__proto__', status: 'PENDING', updatedAt: 'x' }));
    const again = openVault({ dir, cipher });
    expect(again.vault.profiles.list().map((p) => p.identifier)).toEqual(['jane.doe@example.com', '__proto__']);
  });
});
