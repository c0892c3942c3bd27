// Errors: Freshdesk tool errors go back to the model as is_error results it can explain (403
// names the role, REVOKED says to reconnect); Anthropic errors end the turn with a clear
// message and keep the thread; a missing key says where to add it; a turn is bounded.
import { describe, expect, it } from 'vitest';
import { apiError, overloaded, rateLimited, say, textOfToolResult, toolResultsOf, toolUse, unauthorized } from '../../fakes/anthropic';
import { makeChatRig, sandboxControl, useChatWorld, type ChatRig } from './setup';

let rig: ChatRig;
const world = useChatWorld(() => rig, { after: (w) => w.fake.setValidKeys(undefined) });

const lastError = (r: ChatRig) => r.events.filter((e) => e.type === 'error').at(-1) as { code: string; message: string } | undefined;

describe('Freshdesk errors reach the model', () => {
  it('a 403 goes back as an is_error result naming the role', async () => {
    rig = await makeChatRig(world);
    await rig.connect('gia', 6); // "Read-only Triage": may not reply
    const acme = world.sandbox.accounts[0];
    world.fake.script(
      toolUse('freshdesk_tickets_reply', { ticket_id: acme.fixtures.richTicketId, body: '<p>Hi</p>' }),
      say('Your role cannot reply; ask a colleague.'),
    );
    const turn = rig.t.core.chat.send('gia', 'general', `Reply hi on ${acme.fixtures.richTicketId}`);
    const approval = await rig.waitFor('approval_required');
    await rig.t.core.chat.resolveApproval(approval.callId, { approved: true });
    expect(await turn).toBe('end_turn');
    const [tr] = toolResultsOf(world.fake.messageRequests()[1]);
    expect(tr.is_error).toBe(true);
    const text = textOfToolResult(tr);
    expect(text).toMatch(/^Tool error \(permission\)/);
    // A non-admin cannot read role names from Freshdesk, so the role is named by its id.
    const roleIds = (await rig.t.core.accounts.get('gia'))!.agent!.roleIds;
    expect(roleIds.length).toBeGreaterThan(0);
    expect(text).toContain(`role id${roleIds.length > 1 ? 's' : ''}: ${roleIds.join(', ')}`);
    expect(rig.events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: false, status: 'failed', error: { kind: 'permission' } });
  });

  it('a tool the role cannot use is refused without a request, with the reason', async () => {
    rig = await makeChatRig(world);
    await rig.connect('finn', 5);
    world.fake.script(
      toolUse('freshdesk_agents_list', {}),
      say('I cannot list agents with your role.'),
      toolUse('freshdesk_agents_list', {}),
      say('Still no.'),
    );
    await rig.t.core.chat.send('finn', 'general', 'Who works here?');
    const [first] = toolResultsOf(world.fake.messageRequests()[1]);
    expect(first.is_error).toBe(true);
    expect(textOfToolResult(first)).toMatch(/\((permission|not_allowed)\)/);
    // After Freshdesk said no once, the tool is gone from the list and a call is refused locally.
    await rig.t.core.chat.send('finn', 'general', 'Try again');
    expect(world.fake.messageRequests()[2].body.tools!.map((t) => t.name)).not.toContain('freshdesk_agents_list');
    const [second] = toolResultsOf(world.fake.messageRequests()[3]);
    expect(textOfToolResult(second)).toMatch(/^Tool error \(not_allowed\): freshdesk_agents_list is not available to this profile/);
  });

  it('a key reset during the turn: the tool says REVOKED and to reconnect; the profile is REVOKED', async () => {
    rig = await makeChatRig(world);
    await rig.connect('eve', 4);
    const eve = world.sandbox.accounts[0].agents[4];
    let reset: Promise<unknown> | undefined;
    world.fake.script(
      toolUse('freshdesk_tickets_list', { per_page: 2 }),
      () => {
        // The agent resets their key in Freshdesk while Claude is thinking.
        reset = sandboxControl(world, 'POST', `/_sandbox/accounts/acme/agents/${eve.id}/reset-key`);
        return toolUse('freshdesk_tickets_list', { per_page: 2, page: 2 }, { delayMs: 300 });
      },
      say('Your Freshdesk key no longer works; please reconnect in Settings.'),
    );
    expect(await rig.t.core.chat.send('eve', 'general', 'Show my tickets, two pages')).toBe('end_turn');
    await reset;
    const [ok] = toolResultsOf(world.fake.messageRequests()[1]);
    expect(ok.is_error).toBeUndefined();
    const [revoked] = toolResultsOf(world.fake.messageRequests()[2]);
    expect(revoked.is_error).toBe(true);
    expect(textOfToolResult(revoked)).toMatch(/^Tool error \(revoked\)/);
    expect(textOfToolResult(revoked)).toMatch(/reconnect/);
    expect((await rig.t.core.accounts.get('eve'))?.status).toBe('REVOKED');
    // The thread is kept.
    expect(rig.t.core.chat.thread('eve', 'general').items.filter((i) => i.kind === 'tool')).toHaveLength(2);
  });
});

describe('Anthropic errors end the turn with a clear message and keep the thread', () => {
  const cases = [
    { name: '401 bad key', answer: unauthorized, code: 'anthropic_auth', message: /did not accept the API key.*Settings/ },
    { name: '429 rate limit', answer: rateLimited, code: 'anthropic_rate_limited', message: /rate limit.*20 s/ },
    { name: '529 overloaded', answer: overloaded, code: 'anthropic_overloaded', message: /overloaded/ },
    {
      name: '500 server',
      answer: () => apiError(500, 'api_error', 'Internal server error'),
      code: 'anthropic_server',
      message: /problem \(500\)/,
    },
    {
      name: '400 bad request',
      answer: () => apiError(400, 'invalid_request_error', 'messages: roles must alternate'),
      code: 'anthropic_bad_request',
      message: /roles must alternate/,
    },
    {
      name: '404 unknown model',
      answer: () => apiError(404, 'not_found_error', 'model: nope'),
      code: 'anthropic_model',
      message: /model.*Settings/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      rig = await makeChatRig(world);
      await rig.connect('alice', 0);
      world.fake.script(c.answer());
      expect(await rig.t.core.chat.send('alice', 'general', 'hello')).toBe('error');
      expect(lastError(rig)).toEqual(expect.objectContaining({ code: c.code, message: expect.stringMatching(c.message) }));
      expect(rig.events.at(-1)).toMatchObject({ type: 'turn_end', reason: 'error' });
      const view = rig.t.core.chat.thread('alice', 'general');
      expect(view.items.map((i) => i.kind)).toEqual(['user', 'error']);
      expect(JSON.stringify(rig.events)).not.toContain(rig.anthropicKey);
      expect(rig.logs.join('\n')).not.toContain(rig.anthropicKey);
      // Nothing lost: the next message carries both questions.
      world.fake.script(say('Back again.'));
      expect(await rig.t.core.chat.send('alice', 'general', 'hello again')).toBe('end_turn');
      const last = world.fake.messageRequests().at(-1)!;
      expect(last.body.messages).toEqual([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hello' },
            { type: 'text', text: 'hello again' },
          ],
        },
      ]);
    });
  }

  it('an overloaded error in the middle of the stream keeps the partial text', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(
      say('Part one of the answer, then trouble.', {
        errorAfterDeltas: { afterDeltas: 2, type: 'overloaded_error', message: 'Overloaded' },
      }),
    );
    expect(await rig.t.core.chat.send('alice', 'general', 'hello')).toBe('error');
    expect(lastError(rig)?.code).toBe('anthropic_overloaded');
    const items = rig.t.core.chat.thread('alice', 'general').items;
    expect(items.map((i) => i.kind)).toEqual(['user', 'assistant', 'error']);
  });

  it('a network failure (connection dropped) ends the turn with a network message', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script({ kind: 'drop' }, { kind: 'drop' });
    expect(await rig.t.core.chat.send('alice', 'general', 'hello')).toBe('error');
    expect(lastError(rig)).toMatchObject({ code: 'anthropic_network', message: expect.stringMatching(/could not reach Anthropic/) });
  });

  it('one retry: a retryable 529 followed by an answer succeeds', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(apiError(529, 'overloaded_error', 'Overloaded', { retryable: true }), say('Made it.'));
    expect(await rig.t.core.chat.send('alice', 'general', 'hello')).toBe('end_turn');
    expect(world.fake.messageRequests()).toHaveLength(2);
  });

  it('a key Anthropic refuses mid-turn (revoked after the first call) ends the turn; the tool result is kept', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(toolUse('freshdesk_roles_list', {}), () => {
      world.fake.setValidKeys(['someone-else']);
      return unauthorized();
    });
    expect(await rig.t.core.chat.send('alice', 'general', 'roles?')).toBe('error');
    expect(lastError(rig)?.code).toBe('anthropic_auth');
    expect(rig.t.core.chat.thread('alice', 'general').items.map((i) => i.kind)).toEqual(['user', 'tool', 'error']);
  });
});

describe('no key, and bounded turns', () => {
  it('without a key the turn ends at once telling the person to add it in Settings', async () => {
    rig = await makeChatRig(world);
    await rig.t.core.accounts.authorize('zed', { subdomain: 'acme', apiKey: world.sandbox.accounts[0].agents[3].apiKey });
    expect(rig.t.core.chat.apiKeyStatus('zed')).toEqual({ configured: false });
    expect(await rig.t.core.chat.send('zed', 'general', 'hello')).toBe('error');
    expect(lastError(rig)).toEqual(expect.objectContaining({ code: 'no_api_key', message: expect.stringMatching(/Add one in Settings/) }));
    expect(world.fake.messageRequests()).toHaveLength(0);
    const test = await rig.t.core.chat.testApiKey('zed');
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/Settings/);
  });

  it('testApiKey checks key and model with one cheap call', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    expect(await rig.t.core.chat.testApiKey('alice')).toEqual({ ok: true, message: expect.stringMatching(/claude-sonnet-4-6/) });
    world.fake.setValidKeys(['other']);
    const bad = await rig.t.core.chat.testApiKey('alice');
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/did not accept/);
    expect(bad.message).not.toContain(rig.anthropicKey);
    expect(world.fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/models/claude-sonnet-4-6',
      'GET /v1/models/claude-sonnet-4-6',
    ]);
  });

  it('uses the model from Settings', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    rig.t.core.settings.update({ model: 'claude-opus-4-1' });
    world.fake.script(say('hi'));
    await rig.t.core.chat.send('alice', 'general', 'hello');
    expect(world.fake.messageRequests()[0].body.model).toBe('claude-opus-4-1');
  });

  it('stops after 8 model calls; the 8th call’s tools are not run', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    const id = world.sandbox.accounts[0].fixtures.richTicketId;
    for (let i = 0; i < 8; i++) world.fake.script(toolUse('freshdesk_ticket_get', { ticket_id: id }));
    expect(await rig.t.core.chat.send('alice', 'general', 'loop forever')).toBe('max_steps');
    expect(world.fake.messageRequests()).toHaveLength(8);
    expect(rig.events.filter((e) => e.type === 'tool_result')).toHaveLength(7);
    expect(lastError(rig)?.code).toBe('max_steps');
    // The unrun call still got its result, so the thread continues.
    world.fake.script(say('Stopping here.'));
    expect(await rig.t.core.chat.send('alice', 'general', 'ok stop')).toBe('end_turn');
    const [notRun] = toolResultsOf(world.fake.messageRequests()[8]);
    expect(textOfToolResult(notRun)).toMatch(/limit of 8 steps/);
  });
});

describe('an answer cut off by max_tokens', () => {
  it('ends the turn as max_tokens and drops a half-written tool call so the thread stays valid', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    world.fake.script(
      toolUse('freshdesk_tickets_list', { per_page: 2 }, { text: 'Let me', stop_reason: 'max_tokens' }),
      say('Continuing.'),
    );
    expect(await rig.t.core.chat.send('alice', 'general', 'hi')).toBe('max_tokens');
    expect(rig.events.some((e) => e.type === 'tool_call')).toBe(false);
    await rig.t.core.chat.send('alice', 'general', 'go on');
    const next = world.fake.messageRequests()[1];
    expect(next.body.messages![1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Let me' }] });
  });
});
