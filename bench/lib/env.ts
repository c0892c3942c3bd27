// One benchmark environment: the sandbox helpdesk on loopback, a bare client for its control
// routes, and fresh on-disk core instances (conf store + AES-GCM cipher, as in the tests).
// Every measurement function takes this env, so the runner and the smoke test share it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type RequestLogEntry } from '../../src-main/sandbox';
import { makeTestCore, type TestCore, type TestCoreOptions } from '../../test/helpers/core';
import { createBareClient, type BareClient } from './bare-http';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type { TestCore };
export type SandboxAccount = Sandbox['accounts'][number];
export type SandboxAgent = SandboxAccount['agents'][number];

export type SandboxRequestLogEntry = RequestLogEntry;

/** Limit high enough that no benchmark but the governor one ever meets it. */
export const UNLIMITED_PER_MINUTE = 100_000_000;

export interface BenchEnv {
  sandbox: Sandbox;
  port: number;
  /** bare client for control routes (a new connection per call) */
  control: BareClient;
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
  const sandbox = await startSandbox({ port: 0, seed: opts.seed ?? 42 });
  const port = sandbox.port;
  const control = createBareClient({ port, keepAlive: false });
  const dirs: string[] = [];

  const expectOk = async (what: string, p: Promise<{ status: number; body: string }>) => {
    const r = await p;
    if (r.status < 200 || r.status >= 300) throw new Error(`sandbox ${what} answered ${r.status}: ${r.body.slice(0, 200)}`);
    return r;
  };

  const env: BenchEnv = {
    sandbox,
    port,
    control,
    account(subdomain) {
      const a = sandbox.accounts.find((x) => x.subdomain === subdomain);
      if (!a) throw new Error(`the sandbox has no account "${subdomain}"`);
      return a;
    },
    agent(subdomain, index = 0) {
      const agents = env.account(subdomain).agents;
      const readers = agents.filter((a) => a.ticketScope === 1);
      const pool = readers.length > 0 ? readers : agents;
      return pool[index % pool.length];
    },
    origin: (subdomain) => `http://${subdomain}.localhost:${port}`,
    async setLimits(subdomain, perMinute, windowMs = 60_000) {
      await expectOk('limits', control.request('PUT', `/_sandbox/accounts/${subdomain}/limits`, { body: { perMinute, windowMs } }));
    },
    async clearRequestLog() {
      await expectOk('request log reset', control.request('DELETE', '/_sandbox/requests'));
    },
    async requestLog(subdomain) {
      const r = await expectOk('request log', control.request('GET', `/_sandbox/requests?subdomain=${encodeURIComponent(subdomain)}`));
      return JSON.parse(r.body) as SandboxRequestLogEntry[];
    },
    tempDir(label) {
      const d = mkdtempSync(path.join(tmpdir(), `triage-bench-${label}-`));
      dirs.push(d);
      return d;
    },
    async close() {
      control.close();
      await sandbox.close();
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
