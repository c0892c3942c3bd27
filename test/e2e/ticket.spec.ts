// The ticket view: one call with everything embedded, notes told apart from replies, properties
// that send only what changed, and customer HTML rendered inert.
import { test, expect } from '../harness/fixtures';
import { ADMIN, clearSandboxRequests, connectedAs, expectAccessible, fixtures, sandboxRequests } from './helpers';

async function openTicket(harness: Parameters<typeof connectedAs>[0], id: number) {
  const { page } = harness;
  await page.getByLabel('Ticket #').fill(String(id));
  await page.getByLabel('Ticket #').press('Enter');
  await expect(page.getByTestId('ticket-view')).toContainText(`#${id}`);
}

test('one call loads the ticket with its thread, stats and SLA; properties send only what changed', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();
  await clearSandboxRequests(harness);
  const id = fixtures(harness).richTicketId;
  await openTicket(harness, id);

  const view = page.getByTestId('ticket-view');
  await expect(view.getByText('Resolved at')).toBeVisible();
  await expect(view.getByText('Resolution due')).toBeVisible();
  const kinds = await view.getByTestId('conversation').locator('.message-kind').allTextContents();
  expect(kinds.length).toBeGreaterThan(0);
  expect(new Set(kinds).size).toBeGreaterThan(1);
  await expect(view.locator('.message-note').first()).toContainText('Only agents see this note');

  let log = await sandboxRequests(harness);
  const gets = log.filter((r) => r.path === `/api/v2/tickets/${id}`);
  expect(gets).toHaveLength(1);
  expect(new URLSearchParams(gets[0].query).get('include')).toBe('conversations,requester,company,stats');
  await expectAccessible(page, 'ticket');

  // assignee comes from the agents list (an administrator may read it)
  await expect(page.getByLabel('Assignee').locator('option')).not.toHaveCount(0);
  await clearSandboxRequests(harness);
  await page.getByLabel('Status', { exact: true }).selectOption('3');
  await page.getByLabel('Priority').selectOption('4');
  await page.getByLabel('Tags (comma-separated)').fill('vip, billing');
  // the group is picked by name from the helpdesk's own choices (its ticket fields, read once for the profile)
  const choices = await harness.core.tools.fieldChoices('Dana');
  const { groups, types } = choices.ok
    ? (choices.data as { groups: { id: number; name: string }[]; types: string[] })
    : { groups: [], types: [] };
  const escalations = groups.find((g) => g.name === 'Escalations')!;
  expect(escalations).toBeDefined();
  await page.getByLabel('Group', { exact: true }).selectOption({ label: 'Escalations' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(`Ticket #${id} updated.`)).toBeVisible();
  log = await sandboxRequests(harness);
  const puts = log.filter((r) => r.method === 'PUT');
  expect(puts).toHaveLength(1);
  expect(puts[0]).toMatchObject({ path: `/api/v2/tickets/${id}`, status: 200 });
  const t = (await harness.core.tools.execute('Dana', 'freshdesk_ticket_get', { ticket_id: id })) as {
    ok: true;
    data: { status: number; priority: number; tags: string[]; group_id: number };
  };
  expect(t.data).toMatchObject({ status: 3, priority: 4, tags: ['vip', 'billing'], group_id: escalations.id });
  await expect(page.getByLabel('Group', { exact: true }).locator('option:checked')).toHaveText('Escalations');

  // Type suggests the helpdesk's own ticket types but stays free text: Freshdesk's answer decides
  const typeChoices = await page
    .getByLabel('Type')
    .evaluate((el) => Array.from((el as HTMLInputElement).list?.options ?? [], (o) => o.value));
  expect(types.length).toBeGreaterThan(1);
  expect(typeChoices).toEqual(types);
  // a validation error from Freshdesk shows on its field and nothing changes
  await page.getByLabel('Type').fill('No such type');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: /type|Type/ })
      .first(),
  ).toBeVisible();
  await expect(page.locator('.properties [data-testid="field-error"], .properties .field-error').first()).toBeVisible();
});

test('properties are checked with the update tool’s own rules: a bad tag is marked and nothing is sent', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();
  const id = fixtures(harness).richTicketId;
  await openTicket(harness, id);
  await clearSandboxRequests(harness);
  await page.getByLabel('Tags (comma-separated)').fill(`ok, ${'x'.repeat(40)}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  // the message is the tool schema's (src-shared/tools/fields.ts), not a copy in the panel
  await expect(page.locator('.properties').getByText('A tag can have at most 32 characters.')).toBeVisible();
  await expect(page.locator('.properties').getByText('Fix the marked fields; nothing was sent.')).toBeVisible();
  expect((await sandboxRequests(harness)).filter((r) => r.method === 'PUT')).toEqual([]);
});

test('hostile ticket HTML renders inert: no script, no handler, no javascript: link, no remote request', async ({ harness }) => {
  const { page } = harness;
  const remote: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:') remote.push(r.url());
  });
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await connectedAs(harness, ADMIN);
  const id = fixtures(harness).hostileHtmlTicketId;
  await openTicket(harness, id);
  const body = page.getByTestId('ticket-view').locator('.safe-html').first();
  await expect(body).toContainText('The invoice page shows strange code');
  await expect(body.locator('.blocked-image')).toHaveCount(2);
  await expect(body.locator('script, img, [onerror]')).toHaveCount(0);
  expect(await body.locator('a').first().getAttribute('href')).toBeNull();

  // clicking the neutered link does nothing; no script ever ran
  await body.getByText('Open the invoice').click();
  expect(await page.evaluate(() => (window as unknown as { __sandboxPwned?: boolean }).__sandboxPwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  await page.waitForTimeout(300);
  expect(remote).toEqual([]);
  expect(harness.cspViolations).toEqual([]);
  expect(harness.pageErrors).toEqual([]);
});

test('links open only after confirmation, only allowlisted ones in the system browser', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();
  // a note carrying links, written through the API like a colleague would
  const id = fixtures(harness).richTicketId;
  const html =
    '<p>See <a href="https://acme.freshdesk.com/a/solutions/1">the article</a> or <a href="https://evil.example/login">this page</a>' +
    ' or <a href="https://globex.freshdesk.com/a/tickets/1">another helpdesk</a></p>';
  const r = await harness.core.tools.execute('Dana', 'freshdesk_ticket_update', { ticket_id: id, description: html });
  expect(r.ok).toBe(true);
  await openTicket(harness, id);
  const desc = page.getByTestId('ticket-view').locator('.safe-html').first();

  await desc.getByText('this page').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('https://evil.example/login');
  await expect(dialog.getByRole('button', { name: 'Open in browser' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Another company's helpdesk is not "yours": main would refuse it, so it is not offered.
  await desc.getByText('another helpdesk').click();
  await expect(dialog).toContainText('https://globex.freshdesk.com/a/tickets/1');
  await expect(dialog.getByRole('button', { name: 'Open in browser' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await desc.getByText('the article').click();
  await expect(dialog).toContainText('https://acme.freshdesk.com/a/solutions/1');
  await expectAccessible(page, 'link-confirm');
  await dialog.getByRole('button', { name: 'Open in browser' }).click();
  await expect(dialog).toBeHidden();
  expect(harness.bridge.openedExternal).toEqual(['https://acme.freshdesk.com/a/solutions/1']);
});

test('a restricted agent opening a ticket outside their scope is told why, naming the role', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, /^finn\.restricted@/);
  const id = fixtures(harness).richTicketId;
  await page.getByLabel('Ticket #').fill(String(id));
  await page.getByLabel('Ticket #').press('Enter');
  await expect(page.getByTestId('ticket-error')).toContainText(/outside your ticket scope|not found/);
  const log = await sandboxRequests(harness);
  expect(log.filter((r) => r.path === `/api/v2/tickets/${id}`).map((r) => r.status)[0]).toBeGreaterThanOrEqual(403);
  await expectAccessible(page, 'ticket-forbidden');
});
