// makeTestCore: the real core on a real `conf` file in a fresh temp dir, with the real
// AES-256-GCM test cipher — what tests, the harness and benchmarks drive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTriageCore, type TriageCore } from '../../src-main/core';
import type { CoreOptions, SecretCipher } from '../../src-main/core/types';
import { openConfStore } from '../../src-main/platform/node-store';
import { createTestCipher } from './cipher';

export interface TestCoreOptions extends Partial<Omit<CoreOptions, 'store' | 'cipher' | 'startupNotices'>> {
  /** use this folder (kept on cleanup) instead of a new temp dir (removed on cleanup) */
  dir?: string;
  /** default: a new AES-256-GCM test cipher; pass one to reopen the same vault */
  cipher?: SecretCipher;
}

export interface TestCore {
  core: TriageCore;
  dir: string;
  /** the vault file (…/vault.json) */
  storePath: string;
  cipher: SecretCipher;
  /** notices from opening the store (corrupt file moved aside, …) */
  notices: string[];
  /** closes the core; removes the dir when makeTestCore created it */
  cleanup(): Promise<void>;
}

export async function makeTestCore(opts: TestCoreOptions = {}): Promise<TestCore> {
  const { dir: givenDir, cipher: givenCipher, ...coreOptions } = opts;
  const dir = givenDir ?? mkdtempSync(path.join(tmpdir(), 'triage-core-'));
  const opened = openConfStore({ cwd: dir, now: coreOptions.now });
  const cipher = givenCipher ?? createTestCipher();
  const core = createTriageCore({
    log: () => {},
    ...coreOptions,
    store: opened.store,
    cipher,
    startupNotices: opened.notices,
  });
  let closed = false;
  return {
    core,
    dir,
    storePath: opened.path,
    cipher,
    notices: opened.notices,
    async cleanup() {
      if (closed) return;
      closed = true;
      await core.close();
      if (!givenDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
