import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src-main/sandbox/index.js';

/** Real HTTP over loopback. node:http (not fetch) so tests can set the Host header. */

export type Sandbox = RunningSandbox;

/**
 * A decoded response body. Tests check bodies field by field against the reference, so a loose
 * type is used on purpose (the one `any` in these tests).
 */
export type Loose = any;

export interface ApiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: Loose;
}

export interface CallOptions {
  method?: string;
  /** API key; null sends no Authorization header. */
  key?: string | null;
  /** Host header (default: the sandbox's 127.0.0.1:PORT, i.e. the first account). */
  host?: string;
  /** JSON body (serialized, with Content-Type: application/json). */
  body?: unknown;
  /** Raw body, sent as is (no Content-Type added unless given in headers). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// A copy of the public Freshdesk sample bodies (test/fixtures/freshdesk; see its README), kept in the repo so any clone can test.
export const fixturesDir = path.resolve(repoRoot, 'test', 'fixtures', 'freshdesk');

export function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:X`).toString('base64')}`;
}

export class SandboxClient {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  constructor(readonly sandbox: Sandbox) {}

  call(pathAndQuery: string, opts: CallOptions = {}): Promise<ApiResponse> {
    const url = new URL(this.sandbox.url);
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    let payload: string | Buffer | undefined;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    } else if (opts.rawBody !== undefined) payload = opts.rawBody;
    if (opts.key) headers.Authorization = basic(opts.key);
    if (opts.host) headers.Host = opts.host;
    if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, method: opts.method ?? 'GET', path: pathAndQuery, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Control endpoint call (JSON in, JSON out). */
  control(method: string, pathAndQuery: string, body?: unknown): Promise<ApiResponse> {
    return this.call(pathAndQuery, body === undefined ? { method } : { method, body });
  }

  close(): void {
    this.agent.destroy();
  }
}

export async function startForTest(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; client: SandboxClient }> {
  const sandbox = await startSandbox({ perMinute: 100_000, ...options });
  return { sandbox, client: new SandboxClient(sandbox) };
}

/** One sandbox and client per test file: started before the first test (handed to `started`
 *  with the acme cast), closed after the last. */
export function useSandboxSuite(started: (s: { sandbox: Sandbox; client: SandboxClient; c: ReturnType<typeof cast> }) => void): void {
  let running: { sandbox: Sandbox; client: SandboxClient } | undefined;
  beforeAll(async () => {
    running = await startForTest();
    started({ ...running, c: cast(running.sandbox) });
  });
  afterAll(async () => {
    running?.client.close();
    await running?.sandbox.close();
  });
}

/** The seeded cast of one account, by role. */
export function cast(sandbox: Sandbox, subdomain = 'acme') {
  const account = sandbox.accounts.find((a) => a.subdomain === subdomain);
  if (!account) throw new Error(`no account ${subdomain}`);
  const byEmailPrefix = (suffix: string) => {
    const a = account.agents.find((x) => x.email.split('@')[0]?.endsWith(suffix));
    if (!a) throw new Error(`no agent *${suffix} in ${subdomain}`);
    return a;
  };
  return {
    account,
    accountAdmin: byEmailPrefix('.admin'),
    admin: byEmailPrefix('.administrator'),
    supervisor: byEmailPrefix('.supervisor'),
    agent: byEmailPrefix('.agent'),
    groupAgent: byEmailPrefix('.groupagent'),
    restricted: byEmailPrefix('.restricted'),
    readOnly: byEmailPrefix('.readonly'),
    occasional: byEmailPrefix('.occasional'),
  };
}
