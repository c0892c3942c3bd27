// A chat rig: the real core (makeTestCore: conf file + AES-GCM cipher) connected to the sandbox
// helpdesk over loopback, with Claude pointed at the fake Messages API. One world (sandbox and
// fake, from test/helpers/world) per test file; a fresh core per test.
import http from 'node:http';
import { expect } from 'vitest';
import type { ChatEvent } from '../../../src-shared/contract/chat';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { useWorld } from '../../helpers/use-world';
import { canaryAnthropicKey, type World } from '../../helpers/world';

export type { World };
export { canaryAnthropicKey };

/**
 * The chat suites' world, one per file: the sandbox (a generous budget: these suites are about
 * chat, not the rate governor) and the fake Messages API. After each test: `before`, the test's
 * rig cleaned up, `after`, then every scripted answer must have been used.
 */
export function useChatWorld(
  currentRig: () => ChatRig | undefined,
  hooks: { before?: (world: World) => unknown; after?: (world: World) => unknown } = {},
): World {
  return useWorld({
    anthropic: true,
    perMinute: 10_000,
    async afterEach(world) {
      await hooks.before?.(world);
      await currentRig()?.cleanup();
      await hooks.after?.(world);
      expect(world.fake.remaining()).toBe(0);
      world.fake.requests.length = 0;
    },
  });
}

export interface ChatRig {
  t: TestCore;
  events: ChatEvent[];
  logs: string[];
  anthropicKey: string;
  /** connects `identifier` as the sandbox agent at `agentIndex` of `subdomain` and sets its Claude key */
  connect(identifier: string, agentIndex: number, subdomain?: string): Promise<void>;
  /** the next event matching `pred` (already seen ones count) */
  waitFor<T extends ChatEvent['type']>(
    type: T,
    pred?: (e: Extract<ChatEvent, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<ChatEvent, { type: T }>>;
  cleanup(): Promise<void>;
}

export async function makeChatRig(world: World): Promise<ChatRig> {
  const logs: string[] = [];
  const t = await makeTestCore({
    anthropicBaseURL: world.fake.url,
    freshdeskOrigin: (sub) => world.origin(sub),
    requestTimeoutMs: 5_000,
    log: (l) => logs.push(l),
  });
  const events: ChatEvent[] = [];
  const waiters = new Set<() => void>();
  t.core.chat.onEvent((e) => {
    events.push(e);
    for (const w of [...waiters]) w();
  });
  const anthropicKey = canaryAnthropicKey();
  return {
    t,
    events,
    logs,
    anthropicKey,
    async connect(identifier, agentIndex, subdomain = 'acme') {
      const agent = world.agent(subdomain, agentIndex);
      const connected = await t.core.accounts.authorize(identifier, { subdomain, apiKey: agent.apiKey });
      expect(connected.status).toBe('ACTIVE');
      await t.core.chat.setApiKey(identifier, anthropicKey);
    },
    waitFor(type, pred = () => true, timeoutMs = 5_000) {
      type E = Extract<ChatEvent, { type: typeof type }>;
      const find = () => events.find((e): e is E => e.type === type && pred(e as E));
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const e = find();
          if (e) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(e);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} event within ${timeoutMs} ms; saw: ${events.map((e) => e.type).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    cleanup: () => t.cleanup(),
  };
}

export interface SandboxRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  agentId: number | null;
}

export const sandboxControl = (world: World, method: string, path: string, body?: unknown): Promise<unknown> =>
  world.control(method, path, body);

export const sandboxRequests = async (world: World, subdomain = 'acme') => (await world.requests(subdomain)) as unknown as SandboxRequest[];

export const clearSandboxRequests = (world: World) => world.clearRequests();

/** GET straight from the sandbox with an agent's key (what Freshdesk itself would send). */
export async function rawFreshdeskGet(world: World, subdomain: string, apiKey: string, pathAndQuery: string): Promise<string> {
  const url = new URL(pathAndQuery, world.sandbox.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        headers: {
          host: `${subdomain}.localhost:${world.sandbox.port}`,
          authorization: `Basic ${Buffer.from(`${apiKey}:X`).toString('base64')}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
