// The ticket forms' choices: the helpdesk's groups and ticket types from its ticket fields, read
// through the same credentials, governor and error mapping as the ten tools, yet never offered to
// the model.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { useWorld } from '../../helpers/use-world';
import { ticketFieldChoices } from '../../../src-main/core/field-choices';
import { windowContext } from '../../helpers/window';

const world = useWorld();
let t: TestCore;
let ctx: HandlerContext;

const control = (method: string, path: string, body?: unknown): Promise<unknown> => world.control(method, `/_sandbox${path}`, body);

beforeAll(async () => {
  t = await makeTestCore({ freshdeskOrigin: (sub) => world.origin(sub) });
  const admin = world.sandbox.accounts[0].agents[0];
  expect(await t.core.accounts.authorize('Ben', { subdomain: 'acme', apiKey: admin.apiKey })).toMatchObject({ status: 'ACTIVE' });
  ctx = windowContext(t.core, { session: { activeProfile: 'Ben' } });
});
afterAll(async () => {
  await t?.cleanup();
});

it("gives the helpdesk's group choices ({ id, name }, by name) and ticket types from its ticket fields, in one request", async () => {
  const admin = world.sandbox.accounts[0].agents[0];
  const bare = async (path: string) =>
    (await (
      await fetch(`${world.sandbox.url}${path}`, {
        headers: {
          host: `acme.localhost:${world.sandbox.port}`,
          authorization: `Basic ${Buffer.from(`${admin.apiKey}:X`).toString('base64')}`,
        },
      })
    ).json()) as unknown;
  // what the helpdesk itself answers, read with a bare client
  const fields = (await bare('/api/v2/ticket_fields')) as { name: string; choices?: unknown }[];
  const groupField = fields.find((f) => f.name === 'group')!.choices as Record<string, number>;
  const typeField = fields.find((f) => f.name === 'ticket_type')!.choices as string[];
  const groupList = (await bare('/api/v2/groups?per_page=100')) as { id: number; name: string }[];
  expect(Object.keys(groupField).length).toBeGreaterThan(1);
  expect(typeField.length).toBeGreaterThan(1);

  await control('DELETE', '/requests?subdomain=acme');
  const r = await t.core.tools.fieldChoices('Ben');
  expect(r.ok).toBe(true);
  const { groups, types } = (r as { data: { groups: { id: number; name: string }[]; types: string[] } }).data;
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  expect(groups).toEqual(
    Object.entries(groupField)
      .map(([name, id]) => ({ id, name }))
      .sort(byName),
  );
  // the same groups the groups list names
  expect(groups).toEqual(groupList.map(({ id, name }) => ({ id, name })).sort(byName));
  expect(types).toEqual(typeField);
  const log = (await control('GET', '/requests?subdomain=acme')) as { method: string; path: string }[];
  expect(log).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v2/ticket_fields' })]);
});

it('is not one of the model tools: not listed, and execute() does not know it', async () => {
  expect(t.core.tools.list('Ben').map((d) => d.name)).not.toContain('helpdesk_ticket_fields');
  expect(t.core.tools.list('Ben')).toHaveLength(10);
  expect(await t.core.tools.execute('Ben', 'helpdesk_ticket_fields', {})).toMatchObject({ ok: false, error: { kind: 'unknown_tool' } });
});

it('over IPC: the choices, or empty ones with the reason when Freshdesk cannot give them', async () => {
  const ok = await dispatch('tools:field-choices', undefined, ctx);
  expect(ok).toMatchObject({
    ok: true,
    data: {
      groups: expect.arrayContaining([expect.objectContaining({ name: 'Escalations' })]),
      types: expect.arrayContaining(['Question']),
    },
  });
  expect((ok as { data: { unavailable?: string } }).data.unavailable).toBeUndefined();

  // reads are retried on 5xx (twice): three failures in a row reach the person
  await control('POST', '/faults', { subdomain: 'acme', count: 3, kind: 'status', status: 503 });
  const down = await dispatch('tools:field-choices', undefined, ctx);
  expect(down).toMatchObject({ ok: true, data: { groups: [], types: [], unavailable: expect.stringMatching(/\S/) } });
  await control('DELETE', '/faults?subdomain=acme');
});

it('a reset key found while reading the choices marks the profile REVOKED, as any tool call does', async () => {
  const admin = world.sandbox.accounts[0].agents[0];
  await control('POST', `/accounts/acme/agents/${admin.id}/reset-key`);
  const r = await t.core.tools.fieldChoices('Ben');
  expect(r).toMatchObject({ ok: false, error: { kind: 'revoked' } });
  expect(await t.core.accounts.get('Ben')).toMatchObject({ status: 'REVOKED' });
});

it('keeps only well-formed choices, within what the IPC contract carries', () => {
  const many = Object.fromEntries(Array.from({ length: 5200 }, (_, i) => [`g${String(i).padStart(4, '0')}`, i + 1]));
  const out = ticketFieldChoices([
    { name: 'group', choices: { ...many, 'no id': 'x', zero: 0 } },
    { name: 'ticket_type', choices: ['Question', '', 7, 'x'.repeat(300), ...Array.from({ length: 1200 }, (_, i) => `t${i}`)] },
  ]);
  expect(out.groups).toHaveLength(5000);
  expect(out.groups[0]).toEqual({ id: 1, name: 'g0000' });
  expect(out.groups.some((g) => g.name === 'no id' || g.name === 'zero')).toBe(false);
  expect(out.types.slice(0, 2)).toEqual(['Question', 'x'.repeat(200)]);
  expect(out.types).toHaveLength(1000);
  expect(ticketFieldChoices(null)).toEqual({ groups: [], types: [] });
  expect(ticketFieldChoices([{ name: 'group', choices: ['not', 'a', 'map'] }])).toEqual({ groups: [], types: [] });
});
