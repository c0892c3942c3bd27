// One benchmark environment: the test world (the sandbox helpdesk on loopback and its control
// routes, test/helpers/world) and fresh on-disk core instances (conf store + AES-GCM cipher, as
// in the tests). Every measurement function takes this env, so the runner and the smoke test
// share it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTestCore, type TestCore, type TestCoreOptions } from '../../test/helpers/core';
import {
  startWorld,
  type RequestLogEntry,
  type RunningSandbox,
  type SandboxAccountInfo,
  type SandboxAgentInfo,
} from '../../test/helpers/world';

export type { TestCore };
export type SandboxAccount = SandboxAccountInfo;
export type SandboxAgent = SandboxAgentInfo;

export type SandboxRequestLogEntry = RequestLogEntry;

/** Limit high enough that no benchmark but the governor one ever meets it. */
export const UNLIMITED_PER_MINUTE = 100_000_000;

export interface BenchEnv {
  sandbox: RunningSandbox;
  port: number;
  account(subdomain: string): SandboxAccount;
  /** an agent of `subdomain` whose key reads tickets (the first admin, else the first agent) */
  agent(subdomain: string, index?: number): SandboxAgent;
  origin(subdomain: string): string;
  setLimits(subdomain: string, perMinute: number, windowMs?: number): Promise<void>;
  clearRequestLog(): Promise<void>;
  requestLog(subdomain: string): Promise<SandboxRequestLogEntry[]>;
  /** a new, empty directory removed on close */
  tempDir(label: string): string;
  close(): Promise<void>;
}

export async function openBenchEnv(opts: { seed?: number } = {}): Promise<BenchEnv> {
  const world = await startWorld({ seed: opts.seed ?? 42 });
  const dirs: string[] = [];

  const env: BenchEnv = {
    sandbox: world.sandbox,
    port: world.port,
    account: (subdomain) => world.account(subdomain),
    agent(subdomain, index = 0) {
      const agents = env.account(subdomain).agents;
      const readers = agents.filter((a) => a.ticketScope === 1);
      const pool = readers.length > 0 ? readers : agents;
      return pool[index % pool.length];
    },
    origin: (subdomain) => world.origin(subdomain),
    setLimits: (subdomain, perMinute, windowMs = 60_000) => world.limits(subdomain, { perMinute, windowMs }),
    clearRequestLog: () => world.clearRequests(),
    requestLog: (subdomain) => world.requests(subdomain),
    tempDir(label) {
      const d = mkdtempSync(path.join(tmpdir(), `triage-bench-${label}-`));
      dirs.push(d);
      return d;
    },
    async close() {
      await world.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
  return env;
}

export interface BenchCore extends TestCore {
  close(): Promise<void>;
}

/** A fresh core on its own conf file (removed with the env), pointed at the sandbox. */
export async function newBenchCore(env: BenchEnv, label: string, opts: Omit<TestCoreOptions, 'dir'> = {}): Promise<BenchCore> {
  const made = await makeTestCore({ freshdeskOrigin: env.origin, ...opts, dir: env.tempDir(label) });
  return { ...made, close: () => made.cleanup() };
}
