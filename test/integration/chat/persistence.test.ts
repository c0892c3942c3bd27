// Threads are kept sealed in the vault: they survive a restart (the model gets the earlier turns
// again), never sit in the file as plain text, go away on disconnect, and a long thread is cut
// for the model only at a turn start.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { say, textOfToolResult, toolUse, type MessagesBody } from '../../fakes/anthropic';
import { createTestCipher } from '../../helpers/cipher';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { makeChatRig, useChatWorld, type ChatRig } from './setup';

let rig: ChatRig;
let reopened: TestCore | undefined;
const world = useChatWorld(() => rig, {
  async before() {
    await reopened?.cleanup();
    reopened = undefined;
  },
});

/** Closes the rig's core and opens a new one on the same vault file and cipher (an app restart). */
async function restart(cipher = rig.t.cipher): Promise<TestCore> {
  await rig.t.core.close();
  reopened = await makeTestCore({
    dir: rig.t.dir,
    cipher,
    anthropicBaseURL: world.fake.url,
    freshdeskOrigin: (sub) => `http://${sub}.localhost:${world.sandbox.port}`,
    requestTimeoutMs: 5_000,
  });
  return reopened;
}

type Messages = NonNullable<MessagesBody['messages']>;
type Block = Record<string, unknown>;
const blocks = (m: Messages[number]): Block[] => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content);

/** The Messages API rules a cut must keep: starts with the person's text, no tool_result without its tool_use. */
function expectValidForModel(messages: Messages): void {
  expect(messages[0].role).toBe('user');
  expect(blocks(messages[0]).some((b) => b.type === 'text')).toBe(true);
  expect(blocks(messages[0]).some((b) => b.type === 'tool_result')).toBe(false);
  messages.forEach((m, i) => {
    if (i > 0) expect(m.role).not.toBe(messages[i - 1].role);
    for (const b of blocks(m).filter((x) => x.type === 'tool_result')) {
      const prevUses =
        i > 0
          ? blocks(messages[i - 1])
              .filter((x) => x.type === 'tool_use')
              .map((x) => x.id)
          : [];
      expect(prevUses).toContain(b.tool_use_id);
    }
    for (const u of blocks(m).filter((x) => x.type === 'tool_use')) {
      const next = messages[i + 1];
      expect(next, 'a tool_use is answered in the next message').toBeDefined();
      expect(
        blocks(next)
          .filter((x) => x.type === 'tool_result')
          .map((x) => x.tool_use_id),
      ).toContain(u.id);
    }
  });
}

const lastRequest = () => world.fake.messageRequests().at(-1)!;

describe('saved threads', () => {
  it('survive a restart, sealed, and the next turn sends the earlier messages to the model', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(toolUse('freshdesk_tickets_list', { per_page: 2 }), say('Noted the marmalade escalation plan.'));
    expect(await rig.t.core.chat.send('alice', 'general', 'Remember: PURPLE-HIPPO-4711 is the VIP code')).toBe('end_turn');

    const file = readFileSync(rig.t.storePath, 'utf8');
    expect(file).not.toContain('PURPLE-HIPPO');
    expect(file).not.toContain('marmalade');
    const stored = (JSON.parse(file) as { profiles: Array<{ identifier: string; chat?: unknown }> }).profiles;
    expect(stored.find((p) => p.identifier === 'alice')?.chat).toBeDefined();

    const core = (await restart()).core;
    expect(core.chat.threads('alice')).toEqual([
      expect.objectContaining({ threadId: 'general', title: 'Remember: PURPLE-HIPPO-4711 is the VIP code', busy: false }),
    ]);
    expect(core.chat.thread('alice', 'general').items.map((i) => i.kind)).toEqual(['user', 'tool', 'assistant']);

    world.fake.script(say('It is PURPLE-HIPPO-4711.'));
    expect(await core.chat.send('alice', 'general', 'What was the VIP code?')).toBe('end_turn');
    const messages = lastRequest().body.messages!;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(JSON.stringify(messages[0])).toContain('PURPLE-HIPPO-4711');
    expect(JSON.stringify(messages[3])).toContain('marmalade escalation plan');
    expectValidForModel(messages);
    expect(core.chat.thread('alice', 'general').items.map((i) => i.kind)).toEqual(['user', 'tool', 'assistant', 'user', 'assistant']);
    // Other profiles have nothing of it.
    expect(core.chat.threads('bob')).toEqual([]);
  });

  it('counts the tokens Claude reports per turn and per thread, and keeps the thread total across a restart', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(
      toolUse(
        'freshdesk_tickets_list',
        { per_page: 2 },
        { usage: { input_tokens: 1200, output_tokens: 30, cache_read_input_tokens: 1000 } },
      ),
      say('Two tickets.', {
        usage: { input_tokens: 300, output_tokens: 50, cache_read_input_tokens: 1500, cache_creation_input_tokens: 200 },
      }),
    );
    await rig.t.core.chat.send('alice', 'general', 'Show me two tickets');
    const first = rig.events.filter((e) => e.type === 'turn_end').at(-1);
    const turn1 = { input: 1500, output: 80, cacheRead: 2500, cacheWrite: 200 };
    expect(first).toMatchObject({ usage: turn1, threadUsage: turn1 });
    expect(rig.t.core.chat.thread('alice', 'general').usage).toEqual(turn1);

    world.fake.script(say('Done.', { usage: { input_tokens: 40, output_tokens: 5, cache_read_input_tokens: 2000 } }));
    await rig.t.core.chat.send('alice', 'general', 'Thanks');
    const second = rig.events.filter((e) => e.type === 'turn_end').at(-1);
    const total = { input: 1540, output: 85, cacheRead: 4500, cacheWrite: 200 };
    expect(second).toMatchObject({ usage: { input: 40, output: 5, cacheRead: 2000, cacheWrite: 0 }, threadUsage: total });
    // another thread starts from nothing
    expect(rig.t.core.chat.thread('alice', 'other').usage).toBeUndefined();

    const core = (await restart()).core;
    expect(core.chat.thread('alice', 'general').usage).toEqual(total);
  });

  it('a turn that ended while waiting for approval is stored with the call answered as cancelled', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    const id = world.sandbox.accounts[0].fixtures.richTicketId;
    world.fake.script(toolUse('freshdesk_ticket_update', { ticket_id: id, priority: 1 }, { id: 'toolu_waiting' }));
    const turn = rig.t.core.chat.send('alice', 'general', `Lower the priority of #${id}`);
    await rig.waitFor('approval_required');

    const core = (await restart()).core;
    expect(await turn).toBe('cancelled');
    expect(core.chat.pendingApprovals('alice')).toEqual([]);
    const tool = core.chat.thread('alice', 'general').items.find((i) => i.kind === 'tool');
    expect(tool).toMatchObject({ status: 'cancelled' });

    world.fake.script(say('Understood, I will not change it.'));
    await core.chat.send('alice', 'general', 'Never mind.');
    const messages = lastRequest().body.messages!;
    expectValidForModel(messages);
    const result = blocks(messages[2]).find((b) => b.type === 'tool_result' && b.tool_use_id === 'toolu_waiting');
    expect(result).toMatchObject({ is_error: true });
    expect(textOfToolResult(result as { content: unknown })).toContain('cancelled: the app closed');
  });

  it('disconnect removes the saved threads; forgetting the profile does too', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    await rig.connect('bob', 3);
    world.fake.script(say('Alice reply about the kiwi shipment.'), say('Bob reply.'));
    await rig.t.core.chat.send('alice', 'general', 'kiwi shipment status?');
    await rig.t.core.chat.send('bob', 'general', 'hello');
    const chatOf = (who: string) =>
      (JSON.parse(readFileSync(rig.t.storePath, 'utf8')) as { profiles: Array<{ identifier: string; chat?: unknown }> }).profiles.find(
        (p) => p.identifier === who,
      )?.chat;
    expect(chatOf('alice')).toBeDefined();

    await rig.t.core.chat.forgetProfile('bob');
    expect(chatOf('bob')).toBeUndefined();
    await rig.t.core.accounts.disconnect('alice');
    expect(chatOf('alice')).toBeUndefined();

    const core = (await restart()).core;
    const bob = world.sandbox.accounts[0].agents[3];
    await core.accounts.authorize('alice', { subdomain: 'acme', apiKey: world.sandbox.accounts[0].agents[0].apiKey });
    await core.accounts.authorize('bob', { subdomain: 'acme', apiKey: bob.apiKey });
    expect(core.chat.threads('alice')).toEqual([]);
    expect(core.chat.thread('alice', 'general').items).toEqual([]);
    expect(core.chat.threads('bob')).toEqual([]);
  });
});

describe('saved threads that cannot be opened', () => {
  it('are kept on disk untouched instead of being overwritten', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(say('First answer.'));
    await rig.t.core.chat.send('alice', 'general', 'first question');
    const chatOf = () =>
      (JSON.parse(readFileSync(rig.t.storePath, 'utf8')) as { profiles: Array<{ identifier: string; chat?: unknown }> }).profiles.find(
        (p) => p.identifier === 'alice',
      )?.chat;
    const before = chatOf();
    expect(before).toBeDefined();

    // Another machine's keychain: nothing of the old vault opens.
    const core = (await restart(createTestCipher())).core;
    expect(core.chat.threads('alice')).toEqual([]);
    await core.accounts.authorize('alice', { subdomain: 'acme', apiKey: world.sandbox.accounts[0].agents[0].apiKey });
    await core.chat.setApiKey('alice', rig.anthropicKey);
    world.fake.script(say('Second answer.'));
    expect(await core.chat.send('alice', 'other', 'second question')).toBe('end_turn');
    expect(chatOf()).toEqual(before);
  });
});

describe('a long thread', () => {
  it('is cut for the model at a turn start, and kept whole for display', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    // ~30 KB per question: the 150 KB budget is passed after a handful of turns.
    // (words, not one long token: the typed-value scan is slow on a single 30 KB word)
    const padding = 'the customer wrote again '.repeat(1_200);
    const turns = 8;
    for (let n = 0; n < turns; n++) {
      world.fake.script(toolUse('freshdesk_tickets_list', { per_page: 1 }), say(`Answer ${n}.`));
      expect(await rig.t.core.chat.send('alice', 'general', `Question turn-${n}-marker ${padding}`)).toBe('end_turn');
    }
    const last = lastRequest();
    const messages = last.body.messages!;
    expectValidForModel(messages);
    expect(last.raw.length).toBeLessThan(200_000);
    expect(last.raw).not.toContain('turn-0-marker');
    expect(JSON.stringify(messages[0])).toMatch(/Question turn-\d-marker/);
    expect(last.raw).toContain(`turn-${turns - 1}-marker`);
    // Every request of the run was valid, not only the last one.
    for (const r of world.fake.messageRequests()) expectValidForModel(r.body.messages!);
    // The person still sees the whole thread.
    const items = rig.t.core.chat.thread('alice', 'general').items;
    expect(items.filter((i) => i.kind === 'user')).toHaveLength(turns);
  });
});
