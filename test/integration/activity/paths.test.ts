// Every write path leaves exactly one activity entry, written by the core: a form and the ticket
// panel (tools:execute over the IPC handler table, origin 'ui'), the chat (approved, allowed
// ahead, rejected), a triage plan's Apply (origin 'triage' through core.tools.execute) and an
// MCP client (the SDK's Client). Reads leave none, and so does a write refused before sending.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import { ACTIVITY_FILE, type ActivityEntry } from '../../../src-main/core/activity';
import { say, toolUse } from '../../fakes/anthropic';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { canaryAnthropicKey, startWorld, type World } from '../../helpers/world';
import { windowContext } from '../../helpers/window';

let world: World;
let t: TestCore;
let dataDir: string;
let ctx: HandlerContext;
let ticketId: number;
const anthropicKey = canaryAnthropicKey();

beforeAll(async () => {
  world = await startWorld({ anthropic: true, perMinute: 10_000 });
  dataDir = mkdtempSync(path.join(tmpdir(), 'triage-activity-paths-'));
  t = await makeTestCore({
    dataDir,
    anthropicBaseURL: world.fake.url,
    freshdeskOrigin: (sub) => `http://${sub}.localhost:${world.sandbox.port}`,
  });
  const agent = world.sandbox.accounts.find((a) => a.subdomain === 'acme')!.agents[0]!;
  await t.core.accounts.authorize('alice', { subdomain: 'acme', apiKey: agent.apiKey });
  await t.core.chat.setApiKey('alice', anthropicKey);
  ctx = windowContext(t.core, { session: { activeProfile: 'alice' } });
  const list = await t.core.tools.execute('alice', 'freshdesk_tickets_list', { per_page: 3 });
  if (!list.ok) throw new Error(list.error.message);
  ticketId = (list.data as { id: number }[])[0]!.id;
});
afterAll(async () => {
  await t?.cleanup();
  await world?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let before: number;
beforeEach(async () => {
  before = (await t.core.activity.list('alice')).length;
});
/** the entries added since the test began (newest first) */
const added = async (): Promise<ActivityEntry[]> => {
  const all = await t.core.activity.list('alice');
  return all.slice(0, all.length - before);
};
const chatApproval = async () => {
  for (let i = 0; i < 250; i++) {
    const a = t.core.approvals.pending().find((p) => p.origin === 'chat');
    if (a) return a;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no chat approval');
};

describe('one activity entry per write', () => {
  it('a form (tools:execute, ticket create): origin ui, clicked, the new id', async () => {
    const r = await dispatch(
      'tools:execute',
      {
        name: 'freshdesk_ticket_create',
        input: { email: 'form@example.org', subject: 'From the form', description: 'Body text', priority: 1, status: 2 },
      },
      ctx,
    );
    expect(r.ok).toBe(true);
    const id = ((r as { data: { data: { id: number } } }).data.data as { id: number }).id;
    expect(await added()).toEqual([
      expect.objectContaining({
        origin: 'ui',
        approval: 'clicked',
        tool: 'freshdesk_ticket_create',
        targets: { ticket_id: id },
        subject: 'From the form',
        outcome: 'ok',
        status: 201,
      }),
    ]);
  });

  it('the ticket panel (tools:execute, ticket update); a read leaves nothing', async () => {
    await dispatch('tools:execute', { name: 'freshdesk_ticket_get', input: { ticket_id: ticketId } }, ctx);
    const r = await dispatch('tools:execute', { name: 'freshdesk_ticket_update', input: { ticket_id: ticketId, priority: 2 } }, ctx);
    expect(r.ok).toBe(true);
    expect(await added()).toEqual([
      expect.objectContaining({ origin: 'ui', tool: 'freshdesk_ticket_update', targets: { ticket_id: ticketId }, outcome: 'ok' }),
    ]);
  });

  it('a refused write is recorded with its error kind and status', async () => {
    await t.core.tools.execute('alice', 'freshdesk_ticket_update', { ticket_id: 999_999_999, priority: 2 });
    expect(await added()).toEqual([
      expect.objectContaining({ outcome: 'error', errorKind: 'not_found', status: 404, targets: { ticket_id: 999_999_999 } }),
    ]);
  });

  it('a write refused before sending (invalid input, no HTTP status) is not recorded: a form, like the chat and MCP', async () => {
    const r = await dispatch('tools:execute', { name: 'freshdesk_ticket_update', input: { ticket_id: ticketId, priority: 9 } }, ctx);
    expect(r).toMatchObject({ ok: true, data: { ok: false, error: { kind: 'invalid_input' } } });
    const direct = await t.core.tools.execute('alice', 'freshdesk_ticket_create', { subject: 'No requester' }, { origin: 'mcp' });
    expect(direct).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(await added()).toEqual([]);
  });

  it('a triage plan apply (origin triage through core.tools.execute): plan_apply', async () => {
    await t.core.tools.execute('alice', 'freshdesk_ticket_update', { ticket_id: ticketId, priority: 3 }, { origin: 'triage' });
    expect(await added()).toEqual([expect.objectContaining({ origin: 'triage', approval: 'plan_apply', outcome: 'ok' })]);
  });

  it('the chat: approved through core.approvals, then rejected; each once', async () => {
    world.fake.script(toolUse('freshdesk_ticket_update', { ticket_id: ticketId, priority: 4 }), say('Done.'));
    let turn = t.core.chat.send('alice', 'general', `Make #${ticketId} urgent`);
    let a = await chatApproval();
    expect(a).toMatchObject({ origin: 'chat', tool: 'freshdesk_ticket_update' });
    await t.core.approvals.resolve(a.callId, { approve: true });
    await turn;
    expect(await added()).toEqual([expect.objectContaining({ origin: 'chat', approval: 'clicked', outcome: 'ok' })]);

    before = (await t.core.activity.list('alice')).length;
    world.fake.script(toolUse('freshdesk_ticket_update', { ticket_id: ticketId, status: 5 }), say('Left open.'));
    turn = t.core.chat.send('alice', 'general', `Close #${ticketId}`);
    a = await chatApproval();
    await t.core.approvals.resolve(a.callId, { approve: false, reason: 'not yet' });
    await turn;
    expect(await added()).toEqual([expect.objectContaining({ origin: 'chat', outcome: 'rejected', targets: { ticket_id: ticketId } })]);
  });

  it('the chat with the tool allowed ahead in Settings: allowed_ahead', async () => {
    t.core.settings.update({ autoApproveTools: ['freshdesk_ticket_update'] });
    try {
      world.fake.script(toolUse('freshdesk_ticket_update', { ticket_id: ticketId, priority: 1 }), say('Done.'));
      await t.core.chat.send('alice', 'general', `Make #${ticketId} low`);
      expect(await added()).toEqual([expect.objectContaining({ origin: 'chat', approval: 'allowed_ahead', outcome: 'ok' })]);
    } finally {
      t.core.settings.update({ autoApproveTools: [] });
    }
  });

  it('an MCP client: origin mcp with the client name', async () => {
    const { url, token } = await t.core.mcp.start({ profile: 'alice' });
    const client = new Client({ name: 'Claude Code', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
    );
    try {
      const call = client.callTool({ name: 'freshdesk_ticket_update', arguments: { ticket_id: ticketId, priority: 2 } });
      let a;
      for (let i = 0; i < 250 && !a; i++) {
        a = t.core.approvals.pending().find((p) => p.origin === 'mcp');
        if (!a) await new Promise((r) => setTimeout(r, 20));
      }
      await t.core.approvals.resolve(a!.callId, { approve: true });
      await call;
      expect(await added()).toEqual([
        expect.objectContaining({ origin: 'mcp', client: 'Claude Code', approval: 'clicked', outcome: 'ok' }),
      ]);
    } finally {
      await client.close();
      await t.core.mcp.stop();
    }
  });

  it('the file holds no key and no customer text beyond subjects', () => {
    const text = readFileSync(path.join(dataDir, ACTIVITY_FILE), 'utf8');
    const agent = world.sandbox.accounts.find((a) => a.subdomain === 'acme')!.agents[0]!;
    expect(text).not.toContain(agent.apiKey);
    expect(text).not.toContain(anthropicKey);
    expect(text).not.toContain('form@example.org');
    expect(text).not.toContain('Body text');
  });
});
