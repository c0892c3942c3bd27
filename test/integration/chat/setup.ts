// A chat rig: the real core (makeTestCore: conf file + AES-GCM cipher) connected to the sandbox
// helpdesk over loopback, with Claude pointed at the fake Messages API. One sandbox and one fake
// per test file; a fresh core per test.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { expect } from 'vitest';
import { startSandbox } from '../../../src-main/sandbox';
import type { ChatEvent } from '../../../src-shared/contract/chat';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface World {
  sandbox: Sandbox;
  fake: FakeAnthropic;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  // A generous budget: these suites are about chat, not the rate governor.
  const sandbox = await startSandbox({ port: 0, seed: 42, perMinute: 10_000 });
  const fake = await startFakeAnthropic();
  return {
    sandbox,
    fake,
    async close() {
      await fake.close();
      await sandbox.close();
    },
  };
}

/** A key that must never show up anywhere but the Authorization header sent to Anthropic. */
export const canaryAnthropicKey = () => `sk-ant-api03-CANARY${randomBytes(12).toString('hex')}`;

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
    freshdeskOrigin: (sub) => `http://${sub}.localhost:${world.sandbox.port}`,
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
      const account = world.sandbox.accounts.find((a) => a.subdomain === subdomain)!;
      const agent = account.agents[agentIndex];
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

export async function sandboxControl(world: World, method: string, path: string, body?: unknown): Promise<unknown> {
  const url = new URL(path, world.sandbox.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve(text ? JSON.parse(text) : undefined);
          } catch {
            resolve(text);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const sandboxRequests = async (world: World, subdomain = 'acme') =>
  (await sandboxControl(world, 'GET', `/_sandbox/requests?subdomain=${subdomain}`)) as SandboxRequest[];

export const clearSandboxRequests = (world: World) => sandboxControl(world, 'DELETE', '/_sandbox/requests');

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
