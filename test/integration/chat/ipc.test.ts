// Chat over the IPC handler table (the same dispatch() Electron and the harness use): the page
// never names a profile, events go only to windows whose active profile they belong to, every
// output and event matches the contract, and the Anthropic key (a canary) never comes back out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEvent, dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import type { EventName } from '../../../src-shared/contract';
import { say, toolUse } from '../../fakes/anthropic';
import { makeChatRig, useChatWorld, type ChatRig } from './setup';
import { windowContext } from '../../helpers/window';

let rig: ChatRig;
const world = useChatWorld(() => rig);

interface Window {
  ctx: HandlerContext;
  /** every envelope answered to this window */
  answers: unknown[];
  /** every event pushed to this window (after the contract check) */
  pushed: Array<{ event: string; payload: unknown }>;
  call(channel: string, input?: unknown): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }>;
}

function openWindow(r: ChatRig, activeProfile?: string): Window {
  const answers: unknown[] = [];
  const pushed: Window['pushed'] = [];
  const ctx = windowContext(r.t.core, {
    session: { activeProfile },
    emit(event: EventName, payload: unknown) {
      const checked = checkEvent(event, payload);
      // A payload the contract refuses is a bug here, not something to drop quietly.
      expect(checked.ok, `event ${event} must match the contract: ${JSON.stringify(payload)}`).toBe(true);
      if (checked.ok) pushed.push({ event, payload: checked.payload });
    },
  });
  return {
    ctx,
    answers,
    pushed,
    async call(channel, input) {
      const env = await dispatch(channel, input, ctx);
      answers.push(env);
      return env as Awaited<ReturnType<Window['call']>>;
    },
  };
}

describe('chat over IPC', () => {
  it('runs a turn with an approval; the canary key never appears in any answer, event, log or the vault file', async () => {
    rig = await makeChatRig(world);
    await rig.t.core.accounts.authorize('alice', { subdomain: 'acme', apiKey: world.sandbox.accounts[0].agents[0].apiKey });
    const w = openWindow(rig, 'alice');
    const canary = rig.anthropicKey;

    expect(await w.call('chat:api-key-status')).toEqual({ ok: true, data: { configured: false } });
    expect(await w.call('chat:set-api-key', { key: canary })).toEqual({ ok: true, data: { configured: true } });
    expect(await w.call('chat:api-key-status')).toEqual({ ok: true, data: { configured: true } });
    expect(await w.call('chat:test-api-key')).toMatchObject({ ok: true, data: { ok: true } });

    const id = world.sandbox.accounts[0].fixtures.richTicketId;
    world.fake.script(
      toolUse('freshdesk_ticket_get', { ticket_id: id }),
      toolUse('freshdesk_ticket_update', { ticket_id: id, priority: 2 }),
      say('Done.'),
    );
    const sent = w.call('chat:send', { threadId: 'general', text: 'Lower the priority', ticketId: id });
    await rig.waitFor('approval_required');
    const pending = await w.call('chat:pending');
    expect(pending.ok).toBe(true);
    expect(pending.data.approvals).toHaveLength(1);
    const callId = pending.data.approvals[0].callId as string;
    expect(await w.call('chat:resolve-approval', { callId, approved: true })).toEqual({ ok: true, data: { resolved: true } });
    expect(await sent).toEqual({ ok: true, data: { threadId: 'general', reason: 'end_turn' } });

    const thread = await w.call('chat:thread', { threadId: 'general' });
    expect(thread.data.items.map((i: { kind: string }) => i.kind)).toEqual(['user', 'tool', 'tool', 'assistant']);
    expect((await w.call('chat:threads')).data.threads).toEqual([
      expect.objectContaining({ threadId: 'general', title: 'Lower the priority', busy: false }),
    ]);

    const types = w.pushed.map((p) => (p.payload as { type: string }).type);
    expect(new Set(w.pushed.map((p) => p.event))).toEqual(new Set(['chat:event']));
    expect(types).toEqual(
      expect.arrayContaining([
        'turn_start',
        'tool_call',
        'tool_result',
        'approval_required',
        'approval_resolved',
        'text_delta',
        'turn_end',
      ]),
    );

    // The key went to Anthropic (and only there).
    expect(world.fake.messageRequests().every((r) => r.headers.authorization === `Bearer ${canary}`)).toBe(true);
    const surfaces = [
      JSON.stringify(w.answers),
      JSON.stringify(w.pushed),
      JSON.stringify(rig.events),
      rig.logs.join('\n'),
      readFileSync(rig.t.storePath, 'utf8'),
    ];
    for (const s of surfaces) expect(s).not.toContain(canary);
    // …nor in what the model received.
    for (const r of world.fake.requests) expect(r.raw).not.toContain(canary);
  });

  it('delivers chat events only to windows whose active profile they belong to', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    await rig.connect('bob', 3);
    const a = openWindow(rig, 'alice');
    const b = openWindow(rig, 'bob');
    await a.call('chat:pending');
    await b.call('chat:pending');
    world.fake.script(say('For Alice only.'));
    await a.call('chat:send', { threadId: 'general', text: 'hi' });
    expect(a.pushed.length).toBeGreaterThan(0);
    expect(b.pushed).toEqual([]);
    expect((await b.call('chat:thread', { threadId: 'general' })).data.items).toEqual([]);

    // Window A switches to Bob: Alice's later events no longer reach it.
    a.ctx.session.activeProfile = 'bob';
    const before = a.pushed.length;
    world.fake.script(say('Still Alice.'));
    await rig.t.core.chat.send('alice', 'general', 'again');
    expect(a.pushed.length).toBe(before);
  });

  it("one profile's window cannot answer another profile's approval or cancel its turn", async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    await rig.connect('bob', 3);
    const b = openWindow(rig, 'bob');
    const id = world.sandbox.accounts[0].fixtures.richTicketId;
    world.fake.script(toolUse('freshdesk_ticket_update', { ticket_id: id, priority: 1 }), say('ok'));
    const turn = rig.t.core.chat.send('alice', 'general', 'lower it');
    const approval = await rig.waitFor('approval_required');
    expect(await b.call('chat:resolve-approval', { callId: approval.callId, approved: true })).toMatchObject({
      ok: false,
      error: { code: 'unknown_approval' },
    });
    expect(await b.call('chat:cancel', { threadId: 'general' })).toEqual({ ok: true, data: { cancelled: false } });
    expect((await b.call('chat:pending')).data.approvals).toEqual([]);
    expect(rig.t.core.chat.pendingApprovals('alice')).toHaveLength(1);
    await rig.t.core.chat.resolveApproval(approval.callId, { approved: false });
    await turn;
  });

  it('refuses calls without a profile and bad input with messages a person can act on', async () => {
    rig = await makeChatRig(world);
    const none = openWindow(rig);
    expect(await none.call('chat:send', { threadId: 'general', text: 'hi' })).toMatchObject({ ok: false, error: { code: 'no_profile' } });
    await rig.connect('alice', 0);
    const w = openWindow(rig, 'alice');
    expect(await w.call('chat:send', { threadId: 'has spaces', text: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/threadId/) },
    });
    expect(await w.call('chat:send', { threadId: 'general', text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/Type a question/) },
    });
    const badKey = 'sk-ant bad key';
    const refused = await w.call('chat:set-api-key', { key: badKey });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_key' } });
    expect(JSON.stringify(refused)).not.toContain(badKey);
    // The key that was there is still there.
    expect((await w.call('chat:api-key-status')).data).toEqual({ configured: true });
    expect(await w.call('chat:set-api-key', { key: null })).toEqual({ ok: true, data: { configured: false } });
  });
});
