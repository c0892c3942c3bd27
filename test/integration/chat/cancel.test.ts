// Cancel at any moment: mid-stream (the SDK request is aborted, the partial answer is kept)
// and mid-tool (the Freshdesk call in flight is abandoned, the turn ends at once). The thread
// stays usable: the next request is valid (every tool_use has its tool_result).
import { describe, expect, it } from 'vitest';
import { say, textOfToolResult, toolResultsOf, toolUse } from '../../fakes/anthropic';
import { makeChatRig, sandboxControl, useChatWorld, type ChatRig } from './setup';

let rig: ChatRig;
const world = useChatWorld(() => rig, { after: (w) => w.clearFaults() });

describe('cancel', () => {
  it('mid-stream: the stream is aborted, the turn ends as cancelled and the partial text stays', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(
      say('This answer is long and will be cut off part way through the stream.', { hangAfterDeltas: 2 }),
      say('Fresh answer.'),
    );

    const started = Date.now();
    const turn = rig.t.core.chat.send('alice', 'general', 'Tell me a long story');
    await rig.waitFor('text_delta');
    await new Promise((r) => setTimeout(r, 30));
    expect(rig.t.core.chat.thread('alice', 'general').busy).toBe(true);
    expect(rig.t.core.chat.cancel('general')).toBe(true);
    expect(await turn).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(rig.events.at(-1)).toMatchObject({ type: 'turn_end', reason: 'cancelled' });
    expect(rig.events.some((e) => e.type === 'error')).toBe(false);

    const view = rig.t.core.chat.thread('alice', 'general');
    expect(view.busy).toBe(false);
    const partial = view.items.find((i) => i.kind === 'assistant');
    expect(partial?.kind === 'assistant' && partial.text).toBe('This answer is long and ');

    // The thread goes on; the model sees its own partial answer.
    expect(await rig.t.core.chat.send('alice', 'general', 'Shorter please')).toBe('end_turn');
    const next = world.fake.messageRequests()[1];
    expect(next.body.messages!.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(next.body.messages![1])).toContain('This answer is long and ');
  });

  it('mid-tool: the Freshdesk call in flight is abandoned and the next request carries a cancelled tool_result', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    // The sandbox holds the next acme request for 4 s.
    await sandboxControl(world, 'POST', '/_sandbox/faults', { subdomain: 'acme', kind: 'latency', ms: 4_000, count: 1 });
    world.fake.script(toolUse('freshdesk_tickets_list', { per_page: 3 }), say('Let us try again later.'));

    const turn = rig.t.core.chat.send('alice', 'general', 'List tickets');
    await rig.waitFor('tool_call');
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    rig.t.core.chat.cancel('general');
    expect(await turn).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(rig.events.find((e) => e.type === 'tool_result')).toMatchObject({ status: 'cancelled', ok: false });
    expect(rig.t.core.chat.thread('alice', 'general').items.find((i) => i.kind === 'tool')).toMatchObject({ status: 'cancelled' });
    expect(world.fake.messageRequests()).toHaveLength(1);

    expect(await rig.t.core.chat.send('alice', 'general', 'ok, later then')).toBe('end_turn');
    const [tr] = toolResultsOf(world.fake.messageRequests()[1]);
    expect(tr.is_error).toBe(true);
    expect(textOfToolResult(tr)).toMatch(/Cancelled by the agent/);
  });

  it('a second message while a turn runs is refused with a clear error', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(say('slow', { hangAfterDeltas: 1 }));
    const turn = rig.t.core.chat.send('alice', 'general', 'one');
    await rig.waitFor('text_delta');
    await expect(rig.t.core.chat.send('alice', 'general', 'two')).rejects.toMatchObject({ code: 'busy' });
    rig.t.core.chat.cancel('general', 'alice');
    expect(await turn).toBe('cancelled');
  });

  it('close() ends running turns', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(say('never finishes', { hangAfterDeltas: 1 }));
    const turn = rig.t.core.chat.send('alice', 'general', 'hello');
    await rig.waitFor('text_delta');
    await rig.cleanup();
    expect(await turn).toBe('cancelled');
  });
});
