// The vault store under plain Node (tests, the browser harness, benchmarks): `conf`, the engine
// electron-store wraps, with the same file name, format, mode and corrupt-file handling as the
// app. `conf` is a devDependency and nothing in the Electron main bundle imports this file
// (the app uses ./store); it sits here because it is the Node twin of that adapter.
import path from 'node:path';
import Conf from 'conf';
import { openJsonStore, type OpenedStore } from './open-json-store';
import { VAULT_STORE_NAME, vaultStoreOptions } from './store-options';

export interface OpenConfStoreOptions {
  /** the folder the file goes in (a fresh temp dir in tests) */
  cwd: string;
  /** file name without extension; default 'vault' */
  name?: string;
  now?: () => number;
}

export function openConfStore(opts: OpenConfStoreOptions): OpenedStore {
  const name = opts.name ?? VAULT_STORE_NAME;
  return openJsonStore({
    filePath: path.join(opts.cwd, `${name}.json`),
    open: () => new Conf<Record<string, unknown>>({ ...vaultStoreOptions, cwd: opts.cwd, configName: name }),
    now: opts.now,
  });
}
