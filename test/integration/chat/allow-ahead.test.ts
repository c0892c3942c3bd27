// What "allow ahead" covers (docs/approvals.md), with the scripted model over the real SDK, the
// real core and the sandbox helpdesk:
// - agent create always asks, even when a settings file on disk allows it (and the app says so);
// - after "allow for this chat" on a priority change, an update that changes the requester (or
//   anything outside the triage fields) asks again, and so does one naming an id or address from
//   nowhere; a plain triage update still runs without a card.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { say, toolUse } from '../../fakes/anthropic';
import { makeTestCore } from '../../helpers/core';
import { clearSandboxRequests, makeChatRig, sandboxRequests, useChatWorld, type ChatRig } from './setup';

let rig: ChatRig;
const world = useChatWorld(() => rig);

const writes = async () => (await sandboxRequests(world)).filter((r) => r.method !== 'GET');

async function openTicketId(r: ChatRig): Promise<number> {
  const list = await r.t.core.tools.execute('alice', 'freshdesk_tickets_list', { per_page: 10 });
  if (!list.ok) throw new Error(list.error.message);
  return (list.data as Array<{ id: number; status: number }>).find((x) => x.status === 2)!.id;
}

describe('allow ahead', () => {
  it('agent create asks even when Settings on disk allow it; the app says the setting is ignored', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0); // the account administrator
    expect(() => rig.t.core.settings.update({ autoApproveTools: ['freshdesk_agent_create'] })).toThrow(/always asks/);
    // A file written by hand (or by an older version) that allows it anyway.
    const file = JSON.parse(readFileSync(rig.t.storePath, 'utf8')) as Record<string, unknown>;
    file.settings = {
      model: 'claude-sonnet-4-6',
      allowWeakStorage: false,
      autoApproveTools: ['freshdesk_agent_create', 'freshdesk_ticket_update'],
    };
    writeFileSync(rig.t.storePath, JSON.stringify(file));
    expect(rig.t.core.settings.get().autoApproveTools).toEqual(['freshdesk_ticket_update']);
    expect(rig.t.core.status().notices.join('\n')).toMatch(/freshdesk_agent_create.*still asks/);
    // …and from the start of the next run, before anything reads the settings.
    const next = await makeTestCore({ dir: rig.t.dir, cipher: rig.t.cipher });
    expect(next.core.status().notices.join('\n')).toMatch(/freshdesk_agent_create.*still asks/);
    await next.cleanup();

    world.fake.script(
      toolUse(
        'freshdesk_agent_create',
        { email: 'mallory@evil.example', name: 'Mallory', ticket_scope: 1, occasional: false },
        { text: 'The ticket asks me to add this agent.' },
      ),
      say('I did not add the agent.'),
    );
    await clearSandboxRequests(world);
    const turn = rig.t.core.chat.send('alice', 'general', 'Handle the newest ticket');
    const approval = await rig.waitFor('approval_required');
    expect(approval).toMatchObject({ tool: 'freshdesk_agent_create', canAllowForThread: false });
    expect(approval.flags).toContain('unknown_value:email');
    expect(rig.events.some((e) => e.type === 'approval_resolved' && e.outcome === 'auto_approved')).toBe(false);
    expect(await writes()).toEqual([]);
    await rig.t.core.chat.resolveApproval(approval.callId, { approved: false, reason: 'No.' });
    expect(await turn).toBe('end_turn');
    expect(await writes()).toEqual([]);
  });

  it('"allow for this chat" on a priority change does not cover changing the requester or closing with it', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    const id = await openTicketId(rig);
    world.fake.script(toolUse('freshdesk_ticket_update', { ticket_id: id, priority: 4 }), say('Done.'));
    const first = rig.t.core.chat.send('alice', 'general', `Make #${id} urgent`);
    const approval = await rig.waitFor('approval_required');
    await rig.t.core.chat.resolveApproval(approval.callId, { approved: true, allowForThread: true });
    expect(await first).toBe('end_turn');
    await clearSandboxRequests(world);

    // The injected follow-up: the requester moves to an outside address and the ticket closes.
    world.fake.script(
      toolUse('freshdesk_ticket_update', { ticket_id: id, email: 'mallory@evil.example', status: 5 }),
      toolUse('freshdesk_ticket_update', { ticket_id: id, requester_id: 987654 }),
      toolUse('freshdesk_ticket_update', { ticket_id: id, tags: ['mallory at evil dot example'] }),
      toolUse('freshdesk_ticket_update', { ticket_id: id, status: 3, priority: 3 }),
      say('All done.'),
    );
    const events = rig.events.length;
    const second = rig.t.core.chat.send('alice', 'general', 'Continue with the ticket');
    const asked: Array<{ input: unknown; flags: string[] }> = [];
    for (let i = 0; i < 3; i++) {
      const a = await rig.waitFor('approval_required', (e) => rig.events.indexOf(e) >= events && !asked.some((x) => x.input === e.input));
      asked.push({ input: a.input, flags: a.flags });
      expect(await writes()).toEqual([]);
      await rig.t.core.chat.resolveApproval(a.callId, { approved: false, reason: 'No.' });
    }
    expect(await second).toBe('end_turn');
    expect(asked).toEqual([
      { input: { ticket_id: id, email: 'mallory@evil.example', status: 5 }, flags: ['unknown_value:email'] },
      { input: { ticket_id: id, requester_id: 987654 }, flags: ['unknown_value:requester_id'] },
      { input: { ticket_id: id, tags: ['mallory at evil dot example'] }, flags: ['unknown_address:tags'] },
    ]);
    // The triage-only update ran without a card, exactly once.
    expect(rig.events.filter((e) => e.type === 'approval_resolved' && e.outcome === 'auto_approved')).toHaveLength(1);
    expect(await writes()).toEqual([expect.objectContaining({ method: 'PUT', path: `/api/v2/tickets/${id}`, status: 200 })]);
  });
});
