// One test world: the sandbox helpdesk on loopback (and, when asked, the fake Messages API),
// with the control routes every suite needs. Integration suites, the e2e harness and the
// benchmarks all start their helpdesk here (vitest suites through ./use-world, which adds the
// hooks for one world per file). Canary keys come from here too. No test runner is imported
// here, so Playwright and the benchmarks can use it as well.
import { randomBytes } from 'node:crypto';
import {
  startSandbox,
  type RequestLogEntry,
  type RunningSandbox,
  type SandboxAccountInfo,
  type SandboxAgentInfo,
  type SandboxOptions,
} from '../../src-main/sandbox';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic';

export type { RunningSandbox, RequestLogEntry, SandboxAccountInfo, SandboxAgentInfo };

/** A secret that must never show up anywhere but the request it is meant for. */
export function canaryKey(prefix = ''): string {
  return `${prefix}CANARY${randomBytes(10).toString('hex')}`;
}

/** An Anthropic-shaped canary key. */
export const canaryAnthropicKey = (): string => canaryKey('sk-ant-api03-');

export interface SandboxFault {
  subdomain?: string;
  count?: number;
  kind: 'latency' | 'status' | 'drop' | 'malformed' | 'slow_body';
  status?: number;
  ms?: number;
  retryAfter?: number;
}

export interface World {
  sandbox: RunningSandbox;
  port: number;
  /** the fake Messages API, when the world was started with `anthropic: true` */
  fake: FakeAnthropic;
  /** freshdeskOrigin for a sandbox account, e.g. http://acme.localhost:PORT */
  origin(subdomain?: string): string;
  account(subdomain?: string): SandboxAccountInfo;
  agent(subdomain: string, index: number): SandboxAgentInfo;
  /** a control route of the sandbox (`/_sandbox/…`); the parsed JSON answer */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  requests(subdomain?: string): Promise<RequestLogEntry[]>;
  /** clears the request log (of one account, or of all when no subdomain is given) */
  clearRequests(subdomain?: string): Promise<void>;
  fault(f: SandboxFault): Promise<void>;
  clearFaults(): Promise<void>;
  limits(subdomain: string, l: { perMinute?: number; windowMs?: number }): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions extends Omit<SandboxOptions, 'port'> {
  /** start the fake Messages API too */
  anthropic?: boolean;
}

export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const { anthropic, ...sandboxOptions } = opts;
  const sandbox = await startSandbox({ seed: 42, ...sandboxOptions, port: 0 });
  let fake: FakeAnthropic | undefined;
  try {
    if (anthropic) fake = await startFakeAnthropic();
  } catch (err) {
    await sandbox.close();
    throw err;
  }

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox control ${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : undefined;
  };

  const world: World = {
    sandbox,
    port: sandbox.port,
    get fake(): FakeAnthropic {
      if (!fake) throw new Error('this world has no fake Messages API: start it with { anthropic: true }');
      return fake;
    },
    origin: (subdomain = 'acme') => `http://${subdomain}.localhost:${sandbox.port}`,
    account(subdomain = 'acme') {
      const a = sandbox.accounts.find((x) => x.subdomain === subdomain);
      if (!a) throw new Error(`the sandbox has no account "${subdomain}"`);
      return a;
    },
    agent: (subdomain, index) => world.account(subdomain).agents[index]!,
    control,
    requests: async (subdomain = 'acme') =>
      (await control('GET', `/_sandbox/requests?subdomain=${encodeURIComponent(subdomain)}`)) as RequestLogEntry[],
    clearRequests: async (subdomain) => {
      await control(
        'DELETE',
        subdomain === undefined ? '/_sandbox/requests' : `/_sandbox/requests?subdomain=${encodeURIComponent(subdomain)}`,
      );
    },
    fault: async (f) => {
      await control('POST', '/_sandbox/faults', { subdomain: 'acme', ...f });
    },
    clearFaults: async () => {
      await control('DELETE', '/_sandbox/faults');
    },
    limits: async (subdomain, l) => {
      await control('PUT', `/_sandbox/accounts/${subdomain}/limits`, l);
    },
    async close() {
      await fake?.close();
      await sandbox.close();
    },
  };
  return world;
}
