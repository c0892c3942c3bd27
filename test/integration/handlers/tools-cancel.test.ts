// tools:cancel over the IPC handler table: a queue load the window no longer wants (the agent
// switched views) stops at once instead of waiting on a slow Freshdesk or the rate governor.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { useWorld } from '../../helpers/use-world';
import { windowContext } from '../../helpers/window';

const world = useWorld();
let t: TestCore;
let ctx: HandlerContext;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await makeTestCore({ freshdeskOrigin: (sub) => world.origin(sub) });
  const agent = world.sandbox.accounts[0].agents[0];
  const added = await t.core.accounts.authorize('Ben', { subdomain: 'acme', apiKey: agent.apiKey });
  expect(added).toMatchObject({ status: 'ACTIVE' });
  ctx = windowContext(t.core, { session: { activeProfile: 'Ben' } });
});
afterAll(async () => {
  await t?.cleanup();
});

async function fault(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${world.sandbox.url}/_sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subdomain: 'acme', count: 1, ...body }),
  });
  expect(res.ok).toBe(true);
}

it('a read held by a slow Freshdesk resolves at once as cancelled when the window cancels it', async () => {
  await fault({ kind: 'latency', ms: 1500 });
  const started = Date.now();
  const pending = dispatch(
    'tools:execute',
    { name: 'freshdesk_tickets_list', input: { filter: 'new_and_my_open', per_page: 30, page: 1 }, requestId: 'queue-view-1' },
    ctx,
  );
  expect(ctx.session.toolCalls?.has('queue-view-1')).toBe(true);
  await sleep(200); // the request is at the sandbox, held by the latency fault
  expect(await dispatch('tools:cancel', { requestId: 'queue-view-1' }, ctx)).toEqual({ ok: true, data: { cancelled: true } });
  const result = await pending;
  expect(Date.now() - started).toBeLessThan(1000);
  expect(result).toEqual({
    ok: true,
    data: {
      ok: false,
      tool: 'freshdesk_tickets_list',
      error: expect.objectContaining({ kind: 'network', code: 'cancelled', message: 'Cancelled.' }),
    },
  });
  // the entry is gone: cancelling again finds nothing
  expect(ctx.session.toolCalls?.size).toBe(0);
  expect(await dispatch('tools:cancel', { requestId: 'queue-view-1' }, ctx)).toEqual({ ok: true, data: { cancelled: false } });
  await sleep(1400); // let the sandbox finish the held request before the next test
});

it('a finished call leaves nothing to cancel; calls without an id still run', async () => {
  const withId = await dispatch('tools:execute', { name: 'freshdesk_roles_list', input: {}, requestId: 'roles_1' }, ctx);
  expect(withId).toMatchObject({ ok: true, data: { ok: true } });
  expect(ctx.session.toolCalls?.size).toBe(0);
  expect(await dispatch('tools:cancel', { requestId: 'roles_1' }, ctx)).toEqual({ ok: true, data: { cancelled: false } });
  expect(await dispatch('tools:execute', { name: 'freshdesk_roles_list', input: {} }, ctx)).toMatchObject({ ok: true, data: { ok: true } });
});

it('a request id that is not a short plain token is refused before anything runs', async () => {
  for (const requestId of ['', 'has space', 'x'.repeat(65), 'semi;colon']) {
    const r = await dispatch('tools:execute', { name: 'freshdesk_roles_list', input: {}, requestId }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^requestId: /) } });
  }
  expect(await dispatch('tools:cancel', { requestId: 'a/b' }, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
});

it('a second call under a running id is refused with a clear message; the first is not disturbed', async () => {
  await fault({ kind: 'latency', ms: 400 });
  const first = dispatch('tools:execute', { name: 'freshdesk_roles_list', input: {}, requestId: 'dup' }, ctx);
  const second = await dispatch('tools:execute', { name: 'freshdesk_roles_list', input: {}, requestId: 'dup' }, ctx);
  expect(second).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/still running/) } });
  expect(await first).toMatchObject({ ok: true, data: { ok: true } });
  expect(ctx.session.toolCalls?.size).toBe(0);
});

it('a call the rate governor is holding is cancelled in the queue: it never reaches Freshdesk', async () => {
  // A helpdesk budget of 1 per minute, spent by one call: the governor now holds the next call
  // until the window ends (a minute). A queue load superseded meanwhile must leave that queue.
  const limits = await fetch(`${world.sandbox.url}/_sandbox/accounts/acme/limits`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ perMinute: 1, windowMs: 60_000 }),
  });
  expect(limits.ok).toBe(true);
  expect(await dispatch('tools:execute', { name: 'freshdesk_roles_list', input: {}, requestId: 'spend' }, ctx)).toMatchObject({
    ok: true,
    data: { ok: true, meta: { rateLimit: { total: 1, remaining: 0 } } },
  });
  await fetch(`${world.sandbox.url}/_sandbox/requests?subdomain=acme`, { method: 'DELETE' });

  const waiting: number[] = [];
  const off = t.core.onEvent((e) => {
    if (e.type === 'rate_limit' && e.subdomain === 'acme') waiting.push(e.waitingCalls);
  });
  try {
    const started = Date.now();
    const pending = dispatch(
      'tools:execute',
      { name: 'freshdesk_tickets_list', input: { filter: 'new_and_my_open', per_page: 30, page: 1 }, requestId: 'held-1' },
      ctx,
    );
    await expect.poll(() => waiting.at(-1), { timeout: 3000 }).toBe(1);
    expect(await dispatch('tools:cancel', { requestId: 'held-1' }, ctx)).toEqual({ ok: true, data: { cancelled: true } });
    const result = await pending;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({
      ok: true,
      data: { ok: false, tool: 'freshdesk_tickets_list', error: { kind: 'network', code: 'cancelled' } },
    });
    await expect.poll(() => waiting.at(-1), { timeout: 3000 }).toBe(0);
    // nothing was sent: the sandbox never saw the call
    const log = (await (await fetch(`${world.sandbox.url}/_sandbox/requests?subdomain=acme`)).json()) as unknown[];
    expect(log).toEqual([]);
    expect(ctx.session.toolCalls?.size).toBe(0);
  } finally {
    off();
  }
});
