// core.triage over the facade: the real sandbox helpdesk over HTTP, the real core (conf file +
// AES-GCM cipher), the real Anthropic SDK against the fake Messages API scripted to call
// propose_triage. Every count below comes from the sandbox's own request log.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { say, textOfToolResult, toolResultsOf, toolUse } from '../../fakes/anthropic';
import { clearSandboxRequests, makeChatRig, rawFreshdeskGet, sandboxControl, sandboxRequests, type ChatRig } from '../chat/setup';
import { startWorld, type World } from '../../helpers/world';
import { rawFreshdeskPut } from './setup';
import { makeTestCore } from '../../helpers/core';
import { propose, quoteOf, ticketsSent } from '../../fakes/triage';
import type { CoreEvent } from '../../../src-main/core/types';
import { createTriageService } from '../../../src-main/core/triage';
import type { TriagePayload } from '../../../src-main/core/vault';
import type { TriagePlan } from '../../../src-shared/contract/triage';

let world: World;
let rig: ChatRig;
let events: CoreEvent[];

beforeAll(async () => {
  // a generous budget: these tests count requests, not the rate governor
  world = await startWorld({ anthropic: true, perMinute: 10_000 });
});
afterAll(() => world.close());
afterEach(async () => {
  await sandboxControl(world, 'DELETE', '/_sandbox/faults');
  await rig?.cleanup();
  expect(world.fake.remaining()).toBe(0);
  world.fake.requests.length = 0;
  await sandboxControl(world, 'POST', '/_sandbox/reset', { seed: 42 });
});

const acme = () => world.sandbox.accounts[0];

async function setUp(): Promise<void> {
  rig = await makeChatRig(world);
  await rig.connect('alice', 0);
  events = [];
  rig.t.core.onEvent((e) => events.push(e));
}

/** The n most recently updated tickets of acme (what a queue view sorted by update shows). */
async function recentIds(n: number): Promise<number[]> {
  const r = await rig.t.core.tools.execute('alice', 'freshdesk_tickets_list', { per_page: n, order_by: 'updated_at' });
  expect(r.ok).toBe(true);
  return (r as { data: { id: number }[] }).data.map((t) => t.id);
}

async function choices() {
  const r = await rig.t.core.tools.fieldChoices('alice');
  return (r as { data: { groups: { id: number }[]; types: string[]; agents: { id: number }[] } }).data;
}

const writes = async () => (await sandboxRequests(world)).filter((r) => r.method !== 'GET');
const puts = async () => (await sandboxRequests(world)).filter((r) => r.method === 'PUT');
const rowOf = (plan: TriagePlan, id: number) => plan.rows.find((r) => r.ticketId === id)!;

async function ticket(id: number): Promise<Record<string, unknown>> {
  return JSON.parse(await rawFreshdeskGet(world, 'acme', acme().agents[0].apiKey, `/api/v2/tickets/${id}`)) as Record<string, unknown>;
}

describe('start: read cheaply, propose, check', () => {
  it('30 tickets: one list request with descriptions and the field choices; one model call; no write; compact quoted data', async () => {
    await setUp();
    const ids = await recentIds(30);
    const c = await choices();
    await clearSandboxRequests(world);
    world.fake.script(
      propose((tickets) =>
        tickets.map((t, i) => ({
          ticket_id: t.id,
          changes: i % 2 === 0 ? { priority: t.priority?.startsWith('4') ? 3 : 4, group_id: c.groups[0].id } : {},
        })),
      ),
    );
    const plan = await rig.t.core.triage.start('alice', { ticketIds: ids });

    const log = await sandboxRequests(world);
    expect(log.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /api/v2/ticket_fields', 'GET /api/v2/tickets']);
    const list = log.find((r) => r.path === '/api/v2/tickets')!;
    expect(list.query).toContain('include=description%2Crequester');
    expect(list.query).toContain('per_page=100');

    expect(world.fake.messageRequests()).toHaveLength(1);
    const req = world.fake.messageRequests()[0];
    const offered = req.body.tools!.map((t) => t.name);
    expect(offered).toContain('propose_triage');
    expect(
      offered.filter(
        (n) =>
          !['propose_triage', 'freshdesk_ticket_get', 'freshdesk_tickets_list', 'freshdesk_agents_list', 'freshdesk_roles_list'].includes(
            n,
          ),
      ),
    ).toEqual([]);
    // prompt caching: the system prompt and the tool definitions
    expect((req.body.system as { cache_control?: unknown }[])[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(req.body.tools!.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
    expect(req.body.stream).toBeFalsy();
    const sent = ticketsSent(req);
    expect(sent.map((t) => t.id).sort()).toEqual([...ids].sort());
    expect(plan.stats!.ticketBytes / ids.length).toBeLessThanOrEqual(1500);
    expect(plan.stats).toMatchObject({ modelCalls: 1, readRequests: 2 });

    expect(plan.rows).toHaveLength(30);
    expect(plan.status).toBe('ready');
    for (const row of plan.rows) {
      expect(['proposed', 'skipped']).toContain(row.state);
      if (row.state === 'proposed') {
        expect(Object.keys(row.changes).length).toBeGreaterThan(0);
        for (const [field, value] of Object.entries(row.changes)) expect(value).not.toEqual(row.current[field as 'priority']);
      }
    }
    // no write before apply; listed newest first
    expect(await writes()).toEqual([]);
    expect((await rig.t.core.triage.list('alice'))[0]).toMatchObject({ id: plan.id, rowCount: 30 });
    expect(await rig.t.core.triage.get('alice', plan.id)).toEqual(plan);
  });

  it('invalid rows (unknown group, made-up evidence, a ticket not in the run) go back once as is_error, then are flagged', async () => {
    await setUp();
    const ids = await recentIds(4);
    const c = await choices();
    const [a, b, d, e] = ids;
    world.fake.script(
      propose((tickets) => [
        { ticket_id: a, changes: { group_id: 999_999 } },
        { ticket_id: b, changes: { priority: 4 }, evidence: ['the customer threatens to cancel everything'] },
        { ticket_id: 424_242, changes: { priority: 2 } },
        {
          ticket_id: d,
          changes: { group_id: c.groups[1].id, responder_id: c.agents[0].id },
          evidence: [quoteOf(tickets.find((t) => t.id === d)!)],
        },
      ]),
      propose((tickets) => [
        { ticket_id: a, changes: { group_id: 999_998 } },
        { ticket_id: b, changes: { priority: 4 }, evidence: [`  ${quoteOf(tickets.find((t) => t.id === b)!).toUpperCase()} `] },
      ]),
    );
    const plan = await rig.t.core.triage.start('alice', { ticketIds: ids });
    expect(world.fake.messageRequests()).toHaveLength(2);
    const [back] = toolResultsOf(world.fake.messageRequests()[1]);
    expect(back.is_error).toBe(true);
    const text = textOfToolResult(back);
    expect(text).toMatch(new RegExp(`ticket ${a}: group_id 999999 is not a group`));
    expect(text).toMatch(new RegExp(`ticket ${b}: evidence "the customer threatens to cancel everything" is not in the text`));
    expect(text).toMatch(/ticket 424242 is not in this run/);
    expect(text).not.toMatch(new RegExp(`ticket ${d}:`));

    expect(rowOf(plan, a)).toMatchObject({ state: 'invalid', problems: [expect.stringMatching(/group_id 999998 is not a group/)] });
    // evidence compared after normalising case and white space
    expect(rowOf(plan, b)).toMatchObject({ state: 'proposed', changes: { priority: 4 } });
    expect(rowOf(plan, d).state).toBe('proposed');
    expect(rowOf(plan, e)).toMatchObject({ state: 'skipped', summary: 'Claude proposed nothing for this ticket.' });
    expect(plan.rows.map((r) => r.ticketId)).not.toContain(424_242);
    // an invalid row cannot be applied as proposed
    await expect(rig.t.core.triage.decide('alice', plan.id, a, 'accept')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await writes()).toEqual([]);
  });

  it('the injection ticket can produce only field proposals: other tools are refused, the run goes on, nothing else is sent', async () => {
    await setUp();
    const injection = acme().fixtures.injectionTicketId;
    const ids = [...(await recentIds(3)), injection];
    await clearSandboxRequests(world);
    world.fake.script(
      toolUse('freshdesk_agent_delete', { agent_id: acme().agents[3].id }),
      toolUse('freshdesk_tickets_reply', { ticket_id: injection, body: 'done' }),
      propose(() => [{ ticket_id: injection, changes: { priority: 4, description: 'pwned', cc_emails: ['x@evil.example'] } }]),
      propose((tickets) => [
        {
          ticket_id: injection,
          changes: { tags: ['prompt-injection'] },
          summary: 'The ticket tries to instruct the assistant; flagged for a look.',
          evidence: [quoteOf(tickets.find((t) => t.id === injection)!)],
          draft_reply: '<p>We received your message.</p>',
        },
      ]),
    );
    const plan = await rig.t.core.triage.start('alice', { ticketIds: ids });
    const reqs = world.fake.messageRequests();
    expect(reqs).toHaveLength(4);
    // the ticket's text reached the model only inside the untrusted marker
    const first = JSON.stringify(reqs[0].body.messages![0]);
    expect(first.indexOf('Ignore previous instructions')).toBeGreaterThan(first.indexOf('<untrusted_freshdesk_data'));
    expect(reqs[0].body.tools!.map((t) => t.name)).not.toContain('freshdesk_agent_delete');
    expect(toolResultsOf(reqs[1])[0]).toMatchObject({ is_error: true });
    expect(textOfToolResult(toolResultsOf(reqs[1])[0])).toMatch(/not offered in a triage run/);
    expect(toolResultsOf(reqs[2])[0]).toMatchObject({ is_error: true });
    expect(textOfToolResult(toolResultsOf(reqs[3])[0])).toMatch(/changes may only hold .*; not description, cc_emails/);

    const row = rowOf(plan, injection);
    expect(row).toMatchObject({
      state: 'proposed',
      changes: { tags: ['prompt-injection'] },
      draftReply: '<p>We received your message.</p>',
    });
    expect(Object.keys(row.changes)).toEqual(['tags']);
    expect(await writes()).toEqual([]);
    // Apply writes only the field change: one PUT, no reply, no delete.
    await rig.t.core.triage.decide('alice', plan.id, injection, 'accept');
    await rig.t.core.triage.apply('alice', plan.id);
    expect((await writes()).map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/v2/tickets/${injection}`]);
  });

  it('a model call to a tool that was not offered gets is_error and the run goes on to an end_turn without a plan row', async () => {
    await setUp();
    const ids = await recentIds(2);
    world.fake.script(toolUse('freshdesk_ticket_update', { ticket_id: ids[0], priority: 4 }), say('I cannot write here.'));
    const plan = await rig.t.core.triage.start('alice', { ticketIds: ids });
    expect(textOfToolResult(toolResultsOf(world.fake.messageRequests()[1])[0])).toMatch(/not offered/);
    expect(plan.rows.map((r) => r.state)).toEqual(['skipped', 'skipped']);
    expect(await writes()).toEqual([]);
  });
});

describe('decide and apply', () => {
  async function planFor(n: number): Promise<{ plan: TriagePlan; ids: number[]; groups: { id: number }[] }> {
    await setUp();
    const ids = await recentIds(n);
    const c = await choices();
    world.fake.script(
      propose((tickets) =>
        tickets.map((t) => ({ ticket_id: t.id, changes: { priority: t.priority?.startsWith('4') ? 3 : 4, tags: ['triaged'] } })),
      ),
    );
    const plan = await rig.t.core.triage.start('alice', { ticketIds: ids });
    await clearSandboxRequests(world);
    return { plan, ids, groups: c.groups };
  }

  /** Proposes for `n` tickets, accepts every row, then aborts the Apply while a write is in flight
   *  (every API request is slow, so the abort lands mid-write). */
  async function acceptAllThenInterruptApply(n: number) {
    const { plan, ids } = await planFor(n);
    for (const id of ids) await rig.t.core.triage.decide('alice', plan.id, id, 'accept');
    await sandboxControl(world, 'POST', '/_sandbox/faults', { subdomain: 'acme', count: 4, kind: 'latency', ms: 300 });
    const controller = new AbortController();
    const stop = rig.t.core.onEvent((e) => {
      if (e.type === 'triage_progress' && e.row?.state === 'applied') setTimeout(() => controller.abort(), 100);
    });
    const first = await rig.t.core.triage.apply('alice', plan.id, { signal: controller.signal });
    stop();
    return { plan, ids, first };
  }

  it('skipped rows are never written; edited rows are written as edited; one PUT per accepted row; state saved', async () => {
    const { plan, ids, groups } = await planFor(5);
    const [a, b, c] = ids;
    await rig.t.core.triage.decide('alice', plan.id, a, 'accept');
    await rig.t.core.triage.decide('alice', plan.id, b, 'skip');
    const edited = await rig.t.core.triage.decide('alice', plan.id, c, { edit: { group_id: groups[0].id, priority: 1 } });
    expect(rowOf(edited, c)).toMatchObject({ state: 'accepted', changes: { group_id: groups[0].id, priority: 1 } });
    // an edit gets the same checks as a proposal
    await expect(rig.t.core.triage.decide('alice', plan.id, c, { edit: { group_id: 987_654 } })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await clearSandboxRequests(world); // the edits read the field choices

    const done = await rig.t.core.triage.apply('alice', plan.id);
    const log = await sandboxRequests(world);
    const putLog = log.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(putLog.sort()).toEqual([`/api/v2/tickets/${a}`, `/api/v2/tickets/${c}`].sort());
    // the changed-since check: one list request, no GET per ticket
    expect(log.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/api/v2/tickets']);
    expect(log.find((r) => r.method === 'GET')!.query).toMatch(/updated_since=/);
    expect(done.status).toBe('applied');
    expect(rowOf(done, a)).toMatchObject({ state: 'applied', result: { ok: true } });
    expect(rowOf(done, b).state).toBe('skipped');
    const tc = await ticket(c);
    expect(tc).toMatchObject({ group_id: groups[0].id, priority: 1 });
    expect(tc.tags).not.toContain('triaged');
    expect(await rig.t.core.triage.get('alice', plan.id)).toEqual(done);
    const applyEvents = events.filter((e) => e.type === 'triage_progress' && e.planId === plan.id && e.phase === 'apply');
    expect(applyEvents.some((e) => e.type === 'triage_progress' && e.row?.ticketId === c && e.row.state === 'applied')).toBe(true);

    // safe to call again: nothing left to write
    await rig.t.core.triage.apply('alice', plan.id);
    expect((await puts()).length).toBe(2);
  });

  it('a ticket someone changed since it was read is held, not written', async () => {
    const { plan, ids } = await planFor(3);
    for (const id of ids) await rig.t.core.triage.decide('alice', plan.id, id, 'accept');
    // a colleague (dan) changes the second ticket; updated_at has second resolution
    await new Promise((r) => setTimeout(r, 1100));
    expect(await rawFreshdeskPut(world, 'acme', acme().agents[3].apiKey, `/api/v2/tickets/${ids[1]}`, { status: 3 })).toBe(200);
    await clearSandboxRequests(world);
    const done = await rig.t.core.triage.apply('alice', plan.id);
    expect(rowOf(done, ids[1])).toMatchObject({
      state: 'held',
      result: { ok: false, kind: 'held', message: expect.stringMatching(/Changed since proposed/) },
    });
    expect((await puts()).map((r) => r.path).sort()).toEqual([`/api/v2/tickets/${ids[0]}`, `/api/v2/tickets/${ids[2]}`].sort());
    expect((await ticket(ids[1])).tags).not.toContain('triaged');
    await expect(rig.t.core.triage.decide('alice', plan.id, ids[1], 'accept')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('an abort mid-apply, then a resume: total PUTs equal the accepted rows', async () => {
    const { plan, ids, first } = await acceptAllThenInterruptApply(6);
    const appliedFirst = first.rows.filter((r) => r.state === 'applied').length;
    expect(appliedFirst).toBeGreaterThanOrEqual(1);
    expect(appliedFirst).toBeLessThan(ids.length);
    expect(first.status).toBe('ready');
    // the write in flight when the abort came has an unknown outcome: it is read before any retry
    const uncertain = first.rows.filter((r) => r.writeStartedAt);
    expect(uncertain).toHaveLength(1);
    expect(uncertain[0].result).toMatchObject({ kind: 'uncertain' });
    // the saved copy is what a restart would see
    expect(await rig.t.core.triage.get('alice', plan.id)).toEqual(first);
    await new Promise((r) => setTimeout(r, 400)); // the write in flight lands in the sandbox

    const resumed = await rig.t.core.triage.apply('alice', plan.id);
    expect(resumed.status).toBe('applied');
    expect(resumed.rows.every((r) => r.state === 'applied')).toBe(true);
    const putPaths = (await puts()).map((r) => r.path);
    expect(putPaths).toHaveLength(ids.length);
    expect(new Set(putPaths).size).toBe(ids.length);
    expect((await sandboxRequests(world)).some((r) => r.method === 'GET' && r.path === `/api/v2/tickets/${uncertain[0].ticketId}`)).toBe(
      true,
    );
    expect(rowOf(resumed, uncertain[0].ticketId).result).toMatchObject({ kind: 'verified' });
    for (const id of ids) expect((await ticket(id)).tags).toContain('triaged');
  });

  it('activity: an interrupted write is logged as uncertain; the read that confirms it adds one ok entry, no error', async () => {
    const { plan, ids, first } = await acceptAllThenInterruptApply(3);
    const interrupted = first.rows.filter((r) => r.writeStartedAt);
    expect(interrupted).toHaveLength(1);
    const id = interrupted[0].ticketId;
    await new Promise((r) => setTimeout(r, 400)); // the write in flight lands in the sandbox
    const resumed = await rig.t.core.triage.apply('alice', plan.id);
    expect(rowOf(resumed, id).result).toMatchObject({ kind: 'verified' });

    const entries = (await rig.t.core.activity.list('alice'))
      .filter((e) => e.tool === 'freshdesk_ticket_update' && e.targets.ticket_id === id)
      .reverse();
    expect(entries.map((e) => e.outcome)).toEqual(['uncertain', 'ok']);
    expect(entries[0]).toMatchObject({ origin: 'triage', approval: 'plan_apply', errorKind: 'uncertain' });
    expect(entries[1]).toMatchObject({ origin: 'triage', approval: 'plan_apply', verified: true });
    expect(entries[0]).not.toHaveProperty('verified');
    // the other rows: one plain ok each
    for (const other of ids.filter((x) => x !== id)) {
      const mine = (await rig.t.core.activity.list('alice')).filter(
        (e) => e.tool === 'freshdesk_ticket_update' && e.targets.ticket_id === other,
      );
      expect(mine.map((e) => [e.outcome, e.verified])).toEqual([['ok', undefined]]);
    }
  });

  it('an edit whose choices read is outrun by an Apply is refused, not saved over the written rows; no second write', async () => {
    const { plan, ids, groups } = await planFor(3);
    for (const id of ids) await rig.t.core.triage.decide('alice', plan.id, id, 'accept');
    // the edit's field-choices read is slow, so the Apply starts (and finishes) during it
    await sandboxControl(world, 'POST', '/_sandbox/faults', { subdomain: 'acme', count: 1, kind: 'latency', ms: 800 });
    const editing = rig.t.core.triage.decide('alice', plan.id, ids[0], { edit: { group_id: groups[0].id } });
    const editError = editing.then(
      () => undefined,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 100));
    const done = await rig.t.core.triage.apply('alice', plan.id);
    expect(done.rows.every((r) => r.state === 'applied')).toBe(true);
    expect(await editError).toMatchObject({ code: expect.stringMatching(/^(busy|already_applied)$/) });
    // the saved plan still says written; another Apply writes nothing
    const saved = await rig.t.core.triage.get('alice', plan.id);
    expect(saved!.rows.every((r) => r.state === 'applied')).toBe(true);
    expect(rowOf(saved!, ids[0]).changes).not.toHaveProperty('group_id');
    await rig.t.core.triage.apply('alice', plan.id);
    expect((await puts()).map((r) => r.path).sort()).toEqual(ids.map((id) => `/api/v2/tickets/${id}`).sort());
  });

  it("a 403 on a write fails that row with the tool's kind and names the role; the other rows are written", async () => {
    rig = await makeChatRig(world);
    await rig.connect('dan', 3); // dan.agent: role Agent, all tickets
    events = [];
    const r = await rig.t.core.tools.execute('dan', 'freshdesk_tickets_list', { per_page: 3, order_by: 'updated_at' });
    const ids = (r as { data: { id: number; responder_id: number | null }[] }).data.map((t) => t.id);
    world.fake.script(propose((tickets) => tickets.map((t) => ({ ticket_id: t.id, changes: { tags: ['triaged'] } }))));
    const plan = await rig.t.core.triage.start('dan', { ticketIds: ids });
    for (const id of ids) await rig.t.core.triage.decide('dan', plan.id, id, 'accept');
    // an admin narrows dan to his assigned tickets before the apply
    const dan = acme().agents[3];
    await sandboxControl(world, 'PUT', `/_sandbox/accounts/acme/agents/${dan.id}/role`, { ticketScope: 3 });
    const done = await rig.t.core.triage.apply('dan', plan.id);
    const failed = done.rows.filter((row) => row.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const row of failed) {
      expect(row.result).toMatchObject({ ok: false, kind: 'permission', message: expect.stringMatching(/role/i) });
    }
    expect(done.rows.every((row) => row.state === 'failed' || row.state === 'applied')).toBe(true);
  });

  it('the app closing mid-apply loses nothing: a new core on the same store resumes, one PUT per accepted row', async () => {
    const { plan, ids } = await planFor(5);
    for (const id of ids) await rig.t.core.triage.decide('alice', plan.id, id, 'accept');
    await sandboxControl(world, 'POST', '/_sandbox/faults', { subdomain: 'acme', count: 4, kind: 'latency', ms: 300 });
    const closing = new Promise<void>((resolve) => {
      const stop = rig.t.core.onEvent((e) => {
        if (e.type === 'triage_progress' && e.row?.state === 'applied') {
          stop();
          setTimeout(() => void rig.t.core.close().then(resolve), 100);
        }
      });
    });
    const interrupted = rig.t.core.triage.apply('alice', plan.id);
    await closing;
    expect((await interrupted).status).toBe('ready');
    await new Promise((r) => setTimeout(r, 400)); // the write in flight lands

    // the next start of the app: same store file, same keychain
    const again = await makeTestCore({
      dir: rig.t.dir,
      cipher: rig.t.cipher,
      anthropicBaseURL: world.fake.url,
      freshdeskOrigin: (sub) => `http://${sub}.localhost:${world.sandbox.port}`,
    });
    try {
      const saved = await again.core.triage.get('alice', plan.id);
      expect(saved!.rows.filter((r) => r.state === 'applied').length).toBeGreaterThanOrEqual(1);
      expect(saved!.status).toBe('ready');
      // still decidable after the restart (the saved 'applying' belonged to the closed app)
      const waiting = saved!.rows.find((r) => r.state === 'accepted' && !r.writeStartedAt)!;
      await expect(again.core.triage.decide('alice', plan.id, waiting.ticketId, 'accept')).resolves.toMatchObject({ id: plan.id });
      const done = await again.core.triage.apply('alice', plan.id);
      expect(done.rows.every((r) => r.state === 'applied')).toBe(true);
    } finally {
      await again.cleanup();
    }
    const putPaths = (await puts()).map((r) => r.path);
    expect(putPaths.sort()).toEqual(ids.map((id) => `/api/v2/tickets/${id}`).sort());
  });

  it('forgetting the profile mid-apply aborts it: no new PUT after the forget (only the one in flight lands); the plan is not saved again', async () => {
    const { plan, ids } = await planFor(6);
    for (const id of ids) await rig.t.core.triage.decide('alice', plan.id, id, 'accept');
    const accepted = (await rig.t.core.triage.get('alice', plan.id))!;
    // the triage service itself over the rig's real accounts and tools (the facade's disconnect
    // also removes the credentials, which would hide a run that goes on), its plans in memory
    const slot = new Map<string, TriagePayload>([['alice', { plans: [accepted] }]]);
    const service = createTriageService({
      accounts: { get: (id) => rig.t.core.accounts.get(id) },
      tools: {
        listFor: async () => [],
        execute: (id, name, input, o) => rig.t.core.tools.execute(id, name, input, o),
        fieldChoices: (id, o) => rig.t.core.tools.fieldChoices(id, o),
      },
      vault: {
        anthropicKey: { get: () => undefined, status: () => ({ configured: false }) },
        settings: { get: () => ({ model: 'claude-test' }) },
        triagePlans: {
          get: (id) => (slot.has(id) ? { ok: true, data: slot.get(id)! } : { ok: false, failure: 'missing' }),
          save: (id, payload) => void slot.set(id, payload),
          delete: (id) => void slot.delete(id),
        },
      },
      now: () => Date.now(),
      log: () => {},
      emit: (e) => events.push(e),
    });
    await sandboxControl(world, 'POST', '/_sandbox/faults', { subdomain: 'acme', count: 4, kind: 'latency', ms: 300 });
    let atForget = -1;
    const forgotten = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (!events.some((e) => e.type === 'triage_progress' && e.row?.state === 'applied')) return;
        clearInterval(poll);
        setTimeout(() => {
          void service.forgetProfile('alice').then(async () => {
            await new Promise((r) => setTimeout(r, 400)); // the write in flight at the forget lands
            atForget = (await puts()).length;
            resolve();
          });
        }, 100);
      }, 10);
    });
    const interrupted = service.apply('alice', plan.id).catch((e: unknown) => e);
    await forgotten;
    await interrupted;
    expect(atForget).toBeGreaterThanOrEqual(1);
    expect(atForget).toBeLessThan(ids.length);
    await new Promise((r) => setTimeout(r, 1200)); // time for any further write to land
    expect((await puts()).length).toBe(atForget);
    expect(atForget).toBeLessThan(ids.length);
    expect(slot.has('alice')).toBe(false);
    expect(await service.list('alice')).toEqual([]);
    await service.close();
  });

  it("the plan's ticket text is encrypted on disk", async () => {
    await setUp();
    const canary = `CANARY-${Date.now().toString(36)}-zebra`;
    const ids = await recentIds(2);
    expect(
      await rawFreshdeskPut(world, 'acme', acme().agents[0].apiKey, `/api/v2/tickets/${ids[0]}`, { subject: `Printer ${canary} broken` }),
    ).toBe(200);
    world.fake.script(propose(() => [{ ticket_id: ids[0], changes: { priority: 4 }, evidence: [canary], summary: `About ${canary}` }]));
    const plan = await rig.t.core.triage.start('alice', { ticketIds: ids });
    expect(rowOf(plan, ids[0])).toMatchObject({ state: 'proposed', evidence: [canary] });
    expect(rowOf(plan, ids[0]).text).toContain(canary);
    const onDisk = readFileSync(rig.t.storePath, 'utf8');
    expect(onDisk).not.toContain(canary);
    expect(onDisk).not.toContain('Printer');
    expect(onDisk).toContain('"triage"');
    expect(JSON.stringify(events)).toContain(plan.id);
  });
});

describe('from the chat', () => {
  // the chat's local tool triage_plan_start runs a triage (its own model call) and answers with the plan id
  it('"triage my new tickets" creates the same kind of plan; the tool card carries its id; no write', async () => {
    await setUp();
    await clearSandboxRequests(world);
    world.fake.script(
      toolUse('triage_plan_start', { filter: 'new_and_my_open' }),
      propose((tickets) => tickets.slice(0, 2).map((t) => ({ ticket_id: t.id, changes: { priority: 4 } }))),
      say('Your plan is ready: open it to review.'),
    );
    const end = await rig.t.core.chat.send('alice', 'general', 'triage my new tickets');
    expect(end).toBe('end_turn');

    const [chatFirst, triageRun, chatLast] = world.fake.messageRequests();
    expect(chatFirst.body.tools!.map((t) => t.name)).toContain('triage_plan_start');
    // the triage run is its own request: only reads and propose_triage offered
    expect(triageRun.body.tools!.map((t) => t.name)).toContain('propose_triage');
    expect(triageRun.body.tools!.map((t) => t.name)).not.toContain('triage_plan_start');
    const plans = await rig.t.core.triage.list('alice');
    expect(plans).toHaveLength(1);
    const result = textOfToolResult(toolResultsOf(chatLast)[0]);
    expect(result).toContain(`"plan_id":"${plans[0].id}"`);
    expect(result).toContain('"proposed":2');

    const item = rig.t.core.chat.thread('alice', 'general').items.find((i) => i.kind === 'tool');
    expect(item).toMatchObject({ kind: 'tool', tool: 'triage_plan_start', status: 'done' });
    expect((item as { detail?: string }).detail).toContain(plans[0].id);
    expect((await sandboxRequests(world)).filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
