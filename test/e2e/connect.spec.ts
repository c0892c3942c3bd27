// First run, connecting a helpdesk, every failure code with its own message and fix, and the
// sandbox demo.
import { test, expect } from '../harness/fixtures';
import type { TestCipher } from '../helpers/cipher';
import { ACME, ADMIN, agent, expectAccessible, fixtures, sandboxRequests } from './helpers';

test('first run offers connect and sandbox; connecting shows who you are, then ACTIVE', async ({ harness }) => {
  const { page } = harness;
  await expect(page.getByRole('heading', { name: 'Welcome to Triage Desk' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try the sandbox helpdesk' })).toBeVisible();
  await expectAccessible(page, 'welcome');

  await page.getByRole('button', { name: 'Connect your Freshdesk' }).click();
  await page.getByLabel('Profile name').fill('Dana');
  await page.getByLabel('Helpdesk address').fill('https://acme.freshdesk.com/a/tickets/42');
  await expect(page.getByTestId('subdomain-preview')).toHaveText('Will connect to https://acme.freshdesk.com');
  await page.getByLabel('Helpdesk address').fill('acme.myfreshworks.com');
  await expect(page.getByTestId('subdomain-preview')).toContainText('Freshworks account address');
  await page.getByLabel('Helpdesk address').fill('acme');
  await expect(page.getByTestId('subdomain-preview')).toHaveText('Will connect to https://acme.freshdesk.com');

  await page.getByText('Where is my API key?').click();
  await expect(page.getByRole('img', { name: /profile picture/ })).toBeVisible();
  await expectAccessible(page, 'connect');

  const ben = agent(harness, ADMIN);
  // a key pasted with a line break around it still works
  await page.getByLabel('API key', { exact: true }).focus();
  await page.evaluate((key) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', `  ${key}\n`);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, ben.apiKey);
  await expect(page.getByLabel('API key', { exact: true })).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Test and save' }).click();

  await expect(page.getByRole('heading', { name: 'Connected' })).toBeVisible();
  await expect(page.getByTestId('connected-name')).toHaveText(ben.name);
  await expect(page.getByText(ben.email)).toBeVisible();
  await expect(page.getByText('Administrator', { exact: true })).toBeVisible();
  await expect(page.getByText('Global', { exact: true })).toBeVisible();
  await expect(page.getByText('ACTIVE', { exact: true })).toBeVisible();
  // the key never reaches the page once submitted
  expect(await page.content()).not.toContain(ben.apiKey);

  const log = await sandboxRequests(harness);
  expect(log.some((r) => r.method === 'GET' && r.path === '/api/v2/agents/me' && r.status === 200 && r.agentId === ben.id)).toBe(true);

  await page.getByRole('button', { name: 'Open my queue' }).click();
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();
});

test('each failure code gets its own message and fix; nothing is sent for a bad address', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Connect your Freshdesk' }).click();
  await page.getByLabel('Profile name').fill('Dana');

  // invalid_subdomain: refused before any request
  await page.getByLabel('Helpdesk address').fill('acme.example.com');
  await page.getByLabel('API key', { exact: true }).fill('whatever');
  await page.getByRole('button', { name: 'Test and save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That is not a Freshdesk helpdesk address.' })).toBeVisible();
  await expect(page.getByText(/for https:\/\/acme.freshdesk.com enter acme/).first()).toBeVisible();
  expect(await sandboxRequests(harness)).toEqual([]);
  // …and creates no profile: the renderer applies the same rules before asking main for anything
  expect(await harness.core.accounts.list()).toEqual([]);

  // unknown_helpdesk. The preview under the field changes as the address is typed, never a moment
  // later: a late change moved "Test and save" 37 px up under a pointer already on its way (CI
  // once clicked the empty spot where the button had been).
  const save = page.getByRole('button', { name: 'Test and save' });
  await page.getByLabel('Helpdesk address').fill('nosuchdesk');
  const typedAt = await save.boundingBox();
  await expect(page.getByTestId('subdomain-preview')).toHaveText('Will connect to https://nosuchdesk.freshdesk.com', { timeout: 1 });
  await page.waitForTimeout(400);
  expect(await save.boundingBox()).toEqual(typedAt);
  await save.click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is no Freshdesk helpdesk at that address.' })).toBeVisible();

  // invalid_key: a customer's key
  await page.getByLabel('Helpdesk address').fill(ACME);
  await page.getByLabel('API key', { exact: true }).fill(fixtures(harness).customerApiKey);
  await page.getByRole('button', { name: 'Test and save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Freshdesk did not accept this API key.' })).toBeVisible();
  await expect(page.getByText(/Copy the key again from Profile settings/)).toBeVisible();
  const log = await sandboxRequests(harness);
  expect(log.filter((r) => r.path === '/api/v2/agents/me').map((r) => r.status)).toEqual([401]);
  await expectAccessible(page, 'connect-error');

  // the profile stays PENDING and can be finished later
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('profile-status')).toHaveText('PENDING');

  // a second profile cannot take the same name
  await harness.core.accounts.authorize('Dana', { subdomain: ACME, apiKey: agent(harness, ADMIN).apiKey });
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'Connect another helpdesk' }).click();
  await page.getByLabel('Profile name').fill('Dana');
  await page.getByLabel('Helpdesk address').fill(ACME);
  await page.getByLabel('API key', { exact: true }).fill('anything');
  await page.getByRole('button', { name: 'Test and save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That profile name is taken.' })).toBeVisible();
  expect((await harness.core.accounts.list()).map((p) => p.identifier)).toEqual(['Dana']);
});

test('network failure while connecting says so and keeps the form', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Connect your Freshdesk' }).click();
  await page.getByLabel('Profile name').fill('Dana');
  await page.getByLabel('Helpdesk address').fill(ACME);
  await page.getByLabel('API key', { exact: true }).fill(agent(harness, ADMIN).apiKey);
  await harness.sandbox.close();
  await page.getByRole('button', { name: 'Test and save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Freshdesk could not be reached.' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/Check your internet connection, proxy or VPN/)).toBeVisible();
  await expect(page.getByLabel('Helpdesk address')).toHaveValue(ACME);
});

test('"Try the sandbox helpdesk" connects a demo profile labelled as sample data', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Try the sandbox helpdesk' }).click();
  await expect(page.getByTestId('connection-status')).toContainText('sample data', { timeout: 15_000 });
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();
  await expect(page.getByRole('navigation').getByText('Sample data', { exact: true })).toBeVisible();
  const profiles = await harness.core.accounts.list();
  expect(profiles).toEqual([expect.objectContaining({ sandbox: true, status: 'ACTIVE' })]);
  expect(profiles[0].agent?.roleNames ?? []).toContain('Administrator');
});

test('no secure storage: the key is not stored, and the fix points to Settings', async ({ harness }) => {
  const { page } = harness;
  (harness.testCore.cipher as TestCipher).setStatus({ available: false, reason: 'No keyring is running.' });
  await page.getByRole('button', { name: 'Connect your Freshdesk' }).click();
  await page.getByLabel('Profile name').fill('Dana');
  await page.getByLabel('Helpdesk address').fill(ACME);
  await page.getByLabel('API key', { exact: true }).fill(agent(harness, ADMIN).apiKey);
  await page.getByRole('button', { name: 'Test and save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This computer has no secure place to keep the key.' })).toBeVisible();
  await page.getByRole('button', { name: 'Open Settings' }).click();
  await expect(page.getByRole('button', { name: 'Allow weaker storage…' })).toBeVisible();
  expect((await harness.core.accounts.list()).every((p) => p.status !== 'ACTIVE')).toBe(true);
});
