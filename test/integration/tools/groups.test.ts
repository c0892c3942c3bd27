// The group picker's read: the helpdesk's groups by name through the same credentials, governor
// and error mapping as the ten tools, yet never offered to the model.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox';
import { makeTestCore, type TestCore } from '../../helpers/core';

let sandbox: RunningSandbox;
let t: TestCore;
let ctx: HandlerContext;

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 42 });
  t = await makeTestCore({ freshdeskOrigin: (sub) => `http://${sub}.localhost:${sandbox.port}` });
  const admin = sandbox.accounts[0].agents[0];
  expect(await t.core.accounts.authorize('Ben', { subdomain: 'acme', apiKey: admin.apiKey })).toMatchObject({ status: 'ACTIVE' });
  ctx = { core: t.core, session: { activeProfile: 'Ben' }, runtime: 'harness', appVersion: 'test', platform: 'linux', emit() {} };
});
afterAll(async () => {
  await t?.cleanup();
  await sandbox?.close();
});

it("lists the helpdesk's groups as { id, name } by name, in one request", async () => {
  // what the helpdesk itself answers, read with a bare client
  const raw = (await (
    await fetch(`${sandbox.url}/api/v2/groups?per_page=100`, {
      headers: {
        host: `acme.localhost:${sandbox.port}`,
        authorization: `Basic ${Buffer.from(`${sandbox.accounts[0].agents[0].apiKey}:X`).toString('base64')}`,
      },
    })
  ).json()) as { id: number; name: string }[];
  expect(raw.length).toBeGreaterThan(1);
  await control('DELETE', '/requests?subdomain=acme');
  const r = await t.core.tools.groups('Ben');
  expect(r.ok).toBe(true);
  const groups = (r as { data: { id: number; name: string }[] }).data;
  expect(groups).toEqual(raw.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)));
  for (const g of groups) expect(Object.keys(g).sort()).toEqual(['id', 'name']);
  const log = (await control('GET', '/requests?subdomain=acme')) as { method: string; path: string; query: string }[];
  expect(log.filter((e) => e.path === '/api/v2/groups')).toEqual([
    expect.objectContaining({ method: 'GET', query: expect.stringContaining('per_page=100') }),
  ]);
});

it('is not one of the model tools: not listed, and execute() does not know it', async () => {
  expect(t.core.tools.list('Ben').map((d) => d.name)).not.toContain('helpdesk_groups');
  expect(t.core.tools.list('Ben')).toHaveLength(10);
  expect(await t.core.tools.execute('Ben', 'helpdesk_groups', {})).toMatchObject({ ok: false, error: { kind: 'unknown_tool' } });
});

it('over IPC: groups, or an empty list with the reason when Freshdesk cannot give them', async () => {
  const ok = await dispatch('tools:groups', undefined, ctx);
  expect(ok).toMatchObject({ ok: true, data: { groups: expect.arrayContaining([expect.objectContaining({ name: 'Escalations' })]) } });
  expect((ok as { data: { unavailable?: string } }).data.unavailable).toBeUndefined();

  // reads are retried on 5xx (twice): three failures in a row reach the person
  await control('POST', '/faults', { subdomain: 'acme', count: 3, kind: 'status', status: 503 });
  const down = await dispatch('tools:groups', undefined, ctx);
  expect(down).toMatchObject({ ok: true, data: { groups: [], unavailable: expect.stringMatching(/\S/) } });
  await control('DELETE', '/faults?subdomain=acme');
});

it('a reset key found while reading groups marks the profile REVOKED, as any tool call does', async () => {
  const admin = sandbox.accounts[0].agents[0];
  await control('POST', `/accounts/acme/agents/${admin.id}/reset-key`);
  const r = await t.core.tools.groups('Ben');
  expect(r).toMatchObject({ ok: false, error: { kind: 'revoked' } });
  expect(await t.core.accounts.get('Ben')).toMatchObject({ status: 'REVOKED' });
});
