// A call whose signal is already aborted when it reaches the transport (e.g. one signal shared by
// several calls: aborting it frees a governor slot for a later waiter before that waiter's own
// abort listener runs) must come back as `aborted` without opening a request. Destroying a
// request before its 'error' listener is attached used to throw "socket hang up" out of the
// process (found by `npm run bench`, governor measurement).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTransport, parseOrigin } from '../../../src-main/core/freshdesk/transport';

let server: http.Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('a call cancelled before it is sent opens no request and throws nothing', async () => {
  const transport = createTransport();
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  try {
    const cancelled = new AbortController();
    cancelled.abort();
    const r = await transport.send({
      method: 'GET',
      origin: parseOrigin(`http://127.0.0.1:${port}`),
      path: '/api/v2/tickets/1',
      apiKey: 'canary-key',
      signal: cancelled.signal,
      timeoutMs: 1000,
    });
    expect(r).toMatchObject({ kind: 'failure', failure: 'aborted', mayHaveBeenReceived: false });
    // a destroyed request reports its error on a later tick
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught).toEqual([]);
    expect(hits).toBe(0);
  } finally {
    process.off('uncaughtException', onUncaught);
    transport.close();
  }
});
