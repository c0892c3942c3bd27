// `npm run screenshots`: a PNG of each screen in docs/screenshots/ (README "Screenshots").
// Runs only with SCREENSHOTS=1; every screen's behaviour is covered by the other specs.
import { claudeTest, test, expect } from '../harness/fixtures';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ADMIN, agent, connectedAs, fixtures, sandboxControl } from './helpers';
import { toolUse } from '../fakes/anthropic';
import { propose } from '../fakes/triage';

test.skip(!process.env['SCREENSHOTS'], 'screenshots are taken by `npm run screenshots` (SCREENSHOTS=1)');
test.use({ viewport: { width: 1280, height: 800 } });
test.setTimeout(90_000);

test('every screen', async ({ harness }) => {
  const { page } = harness;

  await page.getByRole('button', { name: 'Connect your Freshdesk' }).click();
  await page.getByLabel('Profile name').fill('Dana');
  await page.getByLabel('Helpdesk address').fill('acme');
  await expect(page.getByTestId('subdomain-preview')).toContainText('https://acme.freshdesk.com');
  await page.getByText('Where is my API key?').click();
  await harness.screenshot('connect');

  await connectedAs(harness, ADMIN);
  await expect(page.getByTestId('queue-list').getByRole('option').nth(5)).toBeVisible();
  await harness.screenshot('queue');
  await page.emulateMedia({ colorScheme: 'dark' });
  await harness.screenshot('queue-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByLabel('Ticket #').fill(String(fixtures(harness).richTicketId));
  await page.getByLabel('Ticket #').press('Enter');
  await expect(page.getByTestId('conversation').first()).toBeVisible();
  await harness.screenshot('ticket');

  await page.getByTestId('composer').getByLabel('Message').fill('Hi Ingrid,\n\nthanks for the details — a fix is on its way.');
  await page.getByTestId('composer').getByLabel('Cc', { exact: true }).fill('lead@partner.example,');
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved');
  await page.getByTestId('composer').scrollIntoViewIfNeeded();
  await harness.screenshot('reply');

  await page.getByRole('navigation').getByRole('button', { name: 'New ticket' }).click();
  await page.getByLabel('Requester e-mail (required)').fill('new.customer@example');
  await page.getByLabel('Requester e-mail (required)').blur();
  await page.getByLabel('Subject (required)').fill('Cannot export my invoices');
  await expect(page.getByLabel('Requester e-mail (required)')).toHaveAttribute('aria-invalid', 'true');
  await harness.screenshot('new-ticket');

  await page.getByRole('navigation').getByRole('button', { name: 'New contact' }).click();
  await page.getByLabel('Name (required)').fill('Rosa Diaz');
  await page.getByLabel('E-mail').fill(agent(harness, /^dan\.agent@/).email);
  await page.getByRole('button', { name: 'Create contact' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await harness.screenshot('new-contact');

  await page.getByRole('navigation').getByRole('button', { name: 'Agents' }).click();
  await expect(page.getByTestId('agent-row').first()).toBeVisible();
  await page.getByRole('button', { name: 'Add agent' }).click();
  await expect(page.getByRole('checkbox', { name: /^Agent —/ })).toBeVisible();
  await harness.screenshot('agents');

  await page.getByRole('navigation').getByRole('button', { name: 'Roles' }).click();
  await expect(page.getByTestId('role-card').first()).toBeVisible();
  await harness.screenshot('roles');

  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('claude-key-status')).not.toContainText('Checking');
  await harness.screenshot('settings');

  // MCP: the server on, Claude Code connected, one of its writes waiting, then Activity
  const mcp = page.locator('.mcp-settings');
  await mcp.getByLabel('Let MCP clients on this computer use Triage Desk').check();
  await expect(mcp.getByTestId('mcp-endpoint')).toContainText('127.0.0.1');
  const client = new Client({ name: 'Claude Code', version: '1.0.0' });
  const { url } = harness.core.mcp.status();
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url!), { requestInit: { headers: { Authorization: `Bearer ${harness.core.mcp.token()}` } } }),
  );
  await expect(mcp.getByTestId('mcp-clients')).toContainText('Claude Code', { timeout: 10_000 });
  await mcp.scrollIntoViewIfNeeded();
  await harness.screenshot('settings-mcp');
  const ticketId = fixtures(harness).richTicketId;
  const call = client.callTool({ name: 'freshdesk_ticket_update', arguments: { ticket_id: ticketId, priority: 4, tags: ['billing'] } });
  const card = page.getByRole('region', { name: /Claude Code wants to update ticket/ });
  await expect(card).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await harness.screenshot('mcp-approval');
  await card.getByRole('button', { name: 'Approve' }).click();
  await call;
  await client.close();
  await harness.core.tools.execute('Dana', 'freshdesk_ticket_update', { ticket_id: ticketId, status: 3 }, { origin: 'triage' });
  await harness.core.tools.execute('Dana', 'freshdesk_ticket_update', { ticket_id: 999_999_999, status: 3 });
  await page.getByRole('navigation').getByRole('button', { name: 'Activity' }).click();
  await expect(page.locator('.activity-table tbody tr')).toHaveCount(4);
  await harness.screenshot('activity');

  const ben = agent(harness, ADMIN);
  await sandboxControl(harness, 'POST', `/accounts/acme/agents/${ben.id}/reset-key`);
  await page.getByRole('navigation').getByRole('button', { name: 'Queue' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('revoked-banner')).toBeVisible();
  await harness.screenshot('revoked-banner');
});

claudeTest('the chat with an approval card, and a triage plan', async ({ harness, fake }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await harness.core.chat.setApiKey('Dana', 'sk-ant-api03-screenshot0123456789');
  await expect(page.getByTestId('queue-count')).toContainText('tickets loaded');

  const id = fixtures(harness).richTicketId;
  fake.script(
    toolUse('freshdesk_ticket_get', { ticket_id: id }, { text: 'Let me read the ticket first.' }),
    toolUse(
      'freshdesk_ticket_update',
      { ticket_id: id, priority: 4, tags: ['vip', 'billing'] },
      { text: 'The customer is blocked on **invoicing**; raising it to Urgent.' },
    ),
  );
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  const box = page.getByLabel('Message to Claude');
  await box.fill(`Ticket #${id} looks urgent to me: triage it`);
  await box.press('Enter');
  await expect(page.getByRole('region', { name: 'Approval needed: Update ticket' })).toBeVisible();
  await harness.screenshot('chat-approval');
  await page
    .getByRole('region', { name: 'Approval needed: Update ticket' })
    .getByRole('button', { name: /Reject/ })
    .click();
  await page.getByRole('button', { name: 'Chat', exact: true }).click();

  fake.script(
    propose((tickets) =>
      tickets.slice(0, 8).map((t, i) => ({
        ticket_id: t.id,
        changes: i % 3 === 2 ? { tags: ['needs-info'] } : { priority: t.priority?.startsWith('4') ? 3 : 4 },
        confidence: (['high', 'high', 'medium', 'low'] as const)[i % 4],
        summary: i % 3 === 2 ? 'Asks a question the docs answer; tag for a canned reply.' : 'Customer is blocked; raise the priority.',
        ...(i === 0 ? { draft_reply: '<p>Thanks for the report, we are looking into it now.</p>' } : {}),
      })),
    ),
  );
  await page.getByRole('button', { name: 'Triage', exact: true }).click();
  const first = page.getByTestId('triage-row').first();
  await expect(first).toBeVisible();
  await page.keyboard.press('a');
  await page.keyboard.press('a');
  await first.getByText(/^Evidence/).click();
  await harness.screenshot('triage-plan');
});
