// Profiles: a revoked key shows everywhere with "Enter new key"; switching profile switches the
// whole workbench.
import { test, expect } from '../harness/fixtures';
import { ADMIN, agent, clearSandboxRequests, connectedAs, expectAccessible, sandboxControl, sandboxRequests } from './helpers';

test('a key reset in Freshdesk: REVOKED banner everywhere, "Enter new key" reconnects the same profile', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();
  const ben = agent(harness, ADMIN);
  const { apiKey: newKey } = (await sandboxControl(harness, 'POST', `/accounts/acme/agents/${ben.id}/reset-key`)) as { apiKey: string };

  await clearSandboxRequests(harness);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const banner = page.getByTestId('revoked-banner');
  await expect(banner).toContainText('Freshdesk no longer accepts the API key of "Dana"');
  await expect(page.getByTestId('connection-status')).toContainText('Key revoked');
  expect((await sandboxRequests(harness)).map((r) => r.status)).toEqual([401]);
  await expectAccessible(page, 'revoked');

  // later calls fail fast without the network
  await clearSandboxRequests(harness);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('queue-error')).toBeVisible();
  expect(await sandboxRequests(harness)).toEqual([]);

  // the banner follows the person to other screens
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Enter new key' }).click();
  await expect(page.getByRole('heading', { name: 'Enter a new API key for "Dana"' })).toBeVisible();
  await expect(page.getByLabel('Helpdesk address')).toHaveValue('acme');
  await page.getByLabel('API key', { exact: true }).fill(newKey);
  await page.getByRole('button', { name: 'Test and save' }).click();
  await expect(page.getByText('ACTIVE', { exact: true })).toBeVisible();
  await expect(banner).toBeHidden();
  const profiles = await harness.core.accounts.list();
  expect(profiles.map((p) => [p.identifier, p.status])).toEqual([['Dana', 'ACTIVE']]);
});

test('switching profile switches queue, tickets and identity', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  const finn = agent(harness, /^finn\.restricted@/);
  await harness.core.accounts.getOrCreate('Finn');
  await harness.core.accounts.authorize('Finn', { subdomain: 'acme', apiKey: finn.apiKey });
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();
  await page.getByTestId('queue-list').getByRole('option').first().click();
  await expect(page.getByTestId('ticket-view')).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
  await expect(page.getByTestId('profile-card')).toHaveCount(2);
  await expectAccessible(page, 'profiles');
  await clearSandboxRequests(harness);
  await page.getByLabel('Profile', { exact: true }).selectOption('Finn');
  await expect(page.getByTestId('connection-status')).toContainText(finn.name);
  await page.getByRole('navigation').getByRole('button', { name: 'Queue' }).click();
  await expect(page.getByTestId('ticket-view')).toHaveCount(0);
  await expect(page.getByTestId('queue-count')).toContainText('loaded');
  const log = await sandboxRequests(harness);
  expect(log.filter((r) => r.path === '/api/v2/tickets').every((r) => r.agentId === finn.id)).toBe(true);
  expect(log.some((r) => r.path === '/api/v2/tickets')).toBe(true);
});
