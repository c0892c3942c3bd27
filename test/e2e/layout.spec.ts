// Usable at 1024×700, in the dark theme too, with the keyboard alone.
import { test, expect } from '../harness/fixtures';
import { ADMIN, connectedAs, expectAccessible, fixtures } from './helpers';

test.use({ viewport: { width: 1024, height: 700 } });

test('1024×700, light and dark: nothing spills sideways, the ticket and the chat fit', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await page.getByLabel('Ticket #').fill(String(fixtures(harness).richTicketId));
  await page.getByLabel('Ticket #').press('Enter');
  await expect(page.getByTestId('ticket-view')).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeInViewport();
  await expect(page.getByTestId('api-budget')).toBeInViewport();

  await page.getByRole('navigation').getByRole('button', { name: 'Chat' }).click();
  await expect(page.getByRole('complementary', { name: 'Chat with Claude' })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('ticket-view')).toBeInViewport();

  await page.emulateMedia({ colorScheme: 'dark' });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).not.toBe('rgb(244, 245, 247)');
  // the chat panel follows the theme too
  await expectAccessible(page, 'ticket-and-chat-dark-1024');
  await page.getByRole('navigation').getByRole('button', { name: 'Chat' }).click();
  await expectAccessible(page, 'ticket-dark-1024');
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expectAccessible(page, 'settings-dark-1024');
});

test('keyboard only: reach the queue, open a ticket and the reply box, with a visible focus ring', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();
  // Tab from the top until the ticket list has focus
  await page.locator('body').focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.getByTestId('queue-list').evaluate((el) => el === document.activeElement)) break;
  }
  const list = page.getByTestId('queue-list');
  await expect(list).toBeFocused();
  const outline = await list.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-view')).toBeVisible();
  await page.keyboard.press('r');
  await expect(page.getByLabel('Message')).toBeFocused();
});
