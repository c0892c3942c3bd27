// The vault store in the app: electron-store (`vault.json` in userData, mode 0600). Opened only
// after app ready, through the same corrupt-file handling as the Node twin (./node-store).
import path from 'node:path';
import { app, ipcMain } from 'electron';
import Store from 'electron-store';
import { openJsonStore, type OpenedStore } from './open-json-store';
import { VAULT_STORE_NAME, vaultStoreOptions } from './store-options';

export type { OpenedStore } from './open-json-store';

/** electron-store answers this channel for stores opened in a renderer; ours has none, and the
 *  listener checks no sender, so it is removed once the store is open (electron-store adds it
 *  only once per process). */
export const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

export function openVaultStore(opts: { cwd?: string } = {}): OpenedStore {
  const cwd = opts.cwd ?? app.getPath('userData');
  try {
    return openJsonStore({
      filePath: path.join(cwd, `${VAULT_STORE_NAME}.json`),
      open: () => new Store<Record<string, unknown>>({ ...vaultStoreOptions, name: VAULT_STORE_NAME, cwd }),
    });
  } finally {
    ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL);
  }
}
