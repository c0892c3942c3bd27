// Profiles over the IPC handler table: picking a profile re-checks its key in the background, so
// a key reset while the app was closed shows as REVOKED before the agent acts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkEvent, dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import type { EventName } from '../../../src-shared/contract';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { useWorld } from '../../helpers/use-world';
import { windowContext } from '../../helpers/window';

const world = useWorld();
let t: TestCore;

beforeAll(async () => {
  t = await makeTestCore({ freshdeskOrigin: (sub) => world.origin(sub) });
});
afterAll(async () => {
  await t?.cleanup();
});

function openWindow(): { ctx: HandlerContext; pushed: Array<{ event: string; payload: unknown }> } {
  const pushed: Array<{ event: string; payload: unknown }> = [];
  const ctx = windowContext(t.core, {
    emit(event: EventName, payload: unknown) {
      const checked = checkEvent(event, payload);
      if (checked.ok) pushed.push({ event, payload: checked.payload });
    },
  });
  return { ctx, pushed };
}

const requests = (): Promise<Array<{ path: string; status: number }>> => world.requests('acme');

it('switching to a profile whose key was reset meanwhile marks it REVOKED and tells the window', async () => {
  const agent = world.sandbox.accounts[0].agents[2];
  await t.core.accounts.authorize('Mia', { subdomain: 'acme', apiKey: agent.apiKey });
  // "the app was closed": the core stops, the key is reset in Freshdesk, the app starts again
  await t.core.close();
  await world.control('POST', `/_sandbox/accounts/acme/agents/${agent.id}/reset-key`);
  await world.clearRequests();
  const first = t;
  t = await makeTestCore({
    dir: first.dir,
    cipher: first.cipher,
    freshdeskOrigin: (sub) => `http://${sub}.localhost:${world.sandbox.port}`,
  });
  const win = openWindow();
  expect((await dispatch('profiles:list', undefined, win.ctx)).ok).toBe(true);
  const switched = await dispatch('profiles:switch', { identifier: 'Mia' }, win.ctx);
  expect(switched).toMatchObject({ ok: true, data: { profile: { status: 'ACTIVE' } } });
  await expect.poll(async () => (await t.core.accounts.get('Mia'))?.status).toBe('REVOKED');
  await expect.poll(() => win.pushed.some((e) => e.event === 'account:status' && JSON.stringify(e.payload).includes('REVOKED'))).toBe(true);
  const checks = async () => (await requests()).filter((r) => r.path === '/api/v2/agents/me');
  expect(await checks()).toEqual([expect.objectContaining({ status: 401 })]);
  // a REVOKED profile is not checked again; switching back asks Freshdesk nothing
  await dispatch('profiles:switch', { identifier: 'Mia' }, win.ctx);
  expect(await checks()).toHaveLength(1);
  await t.cleanup();
  await first.cleanup();
});
