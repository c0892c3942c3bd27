// The vault store in the app: electron-store (`vault.json` in userData, mode 0600). Opened only
// after app ready, through the same corrupt-file handling as the Node twin (./node-store).
import path from 'node:path';
import { app } from 'electron';
import Store from 'electron-store';
import { openJsonStore, type OpenedStore } from './open-json-store';
import { VAULT_STORE_NAME, vaultStoreOptions } from './store-options';

export type { OpenedStore } from './open-json-store';

export function openVaultStore(opts: { cwd?: string } = {}): OpenedStore {
  const cwd = opts.cwd ?? app.getPath('userData');
  return openJsonStore({
    filePath: path.join(cwd, `${VAULT_STORE_NAME}.json`),
    open: () => new Store<Record<string, unknown>>({ ...vaultStoreOptions, name: VAULT_STORE_NAME, cwd }),
  });
}
