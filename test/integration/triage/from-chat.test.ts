// Starting a triage plan from the chat: the chat's local tool triage_plan_start runs a triage
// (its own model call, scripted here to propose) and answers with the plan id; nothing is written.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { say, textOfToolResult, toolResultsOf, toolUse } from '../../fakes/anthropic';
import { propose } from '../../fakes/triage';
import { clearSandboxRequests, makeChatRig, sandboxRequests, startWorld, type ChatRig, type World } from '../chat/setup';

let world: World;
let rig: ChatRig;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());
afterEach(async () => {
  await rig?.cleanup();
  expect(world.fake.remaining()).toBe(0);
  world.fake.requests.length = 0;
});

it('"triage my new tickets" creates the same kind of plan; the tool card carries its id; no write', async () => {
  rig = await makeChatRig(world);
  await rig.connect('alice', 0);
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
