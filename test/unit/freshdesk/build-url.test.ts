// buildUrl keeps every request on the profile's own origin before the key is attached: a path
// like "//evil.example/x" would otherwise resolve to another host and carry the key there.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUrl, createFreshdeskClient } from '../../../src-main/core/freshdesk/client';

let server: http.Server;
let origin: string;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.headers.host} ${req.url} ${req.headers.authorization ? 'with key' : 'no key'}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('buildUrl', () => {
  it('stays on the origin', () => {
    expect(buildUrl('https://acme.freshdesk.com', { path: '/api/v2/tickets/1', query: { include: 'stats' } }).href).toBe(
      'https://acme.freshdesk.com/api/v2/tickets/1?include=stats',
    );
  });

  it.each([
    '//evil.example/api/v2/tickets',
    'https://evil.example/x',
    '\\\\evil.example/x',
    '/\\evil.example/x',
    'http://acme.freshdesk.com/x',
  ])('refuses a path that leaves it: %s', (path) => {
    expect(() => buildUrl('https://acme.freshdesk.com', { path })).toThrow(/leaves the helpdesk address/);
  });

  it('the client sends nothing (and no key) for such a path', async () => {
    const client = createFreshdeskClient({ timeoutMs: 2000, retryDelaysMs: [] });
    const creds = { identifier: 'p', subdomain: 'acme', apiKey: 'CANARYkey123', origin };
    const ok = await client.request(creds, { method: 'GET', path: '/api/v2/agents/me', safeToRetry: true });
    expect(ok.kind).toBe('response');
    const refused = await client.request(creds, {
      method: 'GET',
      path: `//127.0.0.2:${new URL(origin).port}/api/v2/agents/me`,
      safeToRetry: true,
    });
    expect(refused).toMatchObject({ kind: 'failure', code: 'foreign_path' });
    expect(hits).toEqual([`127.0.0.1:${new URL(origin).port} /api/v2/agents/me with key`]);
    client.close();
  });
});
