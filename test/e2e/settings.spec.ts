// Settings: key storage and the weak-storage opt-in, the write-only Anthropic key, the model,
// what Claude may do without asking, and forgetting a profile.
import { test, expect } from '../harness/fixtures';
import type { TestCipher } from '../helpers/cipher';
import { ADMIN, connectedAs, expectAccessible } from './helpers';

const CANARY = 'sk-ant-api03-CANARY-do-not-leak-0123456789';

test('Anthropic key is write-only; model and auto-approval are saved; reply and delete always ask', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('secure-storage')).toContainText('aes-256-gcm (test)');

  await expect(page.getByTestId('claude-key-status')).toContainText('No key set');
  await page.getByLabel('Anthropic API key', { exact: true }).fill(CANARY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByTestId('claude-key-status')).toContainText('A key is set');
  await expect(page.getByLabel('Anthropic API key', { exact: true })).toHaveValue('');
  expect(await page.content()).not.toContain(CANARY);
  expect(JSON.stringify(harness.bridge.deliveredEvents)).not.toContain(CANARY);
  await page.getByRole('button', { name: 'Test key' }).click();
  await expect(page.locator('.card').filter({ hasText: 'Anthropic API key' }).locator('.action-status')).not.toContainText('Testing', {
    timeout: 15_000,
  });

  await page.getByLabel('Claude model').fill('claude-test-model');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByText('Claude model set to claude-test-model.')).toBeVisible();
  expect(harness.core.settings.get().model).toBe('claude-test-model');

  await page.getByRole('checkbox', { name: 'Create tickets' }).check();
  await expect(page.getByText(/Claude may create tickets without asking/)).toBeVisible();
  expect(harness.core.settings.get().autoApproveTools).toEqual(['freshdesk_ticket_create']);
  await expect(page.getByRole('checkbox', { name: /Reply to customers/ })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: /Delete agents/ })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: /Add agents/ })).toBeDisabled();
  // main refuses it even if the page asked
  const refused = await page.evaluate(() =>
    (window as unknown as { triage: { updateSettings(i: unknown): Promise<unknown> } }).triage
      .updateSettings({ autoApproveTools: ['freshdesk_tickets_reply'] })
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      ),
  );
  expect(refused).toContain('always ask first');
  await expectAccessible(page, 'settings');

  await page.getByRole('button', { name: 'Remove key' }).click();
  await expect(page.getByTestId('claude-key-status')).toContainText('No key set');
});

test('weak key storage is explained and needs an explicit, warned opt-in', async ({ harness }) => {
  const { page } = harness;
  (harness.testCore.cipher as TestCipher).setStatus({ available: true, backend: 'basic_text', weak: true });
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('secure-storage')).toContainText('basic_text');
  await page.getByRole('button', { name: 'Allow weaker storage…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('does not expire on its own');
  await expectAccessible(page, 'settings-weak');
  await dialog.getByRole('button', { name: 'I understand, allow it' }).click();
  await expect(page.getByText('Weaker storage allowed.')).toBeVisible();
  expect(harness.core.settings.get().allowWeakStorage).toBe(true);
  await expect(page.getByText('Weaker storage is allowed.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop allowing weaker storage' })).toBeVisible();
});

test('forgetting a profile removes its key, drafts and the profile itself', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await harness.core.drafts.save('Dana', 42, { body: 'half-written', cc: [], bcc: [] });
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Forget Dana' }).click();
  await expect(page.getByRole('dialog')).toContainText('removes its API key, its reply drafts and its chat history');
  await page.getByRole('dialog').getByRole('button', { name: 'Forget profile' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Triage Desk' })).toBeVisible();
  expect(await harness.core.accounts.list()).toEqual([]);
  expect(await harness.core.drafts.get('Dana', 42)).toBeUndefined();
});
