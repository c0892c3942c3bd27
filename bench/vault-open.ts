// Start-up cost of the vault: a workstation shared by many agents keeps many profiles. The core
// must open with 50 stored profiles (cipher status, one store read, parse the records) without
// decrypting any key: a key is decrypted only for the call that uses it.
import { createTestCipher } from '../test/helpers/cipher';
import { makeTestCore } from '../test/helpers/core';
import { UNLIMITED_PER_MINUTE, type BenchEnv } from './lib/env';
import { nowMs } from './lib/stats';

export interface VaultOpenOptions {
  profiles?: number;
  /** timed starts (each one a sample) */
  opens?: number;
  /** untimed starts first */
  warmup?: number;
}

export interface VaultOpenSample {
  /** one figure per timed start: open store + createTriageCore + accounts.list() */
  open_ms: number[];
  /** cipher.decrypt calls during all timed starts together */
  decrypts_on_open: number;
  profiles: number;
}

export async function measureVaultOpen(env: BenchEnv, opts: VaultOpenOptions = {}): Promise<VaultOpenSample> {
  const profiles = opts.profiles ?? 50;
  const opens = opts.opens ?? 30;
  const warmup = opts.warmup ?? 3;
  await env.setLimits('acme', UNLIMITED_PER_MINUTE);
  const dir = env.tempDir('vault');
  const cipher = createTestCipher();

  // 50 profiles connected the real way (key check against the sandbox, sealed, written).
  const seeding = await makeTestCore({ dir, cipher, freshdeskOrigin: env.origin });
  try {
    for (let i = 0; i < profiles; i++) {
      await seeding.core.accounts.authorize(`agent-${String(i + 1).padStart(2, '0')}`, {
        subdomain: 'acme',
        apiKey: env.agent('acme', i).apiKey,
      });
    }
  } finally {
    await seeding.cleanup();
  }

  const samples: number[] = [];
  let decrypts = 0;
  for (let i = 0; i < warmup + opens; i++) {
    const before = cipher.calls.decrypt;
    const t0 = nowMs();
    const started = await makeTestCore({ dir, cipher, freshdeskOrigin: env.origin });
    const listed = await started.core.accounts.list();
    const dt = nowMs() - t0;
    const used = cipher.calls.decrypt - before;
    await started.cleanup();
    if (listed.length !== profiles) throw new Error(`expected ${profiles} stored profiles after a restart, found ${listed.length}`);
    if (listed.some((a) => a.status !== 'ACTIVE')) throw new Error('a stored profile did not come back ACTIVE after a restart');
    if (i >= warmup) {
      samples.push(dt);
      decrypts += used;
    }
  }
  return { open_ms: samples, decrypts_on_open: decrypts, profiles };
}
