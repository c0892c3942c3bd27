// The MCP rig: the sandbox helpdesk, the real core with a data folder, one profile connected as
// a sandbox agent, and the MCP SDK's own Client over Streamable HTTP to core.mcp.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startSandbox } from '../../../src-main/sandbox';
import type { CoreEvent } from '../../../src-main/core/types';
import { makeTestCore, type TestCore } from '../../helpers/core';

export interface McpRig {
  sandbox: Awaited<ReturnType<typeof startSandbox>>;
  t: TestCore;
  dataDir: string;
  logs: string[];
  events: CoreEvent[];
  /** the profile's Freshdesk key: must never leave main */
  apiKey: string;
  profile: string;
  connectClient(url: string, token: string, name?: string): Promise<Client>;
  requests(): Promise<{ method: string; path: string; status: number }[]>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

export async function startMcpRig(opts: { agentIndex?: number } = {}): Promise<McpRig> {
  const sandbox = await startSandbox({ port: 0, seed: 42, perMinute: 10_000 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'triage-mcp-'));
  const logs: string[] = [];
  const events: CoreEvent[] = [];
  const t = await makeTestCore({ dataDir, freshdeskOrigin: (sub) => `http://${sub}.localhost:${sandbox.port}`, log: (l) => logs.push(l) });
  t.core.onEvent((e) => events.push(e));
  const agent = sandbox.accounts.find((a) => a.subdomain === 'acme')!.agents[opts.agentIndex ?? 0]!;
  const profile = 'alice';
  await t.core.accounts.connectSandbox(profile, {
    subdomain: 'acme',
    apiKey: agent.apiKey,
    origin: `http://acme.localhost:${sandbox.port}`,
  });
  const clients: Client[] = [];
  const control = (method: string, p: string) =>
    new Promise<unknown>((resolve, reject) => {
      const req = http.request(new URL(p, sandbox.url), { method }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve(text ? JSON.parse(text) : undefined);
        });
      });
      req.on('error', reject);
      req.end();
    });
  return {
    sandbox,
    t,
    dataDir,
    logs,
    events,
    apiKey: agent.apiKey,
    profile,
    async connectClient(url, token, name = 'Claude Code') {
      const client = new Client({ name, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
      );
      clients.push(client);
      return client;
    },
    requests: async () => (await control('GET', '/_sandbox/requests?subdomain=acme')) as { method: string; path: string; status: number }[],
    clearRequests: async () => {
      await control('DELETE', '/_sandbox/requests');
    },
    async close() {
      for (const c of clients) await c.close().catch(() => undefined);
      await t.cleanup();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A raw HTTP request to the endpoint with exactly these headers (Host included). */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(url), { method: opts.method ?? 'POST', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

export async function until<T>(get: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
