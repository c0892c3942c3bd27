// A thread belongs to its profile: the same thread id on another profile is another thread,
// with that profile's key, tools and helpdesk; disconnecting forgets the profile's chat.
import { describe, expect, it } from 'vitest';
import { say, toolUse } from '../../fakes/anthropic';
import { canaryAnthropicKey, makeChatRig, sandboxRequests, useChatWorld, type ChatRig } from './setup';

let rig: ChatRig;
const world = useChatWorld(() => rig);

describe('threads per profile', () => {
  it('never carry context, key or tools across profiles', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0); // acme admin
    await rig.connect('grace', 0, 'globex'); // globex admin
    const graceKey = canaryAnthropicKey();
    await rig.t.core.chat.setApiKey('grace', graceKey);

    world.fake.script(toolUse('freshdesk_tickets_list', { per_page: 2 }), say('Alice secret plan: refund everyone.'));
    await rig.t.core.chat.send('alice', 'general', 'alice-only question');
    world.fake.script(toolUse('freshdesk_tickets_list', { per_page: 2 }), say('Hi Grace.'));
    await rig.t.core.chat.send('grace', 'general', 'grace question');

    const [, , g1, g2] = world.fake.messageRequests();
    expect(g1.headers.authorization).toBe(`Bearer ${graceKey}`);
    expect(g1.body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'grace question' }] }]);
    expect(g2.raw).not.toContain('alice-only');
    expect(g2.raw).not.toContain('refund everyone');
    expect((g1.body.system as Array<{ text: string }>)[0].text).toContain('globex');
    // Each tool call went to that profile's own helpdesk.
    expect((await sandboxRequests(world, 'globex')).some((r) => r.path === '/api/v2/tickets')).toBe(true);
    expect(rig.t.core.chat.thread('grace', 'general').items.map((i) => i.kind)).toEqual(['user', 'tool', 'assistant']);
    expect(rig.t.core.chat.threads('alice').map((t) => t.title)).toEqual(['alice-only question']);
  });

  it('disconnecting a profile stops its turn and forgets its threads and approvals', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    await rig.connect('bob', 3);
    world.fake.script(say('bob keeps this'));
    await rig.t.core.chat.send('bob', 'general', 'hello');
    const id = world.sandbox.accounts[0].fixtures.richTicketId;
    world.fake.script(toolUse('freshdesk_ticket_update', { ticket_id: id, priority: 1 }));
    const turn = rig.t.core.chat.send('alice', 'general', 'lower it');
    await rig.waitFor('approval_required');
    await rig.t.core.accounts.disconnect('alice');
    expect(await turn).toBe('cancelled');
    expect(rig.t.core.chat.pendingApprovals('alice')).toEqual([]);
    expect(rig.t.core.chat.thread('alice', 'general').items).toEqual([]);
    expect(rig.t.core.chat.threads('alice')).toEqual([]);
    expect(rig.t.core.chat.apiKeyStatus('alice')).toEqual({ configured: false });
    expect(rig.t.core.chat.thread('bob', 'general').items).toHaveLength(2);
  });
});
