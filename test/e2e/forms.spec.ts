// New ticket and new contact: Freshdesk's rules shown inline before anything is sent, Freshdesk's
// own field errors shown on their fields after, and a duplicate contact linking to the existing one.
import { test, expect } from '../harness/fixtures';
import { ADMIN, clearSandboxRequests, connectedAs, expectAccessible, sandboxRequests } from './helpers';

test('new ticket: inline validation sends nothing; a valid ticket is created once and can be opened', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await page.getByRole('navigation').getByRole('button', { name: 'New ticket' }).click();
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  // Type suggests the helpdesk's own ticket types (its ticket fields)
  await expect
    .poll(() => page.getByLabel('Type').evaluate((el) => Array.from((el as HTMLInputElement).list?.options ?? [], (o) => o.value)))
    .toContain('Problem');
  await clearSandboxRequests(harness);

  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByText('Fix the marked fields; nothing was sent.')).toBeVisible();
  await expect(page.getByLabel('Requester e-mail (required)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Subject (required)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Description (required)')).toHaveAttribute('aria-invalid', 'true');
  // the tool's own rule (type ≤ 255 characters), checked in main without a request
  await page.getByLabel('Type').fill('x'.repeat(300));
  await page.getByLabel('Type').blur();
  await expect(page.getByLabel('Type')).toHaveAttribute('aria-invalid', 'true');
  expect((await sandboxRequests(harness)).filter((r) => r.path === '/api/v2/tickets')).toEqual([]);
  await expectAccessible(page, 'new-ticket-invalid');

  await page.getByLabel('Requester e-mail (required)').fill('new.customer@example.org');
  await page.getByLabel('Requester name').fill('New Customer');
  await page.getByLabel('Subject (required)').fill('Cannot export my invoices');
  await page.getByLabel('Description (required)').fill('The export button does nothing.\nTried twice.');
  await page.getByLabel('Priority').selectOption('3');
  await page.getByLabel('Type').fill('Problem');
  await page.getByLabel('Tags (comma-separated)').fill('export, billing');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByText(/Ticket #\d+ created\./)).toBeVisible();
  const posts = (await sandboxRequests(harness)).filter((r) => r.method === 'POST');
  expect(posts).toEqual([expect.objectContaining({ path: '/api/v2/tickets', status: 201 })]);

  await page.getByRole('button', { name: /Open ticket #\d+/ }).click();
  await expect(page.getByTestId('ticket-view')).toContainText('Cannot export my invoices');
  await expect(page.getByTestId('ticket-view')).toContainText('The export button does nothing.');
});

test('new ticket: a field Freshdesk refuses is marked on that field', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await page.getByRole('navigation').getByRole('button', { name: 'New ticket' }).click();
  await page.getByLabel('Requester e-mail (required)').fill('someone@example.org');
  await page.getByLabel('Subject (required)').fill('Odd type');
  await page.getByLabel('Description (required)').fill('Body');
  await page.getByLabel('Type').fill('No such type');
  await clearSandboxRequests(harness);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByLabel('Type')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').first()).toBeVisible();
  const posts = (await sandboxRequests(harness)).filter((r) => r.method === 'POST');
  expect(posts.map((r) => r.status)).toEqual([400]);
});

test('new contact: created once; a duplicate links to the existing contact', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await page.getByRole('navigation').getByRole('button', { name: 'New contact' }).click();
  await clearSandboxRequests(harness);
  await page.getByRole('button', { name: 'Create contact' }).click();
  await expect(page.getByLabel('Name (required)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
  expect((await sandboxRequests(harness)).filter((r) => r.method === 'POST')).toEqual([]);
  await expectAccessible(page, 'new-contact');

  await page.getByLabel('Name (required)').fill('Rosa Diaz');
  await page.getByLabel('E-mail').fill('rosa.diaz@example.org');
  await page.getByLabel('Job title').fill('Buyer');
  await page.getByRole('button', { name: 'Create contact' }).click();
  await expect(page.getByText(/Contact Rosa Diaz created \(#\d+\)\./)).toBeVisible();

  await page.getByLabel('Name (required)').fill('Rosa D.');
  await page.getByLabel('E-mail').fill('rosa.diaz@example.org');
  await page.getByRole('button', { name: 'Create contact' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /already exists \(#\d+\)/ })).toBeVisible();
  const posts = (await sandboxRequests(harness)).filter((r) => r.method === 'POST');
  expect(posts.map((r) => r.status)).toEqual([201, 409]);

  await clearSandboxRequests(harness);
  await page.getByRole('button', { name: 'Show the existing contact’s tickets' }).click();
  await expect(page.getByLabel('View')).toHaveValue('requester');
  await expect(page.getByTestId('queue-count')).toContainText('loaded');
  const list = (await sandboxRequests(harness)).filter((r) => r.path === '/api/v2/tickets');
  expect(new URLSearchParams(list.at(-1)!.query).get('email')).toBe('rosa.diaz@example.org');
});
