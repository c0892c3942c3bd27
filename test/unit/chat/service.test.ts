// The chat service alone, with a tool service that records what it was given (the real SDK still
// talks HTTP to the fake Messages API): the AbortSignal reaches the tool call, writes are not
// executed before approval, and tool errors are passed through with their kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatService, type ChatTools } from '../../../src-main/core/chat';
import type { ExecuteOptions, ToolDescriptor, ToolResult } from '../../../src-main/core/types';
import { say, startFakeAnthropic, textOfToolResult, toolResultsOf, toolUse, type FakeAnthropic } from '../../fakes/anthropic';

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());

const descriptor = (name: string, effect: ToolDescriptor['effect']): ToolDescriptor => ({
  name,
  description: `${name} tool`,
  inputSchema: { type: 'object', properties: {} },
  effect,
  customerVisible: false,
  adminOnly: false,
  available: true,
});

function rig(execute: (name: string, input: unknown, opts?: ExecuteOptions) => Promise<ToolResult>) {
  const calls: Array<{ name: string; input: unknown; signal?: AbortSignal; priority?: string }> = [];
  const tools: ChatTools = {
    list: () => [
      descriptor('freshdesk_tickets_list', 'read'),
      descriptor('freshdesk_ticket_update', 'write'),
      { ...descriptor('freshdesk_roles_list', 'read'), available: false, reason: 'admins only' },
    ],
    execute: (_id, name, input, opts) => {
      calls.push({ name, input, signal: opts?.signal, priority: opts?.priority });
      return execute(name, input, opts);
    },
  };
  const keys = new Map<string, string>([['p1', 'sk-ant-unit-test-key']]);
  const chat = createChatService({
    accounts: { get: async () => undefined },
    tools,
    vault: {
      anthropicKey: {
        set: (id, k) => void (k ? keys.set(id, k) : keys.delete(id)),
        get: (id) => keys.get(id),
        status: (id) => ({ configured: keys.has(id) }),
      },
      settings: { get: () => ({ model: 'claude-test', autoApproveTools: [] }) },
    },
    anthropicBaseURL: fake.url,
    now: () => Date.parse('2026-03-01T09:00:00Z'),
    log: () => {},
    requestTimeoutMs: 3_000,
  });
  return { chat, calls };
}

describe('chat service', () => {
  it('passes an AbortSignal to the tool call and aborts it on cancel', async () => {
    fake.requests.length = 0;
    const { chat, calls } = rig(
      (_n, _i, opts) =>
        new Promise((resolve) =>
          opts?.signal?.addEventListener('abort', () => resolve({ ok: false, tool: 'x', error: { kind: 'network', message: 'aborted' } })),
        ),
    );
    fake.script(toolUse('freshdesk_tickets_list', {}));
    const started = new Promise<void>((resolve) => chat.onEvent((e) => e.type === 'tool_call' && resolve()));
    const turn = chat.send('p1', 't', 'list');
    await started;
    expect(calls).toHaveLength(1);
    expect(calls[0].priority).toBe('chat');
    expect(calls[0].signal?.aborted).toBe(false);
    chat.cancel('t');
    expect(await turn).toBe('cancelled');
    expect(calls[0].signal?.aborted).toBe(true);
    await chat.close();
  });

  it('refuses an unavailable tool with its reason, and never runs a write without approval', async () => {
    fake.requests.length = 0;
    const { chat, calls } = rig(async (name) => ({ ok: true, tool: name, data: [], meta: { status: 200 } }));
    fake.script(toolUse('freshdesk_roles_list', {}), toolUse('freshdesk_ticket_update', { ticket_id: 1, priority: 2 }), say('ok'));
    const turn = chat.send('p1', 't', 'go');
    const approval = await new Promise<string>((resolve) => chat.onEvent((e) => e.type === 'approval_required' && resolve(e.callId)));
    expect(calls.filter((c) => c.name === 'freshdesk_ticket_update')).toEqual([]);
    // The only tools offered are the available ones.
    expect(fake.messageRequests()[0].body.tools!.map((t) => t.name)).toEqual(['freshdesk_tickets_list', 'freshdesk_ticket_update']);
    const [refused] = toolResultsOf(fake.messageRequests()[1]);
    expect(textOfToolResult(refused)).toBe('Tool error (not_allowed): freshdesk_roles_list is not available to this profile: admins only.');
    await chat.resolveApproval(approval, { approved: true });
    expect(await turn).toBe('end_turn');
    expect(calls.map((c) => c.name)).toEqual(['freshdesk_ticket_get', 'freshdesk_ticket_update']);
    await chat.close();
  });

  it('a tool that throws becomes an is_error result, not a broken turn', async () => {
    fake.requests.length = 0;
    const { chat } = rig(async () => {
      throw new Error('bug');
    });
    fake.script(toolUse('freshdesk_tickets_list', {}), say('Sorry.'));
    expect(await chat.send('p1', 't', 'list')).toBe('end_turn');
    const [tr] = toolResultsOf(fake.messageRequests()[1]);
    expect(tr.is_error).toBe(true);
    expect(textOfToolResult(tr)).toMatch(/^Tool error \(server\)/);
    await chat.close();
  });

  it('after close() no turn starts', async () => {
    const { chat } = rig(async (name) => ({ ok: true, tool: name, data: [], meta: { status: 200 } }));
    await chat.close();
    await expect(chat.send('p1', 't', 'x')).rejects.toMatchObject({ code: 'closed' });
  });
});
