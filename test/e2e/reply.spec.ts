// The reply composer: recipients shown exactly, drafts kept per ticket and profile, a send that
// happens once, and failures (403, uncertain) that keep the draft and say what happened.
import { test, expect, type Harness } from '../harness/fixtures';
import { ADMIN, READONLY, clearSandboxRequests, connectedAs, expectAccessible, fixtures, sandboxControl, sandboxRequests } from './helpers';

async function openFirstOpenTicket(harness: Harness): Promise<number> {
  const { page } = harness;
  const row = page.getByTestId('queue-list').getByRole('option').first();
  await expect(row).toBeVisible();
  const id = Number(await row.getAttribute('data-ticket-id'));
  await row.click();
  await expect(page.getByTestId('ticket-view')).toContainText(`#${id}`);
  return id;
}

test('draft saved as you type and restored after a reload; Send posts once to exactly the shown recipients', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  const id = await openFirstOpenTicket(harness);
  const composer = page.getByTestId('composer');

  await composer.getByLabel('Message').fill('Hello,\n\nthanks for writing in. We are on it.');
  await composer.getByLabel('Cc', { exact: true }).fill('not-an-email');
  await composer.getByLabel('Cc', { exact: true }).press('Enter');
  await expect(composer.getByText('"not-an-email" is not a valid e-mail address.')).toBeVisible();
  await composer.getByLabel('Cc', { exact: true }).fill('lead@partner.example');
  await composer.getByLabel('Cc', { exact: true }).press('Enter');
  await composer.getByLabel('Bcc', { exact: true }).fill('audit@acme.example,');
  await expect(composer.getByTestId('recipients')).toContainText('lead@partner.example');
  await expect(composer.getByTestId('recipients')).toContainText('bcc audit@acme.example');
  await expect(composer.getByTestId('recipients')).toContainText('(requester)');
  await expect(composer.getByTestId('draft-status')).toContainText('Draft saved');
  await expectAccessible(page, 'reply');

  // main holds the draft (encrypted at rest), under this profile and ticket
  const saved = await harness.core.drafts.get('Dana', id);
  expect(saved).toMatchObject({ body: 'Hello,\n\nthanks for writing in. We are on it.', bcc: ['audit@acme.example'] });
  expect(saved!.cc).toContain('lead@partner.example');

  await page.reload();
  await page.getByLabel('Ticket #').fill(String(id));
  await page.getByLabel('Ticket #').press('Enter');
  await expect(page.getByTestId('composer').getByLabel('Message')).toHaveValue('Hello,\n\nthanks for writing in. We are on it.');
  await expect(page.getByTestId('draft-status')).toContainText('Draft restored');

  await clearSandboxRequests(harness);
  const send = page.getByTestId('composer').getByRole('button', { name: 'Send reply' });
  await send.click();
  await expect(page.getByText(/Reply sent to/)).toBeVisible();
  const posts = (await sandboxRequests(harness)).filter((r) => r.method === 'POST');
  expect(posts).toEqual([expect.objectContaining({ path: `/api/v2/tickets/${id}/reply`, status: 201 })]);
  expect(await harness.core.drafts.get('Dana', id)).toBeUndefined();
  await expect(page.getByTestId('composer').getByLabel('Message')).toHaveValue('');
  await expect(page.getByTestId('conversation').filter({ hasText: 'thanks for writing in' })).toBeVisible();
});

test('a role that may not reply gets a 403 naming the role; the draft is kept', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, READONLY);
  const id = await openFirstOpenTicket(harness);
  await page.getByTestId('composer').getByLabel('Message').fill('Trying to answer.');
  await page.getByTestId('composer').getByRole('button', { name: 'Send reply' }).click();
  const alert = page.getByTestId('composer').getByRole('alert');
  await expect(alert).toContainText('Not sent.');
  // non-administrators cannot read role names from Freshdesk: the role is named by its ID
  const gia = harness.sandbox.accounts[0].agents.find((a) => READONLY.test(a.email))!;
  await expect(alert).toContainText(`Your role: role ID ${gia.roleIds.join(', ')}`);
  await expect(alert).toContainText('kept as a draft');
  expect((await harness.core.drafts.get('Dana', id))?.body).toBe('Trying to answer.');
  const posts = (await sandboxRequests(harness)).filter((r) => r.method === 'POST');
  expect(posts.map((r) => r.status)).toEqual([403]);
  await expectAccessible(page, 'reply-forbidden');
});

test('an uncertain send is not repeated, keeps the draft and says to check the ticket first', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  const id = await openFirstOpenTicket(harness);
  await page.getByTestId('composer').getByLabel('Message').fill('This one may or may not arrive.');
  await clearSandboxRequests(harness);
  await sandboxControl(harness, 'POST', '/faults', { subdomain: 'acme', kind: 'drop', count: 1 });
  await page.getByTestId('composer').getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByTestId('composer').getByRole('alert')).toContainText('may have been sent — check the ticket before sending again');
  const posts = (await sandboxRequests(harness)).filter((r) => r.method === 'POST');
  expect(posts).toHaveLength(1);
  expect((await harness.core.drafts.get('Dana', id))?.body).toBe('This one may or may not arrive.');
  await expect(page.getByTestId('composer').getByRole('button', { name: 'Send again anyway' })).toBeEnabled();
});

test('drafts belong to their profile: switching profile never shows or saves into the other one', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  const id = fixtures(harness).richTicketId;
  await page.getByLabel('Ticket #').fill(String(id));
  await page.getByLabel('Ticket #').press('Enter');
  await page.getByTestId('composer').getByLabel('Message').fill('Draft of Dana');
  // a second profile on the same desktop, connected as another agent
  const dan = harness.sandbox.accounts[0].agents.find((a) => a.email.startsWith('dan.agent@'))!;
  await harness.core.accounts.getOrCreate('Dan');
  await harness.core.accounts.authorize('Dan', { subdomain: 'acme', apiKey: dan.apiKey });
  await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'Use Dan' }).click();
  await expect(page.getByTestId('connection-status')).toContainText(dan.name);
  // switched before the debounce fired: the text still went to Dana's draft, not Dan's
  expect((await harness.core.drafts.get('Dana', id))?.body).toBe('Draft of Dana');
  expect(await harness.core.drafts.get('Dan', id)).toBeUndefined();
  await page.getByRole('navigation').getByRole('button', { name: 'Queue' }).click();
  await page.getByLabel('Ticket #').fill(String(id));
  await page.getByLabel('Ticket #').press('Enter');
  await expect(page.getByTestId('composer').getByLabel('Message')).toHaveValue('');
});
