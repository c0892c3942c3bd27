// The two Electron adapters with a mocked `electron` module: the safeStorage cipher's backend
// logic, and the electron-store vault (run for real on conf underneath, in a temp dir).
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const state = {
    ready: true,
    available: true,
    backend: 'gnome_libsecret' as string,
    userData: '',
    backendCalls: 0,
  };
  const app = {
    isReady: () => state.ready,
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected path ${name}`);
      return state.userData;
    },
    getVersion: () => '0.1.0',
  };
  const safeStorage = {
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: () => {
      state.backendCalls++;
      return state.backend;
    },
    // reversible stand-in; the point here is which calls are allowed, not the crypto
    encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
    decryptString: (b: Buffer) => {
      const t = b.toString();
      if (!t.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(t.slice(4), 'base64').toString();
    },
  };
  const ipcMain = { on: () => {}, handle: () => {}, removeAllListeners: () => {} };
  const shell = { openPath: async () => '' };
  return { state, app, safeStorage, ipcMain, shell };
});

vi.mock('electron', () => {
  const { app, safeStorage, ipcMain, shell } = electron;
  return { app, safeStorage, ipcMain, shell, default: { app, safeStorage, ipcMain, shell } };
});

const { createSafeStorageCipher } = await import('../../../src-main/platform/safe-storage-cipher');
const { openVaultStore } = await import('../../../src-main/platform/store');
const { createVault } = await import('../../../src-main/core/vault');

beforeEach(() => {
  Object.assign(electron.state, { ready: true, available: true, backend: 'gnome_libsecret', backendCalls: 0 });
});

describe('safeStorage cipher', () => {
  it('touches safeStorage lazily: building it calls nothing', () => {
    electron.state.ready = false;
    createSafeStorageCipher({ platform: 'linux' });
    expect(electron.state.backendCalls).toBe(0);
  });

  it('is unavailable before app ready, without asking safeStorage', () => {
    electron.state.ready = false;
    const cipher = createSafeStorageCipher({ platform: 'linux' });
    const s = cipher.status();
    expect(s.available).toBe(false);
    if (!s.available) expect(s.reason).toMatch(/finished starting/);
    expect(electron.state.backendCalls).toBe(0);
    expect(() => cipher.encrypt('x')).toThrow(/finished starting/);
  });

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])('Linux %s is strong', (backend) => {
    electron.state.backend = backend;
    expect(createSafeStorageCipher({ platform: 'linux' }).status()).toEqual({ available: true, backend });
  });

  it.each(['basic_text', 'unknown'])('Linux %s is reported weak', (backend) => {
    electron.state.backend = backend;
    expect(createSafeStorageCipher({ platform: 'linux' }).status()).toEqual({ available: true, weak: true, backend });
  });

  it('macOS reports the keychain, Windows DPAPI', () => {
    expect(createSafeStorageCipher({ platform: 'darwin' }).status()).toEqual({ available: true, backend: 'keychain' });
    expect(createSafeStorageCipher({ platform: 'win32' }).status()).toEqual({ available: true, backend: 'dpapi' });
  });

  it('no encryption at all: unavailable with a platform-specific way out', () => {
    electron.state.available = false;
    const linux = createSafeStorageCipher({ platform: 'linux' }).status();
    expect(linux).toMatchObject({ available: false, backend: 'gnome_libsecret' });
    if (!linux.available) expect(linux.reason).toMatch(/GNOME Keyring/);
    const mac = createSafeStorageCipher({ platform: 'darwin' }).status();
    if (!mac.available) expect(mac.reason).toMatch(/Keychain/);
  });

  it('round-trips through safeStorage when available', () => {
    const cipher = createSafeStorageCipher({ platform: 'linux' });
    expect(cipher.decrypt(cipher.encrypt('hello'))).toBe('hello');
  });

  it('the vault refuses a basic_text backend until weak storage is allowed', () => {
    electron.state.backend = 'basic_text';
    const dir = mkdtempSync(path.join(tmpdir(), 'vault-electron-'));
    try {
      electron.state.userData = dir;
      const { store } = openVaultStore();
      const vault = createVault({ store, cipher: createSafeStorageCipher({ platform: 'linux' }), now: Date.now, log: () => {} });
      expect(vault.cipherStatus()).toMatchObject({ available: false, backend: 'basic_text' });
      expect(() => vault.freshdesk.seal('alice', { apiKey: 'k1234567890', subdomain: 'acme' })).toThrow(/keyring/);
      vault.settings.update({ allowWeakStorage: true });
      expect(vault.cipherStatus()).toEqual({ available: true, weak: true, backend: 'basic_text' });
      expect(vault.freshdesk.seal('alice', { apiKey: 'k1234567890', subdomain: 'acme' }).format).toBe('triage-desk/secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('electron-store vault', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vault-electron-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <userData>/vault.json with mode 0600', () => {
    electron.state.userData = dir;
    const { store, path: file, notices } = openVaultStore();
    expect(notices).toEqual([]);
    expect(file).toBe(path.join(dir, 'vault.json'));
    store.set('settings', { model: 'm' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).settings).toEqual({ model: 'm' });
  });

  it('moves a corrupt file aside and starts empty, with a notice', () => {
    electron.state.userData = dir;
    writeFileSync(path.join(dir, 'vault.json'), '{ not json');
    const { store, notices } = openVaultStore();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/not valid JSON/);
    expect(store.get('settings')).toBeUndefined();
    const kept = readdirSync(dir).filter((f) => f.startsWith('vault.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(dir, kept[0]), 'utf8')).toBe('{ not json');
  });
});
