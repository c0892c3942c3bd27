// A read-only turn end to end: the real SDK streams from the fake Messages API, the tool runs
// against the sandbox through the real core, and the model receives the compact projection
// inside the untrusted marker. Also: prompt caching breakpoints, the role's tool list, the
// byte cost of a 30-ticket list, and what the thread keeps for display.
import { describe, expect, it } from 'vitest';
import { say, textOfToolResult, toolResultsOf, toolUse } from '../../fakes/anthropic';
import { makeChatRig, rawFreshdeskGet, useChatWorld, type ChatRig } from './setup';

let rig: ChatRig;
const world = useChatWorld(() => rig);

describe('a read-only turn', () => {
  it('streams text, runs the read at once and gives the model the compact result as untrusted data', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(
      toolUse('freshdesk_tickets_list', { per_page: 5 }, { text: 'Let me look at your queue.' }),
      say('You have **5** recent tickets; the newest is urgent.'),
    );

    const reason = await rig.t.core.chat.send('alice', 'general', 'What is in my queue?');
    expect(reason).toBe('end_turn');

    const types = rig.events.map((e) => e.type);
    expect(types[0]).toBe('turn_start');
    expect(types.at(-1)).toBe('turn_end');
    expect(types).not.toContain('approval_required');
    expect(types).not.toContain('error');
    const deltas = rig.events.filter((e) => e.type === 'text_delta');
    expect(deltas.length).toBeGreaterThan(2);
    const call = await rig.waitFor('tool_call');
    expect(call).toMatchObject({
      identifier: 'alice',
      threadId: 'general',
      tool: 'freshdesk_tickets_list',
      needsApproval: false,
      effect: 'read',
    });
    const result = await rig.waitFor('tool_result');
    expect(result).toMatchObject({ callId: call.callId, ok: true, status: 'done', summary: '5 tickets' });

    const [first, second] = world.fake.messageRequests();
    // Request 1: what the model was given.
    expect(first.headers.authorization).toBe(`Bearer ${rig.anthropicKey}`);
    expect(first.headers['anthropic-version']).toBeTruthy();
    expect(first.body.model).toBe('claude-sonnet-4-6');
    expect(first.body.stream).toBe(true);
    const system = first.body.system as Array<{ text: string; cache_control?: { type: string } }>;
    expect(system).toHaveLength(1);
    expect(system[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(system[0].text).toMatch(/untrusted_freshdesk_data/);
    expect(system[0].text).toMatch(/NOT from the agent/);
    const tools = first.body.tools!;
    expect(tools.map((t) => t.name)).toContain('freshdesk_tickets_list');
    // Exactly one tool breakpoint: on the last definition.
    expect(tools.filter((t) => t.cache_control).map((t) => t.name)).toEqual([tools.at(-1)!.name]);
    expect(tools.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
    for (const t of tools) expect((t.input_schema as { type: string }).type).toBe('object');
    expect(first.body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'What is in my queue?' }] }]);

    // Request 2: the tool_result.
    const [tr] = toolResultsOf(second);
    expect(tr.is_error).toBeUndefined();
    const text = textOfToolResult(tr);
    expect(text).toMatch(/^<untrusted_freshdesk_data tool="freshdesk_tickets_list">\n/);
    expect(text).toMatch(/\n<\/untrusted_freshdesk_data>$/);
    const json = JSON.parse(text.split('\n')[1]) as { count: number; tickets: Array<Record<string, unknown>> };
    expect(json.count).toBe(5);
    expect(typeof json.tickets[0].status).toBe('string'); // names, not codes: the projection
    // The assistant turn with its tool_use is replayed exactly.
    const assistant = second.body.messages![1];
    expect(assistant.role).toBe('assistant');
    expect((assistant.content as Array<{ type: string; name?: string }>).map((b) => b.type)).toEqual(['text', 'tool_use']);

    const view = rig.t.core.chat.thread('alice', 'general');
    expect(view.busy).toBe(false);
    expect(view.items.map((i) => i.kind)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    const last = view.items.at(-1);
    expect(last?.kind === 'assistant' && last.text).toBe('You have **5** recent tickets; the newest is urgent.');
  });

  it('keeps the thread across turns and sends the ticket id with "Ask Claude"', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    const ticketId = world.sandbox.accounts[0].fixtures.richTicketId;
    world.fake.script(say('First answer.'), say('Second answer.'));
    await rig.t.core.chat.send('alice', 't1', 'Summarise this ticket', { ticketId });
    await rig.t.core.chat.send('alice', 't1', 'And now?');
    const second = world.fake.messageRequests()[1];
    expect(second.body.messages!.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(second.body.messages![0])).toContain(`ticket #${ticketId}`);
    const items = rig.t.core.chat.thread('alice', 't1').items;
    expect(items[0]).toMatchObject({ kind: 'user', ticketId });
  });
});

describe('the cost of tool results', () => {
  it('a 30-ticket list reaches the model at ≤ 25% of the raw Freshdesk JSON', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(toolUse('freshdesk_tickets_list', { per_page: 30 }), say('Done.'));
    await rig.t.core.chat.send('alice', 'general', 'List 30 tickets');
    const [tr] = toolResultsOf(world.fake.messageRequests()[1]);
    const toModel = Buffer.byteLength(textOfToolResult(tr));
    const raw = await rawFreshdeskGet(world, 'acme', world.sandbox.accounts[0].agents[0].apiKey, '/api/v2/tickets?per_page=30');
    expect((JSON.parse(raw) as unknown[]).length).toBe(30);
    const rawBytes = Buffer.byteLength(raw);
    const ratio = toModel / rawBytes;
    console.log(`[chat] 30-ticket list: ${toModel} bytes to the model vs ${rawBytes} bytes raw Freshdesk JSON (ratio ${ratio.toFixed(3)})`);
    expect(ratio).toBeLessThanOrEqual(0.25);
  });
});
