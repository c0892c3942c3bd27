// What happens when the network or Freshdesk misbehaves (sandbox faults): reads are retried,
// writes are never repeated once Freshdesk may have them, and nothing is posted twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ToolResult } from '../../../src-main/core/types';
import { sleep, startToolsRig, type CoreRig, type ToolsRig } from './setup';
import { startSandbox } from '../../../src-main/sandbox';
import { makeTestCore } from '../../helpers/core';

let rig: ToolsRig;
let c: CoreRig;
let ticketId: number;

beforeAll(async () => {
  rig = await startToolsRig();
  await rig.limits('acme', { perMinute: 100_000 });
  c = await rig.core(['agent'], { requestTimeoutMs: 400 });
  const t = await c.core.tools.execute('agent', 'freshdesk_ticket_create', {
    email: 'rel@example.org',
    subject: 'Reliability',
    description: 'd',
  });
  if (!t.ok) throw new Error(t.error.message);
  ticketId = (t.data as { id: number }).id;
});
afterAll(() => rig.close());
beforeEach(async () => {
  await rig.clearFaults();
  await rig.clearRequests();
});

const run = (tool: string, input: unknown, opts?: { signal?: AbortSignal }) => c.core.tools.execute('agent', tool, input, opts);
const kind = (r: ToolResult) => (r.ok ? 'ok' : r.error.kind);
const calls = async (method?: string) =>
  (await rig.requests()).filter((e) => !method || e.method === method).map((e) => `${e.method} ${e.path} ${e.status}`);

async function replyBodies(): Promise<string[]> {
  const r = await run('freshdesk_ticket_get', { ticket_id: ticketId, include: 'conversations' });
  if (!r.ok) throw new Error(r.error.message);
  return ((r.data as { conversations: { body_text: string }[] }).conversations ?? []).map((x) => x.body_text);
}

describe('timeouts', () => {
  it('a write that times out after sending is uncertain and is not repeated', async () => {
    await rig.fault({ kind: 'latency', ms: 900 });
    const started = Date.now();
    const r = await run('freshdesk_tickets_reply', { ticket_id: ticketId, body: 'Sent once despite a timeout' });
    expect(Date.now() - started).toBeLessThan(850);
    expect(kind(r)).toBe('uncertain');
    expect(!r.ok && r.error.message).toMatch(/reply may or may not have been posted/);
    await sleep(700); // the sandbox finishes handling it after the latency
    expect(await calls('POST')).toEqual([`POST /api/v2/tickets/${ticketId}/reply 201`]);
    expect((await replyBodies()).filter((b) => b.includes('Sent once despite a timeout'))).toHaveLength(1);
  });

  it('a read that times out is reported as timeout', async () => {
    await rig.fault({ kind: 'latency', ms: 700 });
    const r = await run('freshdesk_ticket_get', { ticket_id: ticketId });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout', message: expect.stringMatching(/400 ms/) } });
    await sleep(400);
  });

  it('a body that trickles in too slowly times out too', async () => {
    await rig.fault({ kind: 'slow_body', ms: 700 });
    expect(kind(await run('freshdesk_tickets_list', { per_page: 1 }))).toBe('timeout');
    await sleep(400);
  });

  it('a cancelled call returns at once', async () => {
    await rig.fault({ kind: 'latency', ms: 350 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const started = Date.now();
    const r = await run('freshdesk_ticket_get', { ticket_id: ticketId }, { signal: ac.signal });
    expect(Date.now() - started).toBeLessThan(300);
    expect(r).toMatchObject({ ok: false, error: { kind: 'network', code: 'cancelled' } });
    await sleep(350);
  });
});

describe('429', () => {
  it('a reply refused with 429 waits for Retry-After and is then posted exactly once', async () => {
    await rig.fault({ kind: 'status', status: 429, retryAfter: 1 });
    const r = await run('freshdesk_tickets_reply', { ticket_id: ticketId, body: 'Posted after a 429' });
    expect(r.ok).toBe(true);
    expect(r.ok && r.meta.waitedMs).toBeGreaterThanOrEqual(900);
    expect(await calls('POST')).toEqual([`POST /api/v2/tickets/${ticketId}/reply 429`, `POST /api/v2/tickets/${ticketId}/reply 201`]);
    expect((await replyBodies()).filter((b) => b.includes('Posted after a 429'))).toHaveLength(1);
  });

  it('a Retry-After longer than the app waits → rate_limited at once, nothing changed', async () => {
    const t = await rig.core(['admin']);
    await rig.fault({ kind: 'status', status: 429, retryAfter: 3600 });
    const started = Date.now();
    const r = await t.core.tools.execute('admin', 'freshdesk_ticket_update', { ticket_id: ticketId, priority: 4 });
    expect(Date.now() - started).toBeLessThan(500);
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'rate_limited', retryAfterSeconds: 3600, message: expect.stringMatching(/Nothing was changed/) },
    });
    // the helpdesk is paused for this core: a second call does not hit Freshdesk either
    await rig.clearRequests();
    expect(kind(await t.core.tools.execute('admin', 'freshdesk_roles_list', {}))).toBe('rate_limited');
    expect(await calls()).toEqual([]);
  });
});

describe('server errors and broken connections', () => {
  it('reads are retried on 5xx with backoff', async () => {
    await rig.fault({ kind: 'status', status: 502, count: 1 });
    const r = await run('freshdesk_ticket_get', { ticket_id: ticketId });
    expect(kind(r)).toBe('ok');
    expect(await calls('GET')).toEqual([`GET /api/v2/tickets/${ticketId} 502`, `GET /api/v2/tickets/${ticketId} 200`]);
  });

  it('a read that keeps failing with 5xx gives up after 2 retries → server', async () => {
    await rig.fault({ kind: 'status', status: 503, count: 5 });
    const started = Date.now();
    const r = await run('freshdesk_ticket_get', { ticket_id: ticketId });
    expect(Date.now() - started).toBeGreaterThanOrEqual(750); // 200 + 600 ms backoff
    expect(r).toMatchObject({ ok: false, error: { kind: 'server', status: 503, requestId: expect.any(String) } });
    expect(await calls('GET')).toHaveLength(3);
  });

  it('a write that gets a 5xx is not repeated', async () => {
    await rig.fault({ kind: 'status', status: 500, count: 3 });
    const r = await run('freshdesk_ticket_update', { ticket_id: ticketId, priority: 2 });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'server', status: 500, message: expect.stringMatching(/may or may not have been saved/) },
    });
    expect(await calls('PUT')).toHaveLength(1);
  });

  it('a dropped connection: reads retry, writes report uncertain and are sent once', async () => {
    await rig.fault({ kind: 'drop' });
    expect(kind(await run('freshdesk_tickets_list', { per_page: 1 }))).toBe('ok');
    await rig.fault({ kind: 'drop' });
    const w = await run('freshdesk_ticket_create', { email: 'drop@example.org', subject: 'Dropped', description: 'd' });
    expect(kind(w)).toBe('uncertain');
    expect(await calls('POST')).toEqual(['POST /api/v2/tickets 0']);
  });

  it('an unreadable answer: reads retry; a write is uncertain, not "done"', async () => {
    await rig.fault({ kind: 'malformed' });
    expect(kind(await run('freshdesk_ticket_get', { ticket_id: ticketId }))).toBe('ok');
    await rig.fault({ kind: 'malformed' });
    expect(kind(await run('freshdesk_tickets_reply', { ticket_id: ticketId, body: 'garbled' }))).toBe('uncertain');
    expect(await calls('POST')).toHaveLength(1);
  });

  it('a refused connection: reads and writes are retried (nothing was received), then network', async () => {
    const gone = await startSandbox({ port: 0, seed: 1, ticketsPerAccount: 5 });
    const info = gone.accounts.find((a) => a.subdomain === 'acme')!;
    const t = await makeTestCore({ log: () => {} });
    try {
      const origin = `http://acme.localhost:${gone.port}`;
      await t.core.accounts.connectSandbox('p', { subdomain: 'acme', apiKey: info.agents[0]!.apiKey, origin });
      await gone.close();
      const started = Date.now();
      const read = await t.core.tools.execute('p', 'freshdesk_tickets_list', {});
      const write = await t.core.tools.execute('p', 'freshdesk_ticket_create', { email: 'x@example.org', subject: 's', description: 'd' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_500); // both backed off twice
      expect(read).toMatchObject({
        ok: false,
        error: { kind: 'network', code: 'ECONNREFUSED', message: expect.stringMatching(/refused the connection/) },
      });
      expect(write).toMatchObject({ ok: false, error: { kind: 'network', code: 'ECONNREFUSED' } });
      // a network failure is never mistaken for revocation
      expect((await t.core.accounts.get('p'))?.status).toBe('ACTIVE');
      expect(JSON.stringify([read, write])).not.toContain(info.agents[0]!.apiKey);
    } finally {
      await t.cleanup();
    }
  });
});
