// MCP in the window: Settings → MCP turns the server on (endpoint, setup lines with the token
// masked, Copy through main); a write from an MCP client (the SDK's own Client) shows an
// approval card saying who asked; approving it answers the client, and the Activity screen
// shows the write with the client's name.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { test, expect } from '../harness/fixtures';
import { ADMIN, clearSandboxRequests, connectedAs, expectAccessible, fixtures, sandboxRequests } from './helpers';

test('Settings → MCP, an MCP write approved in the window, and its line in Activity', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const section = page.locator('.mcp-settings');
  await expect(section.getByTestId('mcp-endpoint')).toHaveCount(0);
  const toggle = section.getByLabel('Let MCP clients on this computer use Triage Desk');
  await expect(toggle).toBeEnabled();
  await toggle.check();
  await expect(section.getByTestId('mcp-endpoint')).toContainText(/http:\/\/127\.0\.0\.1:\d+\/mcp/);
  await expect(section.getByLabel('Claude Code command')).toContainText('claude mcp add --transport http triage-desk');
  await expect(section.getByLabel('Claude Code command')).toContainText('Authorization: Bearer ••••');

  const token = harness.core.mcp.token()!;
  const url = harness.core.mcp.status().url!;
  expect(await page.content()).not.toContain(token);
  await section.getByRole('button', { name: 'Copy command with token' }).click();
  await expect(section.getByText(/Copied, with the token/)).toBeVisible();
  expect(harness.bridge.copied.at(-1)).toBe(`claude mcp add --transport http triage-desk ${url} --header "Authorization: Bearer ${token}"`);
  expect(JSON.stringify(harness.bridge.deliveredEvents)).not.toContain(token);

  const client = new Client({ name: 'Claude Code', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  try {
    await expect(section.getByTestId('mcp-clients')).toContainText('Claude Code', { timeout: 10_000 });
    await expectAccessible(page, 'settings-mcp');

    const ticketId = fixtures(harness).richTicketId;
    await clearSandboxRequests(harness);
    const call = client.callTool({ name: 'freshdesk_ticket_update', arguments: { ticket_id: ticketId, priority: 4, tags: ['mcp'] } });
    const card = page.getByRole('region', { name: `Approval needed: Claude Code wants to update ticket #${ticketId}` });
    await expect(card).toBeVisible();
    await expect(card.locator('.chat-diff')).toContainText('priority');
    expect((await sandboxRequests(harness)).filter((r) => r.method !== 'GET')).toEqual([]);
    await expectAccessible(page, 'mcp-approval');
    await card.getByRole('button', { name: 'Approve' }).click();
    const result = (await call) as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBeFalsy();
    await expect(card).toHaveCount(0);
    expect((await sandboxRequests(harness)).filter((r) => r.method === 'PUT')).toHaveLength(1);
  } finally {
    await client.close();
  }

  // a triage plan's Apply and a refused write, for a fuller screen
  await harness.core.tools.execute(
    'Dana',
    'freshdesk_ticket_update',
    { ticket_id: fixtures(harness).richTicketId, status: 3 },
    { origin: 'triage' },
  );
  await harness.core.tools.execute('Dana', 'freshdesk_ticket_update', { ticket_id: 999_999_999, status: 3 });
  await page.getByRole('navigation').getByRole('button', { name: 'Activity' }).click();
  await expect(page.locator('.activity-table tbody tr')).toHaveCount(3);
  const row = page.locator('.activity-table tbody tr[data-origin="mcp"]');
  await expect(row).toContainText('Claude Code');
  await expect(row).toContainText('Update ticket');
  await expect(row).toContainText('clicked');
  await expect(row).toContainText('done');
  await page.getByLabel('Who').selectOption('chat');
  await expect(page.getByText('Nothing matches these filters.')).toBeVisible();
  await page.getByLabel('Who').selectOption('mcp');
  await expect(page.locator('.activity-table tbody tr')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).createReadStream().then(
    (s) =>
      new Promise<string>((resolve) => {
        let text = '';
        s.on('data', (c: Buffer) => (text += c.toString('utf8')));
        s.on('end', () => resolve(text));
      }),
  );
  expect(csv.split('\r\n')[0]).toContain('"time","profile","origin","client","tool"');
  expect(csv).toContain('"mcp","Claude Code","freshdesk_ticket_update"');
  await page.getByLabel('Who').selectOption('');
  await expect(page.locator('.activity-table tbody tr')).toHaveCount(3);
  await expectAccessible(page, 'activity');
});
