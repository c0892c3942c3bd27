import type { AddressInfo } from 'node:net';
import { createSandboxServer } from './server.js';
import { SandboxState, type SandboxAccountInfo } from './state.js';

export type { SandboxAccountInfo, SandboxAgentInfo } from './state.js';
export type { AccountFixtures, RequestLogEntry } from './account.js';

/**
 * The sandbox helpdesk: a stateful Freshdesk API v2 simulator on plain node:http.
 *
 * Accounts: `acme` (plan trial, 50/min, first account: bare IP / localhost Host goes here) and
 * `globex` (plan growth, 200/min with endpoint sub-limits). Reach them as
 * http://acme.localhost:PORT or with `Host: acme.freshdesk.com`.
 *
 * Every account has the same cast, in this order in `accounts[i].agents` (emails shown for acme;
 * globex uses grace/hiro/ines/jon/kai/lena/milo/nora @globex.example):
 *   0 ava.admin@acme.example           Account Administrator, scope 1 (global); the "complete" profile
 *   1 ben.administrator@acme.example   Administrator, scope 1
 *   2 cara.supervisor@acme.example     Supervisor, scope 2 (group: Billing, Technical Support)
 *   3 dan.agent@acme.example           Agent, scope 1
 *   4 eve.groupagent@acme.example      Agent, scope 2 (group: Technical Support)
 *   5 finn.restricted@acme.example     Agent, scope 3 (restricted: only tickets assigned to him)
 *   6 gia.readonly@acme.example        "Read-only Triage" custom role, scope 1: may view and update
 *                                      tickets, may NOT reply (403), create/delete tickets or contacts
 *   7 hal.occasional@acme.example      Agent, scope 1, occasional
 * Admin-only endpoints (agents, roles) work for agents 0 and 1 only.
 * `fixtures` holds ids of special tickets (hostile HTML, prompt injection, a rich resolved ticket,
 * a >10-conversation thread, spam, deleted) and keys that must fail (a customer's, a former agent's).
 */

export interface SandboxOptions {
  port?: number;
  host?: string;
  seed?: number;
  ticketsPerAccount?: number;
  /** Rate-limit window for every account (default 60000 ms). */
  windowMs?: number;
  /** Overrides every account's plan total and removes endpoint sub-limits (for suites not about limits). */
  perMinute?: number;
  now?: () => number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  accounts: SandboxAccountInfo[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const state = new SandboxState({
    seed: options.seed ?? 42,
    ticketsPerAccount: options.ticketsPerAccount ?? 200,
    windowMs: options.windowMs ?? 60_000,
    ...(options.perMinute !== undefined ? { perMinute: options.perMinute } : {}),
    now: options.now ?? Date.now,
  });
  const timers = new Set<NodeJS.Timeout>();
  const server = createSandboxServer({ state, timers });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    accounts: state.info(),
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
