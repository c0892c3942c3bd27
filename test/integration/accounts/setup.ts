// The account service built directly from its real parts (conf file + AES-GCM test cipher +
// the real Freshdesk client over HTTP), with every event and log line captured so tests can
// prove no secret ever reaches them.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAccountService } from '../../../src-main/core/accounts';
import { createFreshdeskClient } from '../../../src-main/core/freshdesk/client';
import type { AccountService, CoreEvent, FreshdeskClient, SecretCipher } from '../../../src-main/core/types';
import { createVault, type Vault } from '../../../src-main/core/vault';
import { openConfStore } from '../../../src-main/platform/node-store';
import { createTestCipher } from '../../helpers/cipher';

export { canaryKey } from '../../helpers/world';

export interface AccountsRig {
  accounts: AccountService;
  /** the client the service uses (its rate governor state is this rig's own) */
  client: FreshdeskClient;
  vault: Vault;
  cipher: SecretCipher;
  dir: string;
  file: string;
  events: CoreEvent[];
  logs: string[];
  clock: { now: number };
  /** everything a secret must never appear in: file bytes, events, log lines */
  surfaces(): string;
  /** the same vault file opened again (an app restart) */
  reopen(opts?: { cipher?: SecretCipher }): AccountsRig;
  close(): void;
}

export function makeAccountsRig(opts: {
  freshdeskOrigin: (sub: string) => string;
  cipher?: SecretCipher;
  client?: FreshdeskClient;
  dir?: string;
  clock?: { now: number };
}): AccountsRig {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'accounts-'));
  const opened = openConfStore({ cwd: dir });
  const cipher = opts.cipher ?? createTestCipher();
  const clock = opts.clock ?? { now: Date.parse('2026-03-01T09:00:00Z') };
  const now = () => clock.now;
  const events: CoreEvent[] = [];
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);
  const vault = createVault({ store: opened.store, cipher, now, log });
  // No retries and no waiting out 429s: each test sees exactly one exchange per call.
  const client =
    opts.client ?? createFreshdeskClient({ timeoutMs: 3000, now, retryDelaysMs: [], maxRateLimitRetries: 0, maxRateLimitWaitMs: 0 });
  const accounts = createAccountService({ vault, client, freshdeskOrigin: opts.freshdeskOrigin, now, log, emit: (e) => events.push(e) });
  const rig: AccountsRig = {
    accounts,
    client,
    vault,
    cipher,
    dir,
    file: opened.path,
    events,
    logs,
    clock,
    surfaces: () =>
      [
        existsSync(opened.path) ? readFileSync(opened.path, 'latin1') : '',
        JSON.stringify(events),
        logs.join('\n'),
        ...opened.notices,
        ...vault.notices(),
      ].join('\n'),
    reopen: (o = {}) => makeAccountsRig({ ...opts, dir, clock, cipher: o.cipher ?? cipher }),
    close: () => {
      if (!opts.client) client.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Runs `fn`, expects a CoreError-like rejection, returns it. */
export async function rejection(p: Promise<unknown>): Promise<Error & { code: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code: string };
  }
  throw new Error('expected a rejection');
}

export interface FakeHit {
  subdomain: string;
  method: string;
  path: string;
  apiKey: string;
}
export type FakeAnswer = {
  status: number;
  body?: string;
  json?: unknown;
  headers?: Record<string, string>;
  hang?: boolean;
  delayMs?: number;
};

/** A tiny stand-in helpdesk over real HTTP for answers the sandbox does not give (HTML, 5xx…). */
export async function startFakeHelpdesk(answer: (hit: FakeHit) => FakeAnswer) {
  const hits: FakeHit[] = [];
  let current = answer;
  const server = http.createServer((req, res) => {
    const host = String(req.headers.host ?? '');
    const auth = String(req.headers.authorization ?? '');
    const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString() : '';
    const hit: FakeHit = {
      subdomain: host.split('.')[0],
      method: req.method ?? '',
      path: req.url ?? '',
      apiKey: decoded.replace(/:X$/, ''),
    };
    hits.push(hit);
    const a = current(hit);
    if (a.hang) return;
    const body = a.json !== undefined ? JSON.stringify(a.json) : (a.body ?? '');
    const reply = () => {
      res.writeHead(a.status, { 'content-type': a.json !== undefined ? 'application/json; charset=utf-8' : 'text/html', ...a.headers });
      res.end(body);
    };
    if (a.delayMs) setTimeout(reply, a.delayMs);
    else reply();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    hits,
    origin: (sub: string) => `http://${sub}.localhost:${port}`,
    answer(next: (hit: FakeHit) => FakeAnswer) {
      current = next;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const agentMe = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  ticket_scope: 1,
  role_ids: [101],
  group_ids: [],
  contact: { name: `Agent ${id}`, email: `agent${id}@example.com` },
  ...extra,
});
