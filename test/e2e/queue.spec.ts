// The queue: views, sorting, paging from the Link header, the embedded requester, keyboard,
// refresh keeping your place; and what happens when the network goes away.
import { test, expect } from '../harness/fixtures';
import { ADMIN, clearSandboxRequests, connectedAs, expectAccessible, fixtures, sandboxControl, sandboxRequests } from './helpers';

test('views, sort, page size and Load more send what the person chose; rows carry the requester', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  const list = page.getByTestId('queue-list');
  await expect(list.getByRole('option').first()).toBeVisible();

  let log = await sandboxRequests(harness);
  const first = log.filter((r) => r.path === '/api/v2/tickets');
  // one load (the client may repeat a read whose answer did not arrive whole; same query then)
  expect(first.length).toBeGreaterThanOrEqual(1);
  expect(new Set(first.map((r) => r.query)).size).toBe(1);
  const q = new URLSearchParams(first[0].query);
  expect(Object.fromEntries(q)).toMatchObject({
    filter: 'new_and_my_open',
    include: 'requester',
    order_by: 'updated_at',
    order_type: 'desc',
    per_page: '30',
    page: '1',
  });
  // requester names come embedded: no extra call per row
  expect(log.some((r) => r.path.startsWith('/api/v2/contacts'))).toBe(false);
  await expect(list.getByRole('option').first().locator('.row-requester')).not.toHaveText(/requester #/);
  await expectAccessible(page, 'queue');

  await clearSandboxRequests(harness);
  await page.getByLabel('View').selectOption('all');
  await page.getByLabel('Sort by').selectOption('created_at');
  await page.getByRole('button', { name: /Descending/ }).click();
  await page.getByLabel('Per page').selectOption('50');
  await expect(page.getByTestId('queue-count')).toContainText('50 tickets loaded');
  log = await sandboxRequests(harness);
  const last = new URLSearchParams(log.filter((r) => r.path === '/api/v2/tickets').at(-1)!.query);
  expect(Object.fromEntries(last)).toMatchObject({ order_by: 'created_at', order_type: 'asc', per_page: '50', page: '1' });
  expect(last.has('filter')).toBe(false);

  // rows are in the order Freshdesk returned (oldest created first)
  const ids = await list.getByRole('option').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-ticket-id'))));
  expect(ids.length).toBeGreaterThan(5);

  await clearSandboxRequests(harness);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(page.getByTestId('queue-count')).toContainText(/(5[1-9]|[6-9]\d|100) tickets loaded/);
  log = await sandboxRequests(harness);
  expect(new URLSearchParams(log.filter((r) => r.path === '/api/v2/tickets')[0].query).get('page')).toBe('2');
});

test('keyboard: j/k move, Enter opens, / filters, r replies; refresh keeps your place', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  const list = page.getByTestId('queue-list');
  await expect(list.getByRole('option').first()).toBeVisible();
  await list.focus();
  await expect(list.getByRole('option').nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const second = list.getByRole('option').nth(1);
  await expect(second).toHaveAttribute('aria-selected', 'true');
  const id = await second.getAttribute('data-ticket-id');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-view')).toContainText(`#${id}`);

  // refresh keeps the selection on the same ticket
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('queue-count')).toContainText('loaded');
  await expect(list.locator(`[data-ticket-id="${id}"]`)).toHaveAttribute('aria-selected', 'true');

  await list.focus();
  await page.keyboard.press('r');
  await expect(page.getByLabel('Message')).toBeFocused();

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect(page.getByLabel('Filter')).toBeFocused();
  const subject = (await list.getByRole('option').nth(3).locator('.row-subject').textContent())!;
  await page.keyboard.type(subject.slice(0, 12));
  await expect(list.getByRole('option').first().locator('.row-subject')).toContainText(subject.slice(0, 12));
});

test('offline: the banner appears, the failed load says so, and trying again works', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();

  // the browser loses its connection
  await page.context().setOffline(true);
  await expect(page.getByTestId('offline-banner')).toContainText('You are offline');
  await page.context().setOffline(false);
  await expect(page.getByTestId('offline-banner')).toBeHidden();

  // Freshdesk stops answering: connections are dropped
  await sandboxControl(harness, 'POST', '/faults', { subdomain: 'acme', kind: 'drop', count: 10 });
  await page.getByLabel('View').selectOption('all');
  await expect(page.getByTestId('offline-banner')).toContainText('Freshdesk cannot be reached', { timeout: 15_000 });
  await expect(page.getByTestId('queue-error')).toBeVisible();
  await expectAccessible(page, 'queue-offline');
  await sandboxControl(harness, 'DELETE', '/faults');
  await page.getByTestId('queue-error').getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('offline-banner')).toBeHidden();
  await expect(page.getByTestId('queue-list').getByRole('option').first()).toBeVisible();
});

test('the helpdesk budget is always visible, and calls held back by the rate limit say so', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await expect(page.getByTestId('api-budget')).toContainText(/API budget: \d+ \/ 50 left this minute/);
  // a tiny budget: the next loads must wait for the window to roll over
  await sandboxControl(harness, 'PUT', '/accounts/acme/limits', { perMinute: 6, windowMs: 4000 });
  for (const view of ['all', 'watching', 'new_and_my_open', 'all']) await page.getByLabel('View').selectOption(view);
  // the governor holds the calls until the minute rolls over (it assumes Freshdesk's 60 s window)
  await expect(page.getByTestId('rate-waiting')).toContainText(/Waiting for the rate limit: \d+ calls? held/, { timeout: 10_000 });
  await expect(page.getByTestId('api-budget')).toContainText('/ 6 left this minute');
  const sent = (await sandboxRequests(harness)).filter((r) => r.path === '/api/v2/tickets');
  // nothing was sent into a certain 429: held calls wait instead
  expect(sent.every((r) => r.status === 200)).toBe(true);
});

test('switching views quickly shows the newest view; the superseded load is cancelled, not shown as an error', async ({ harness }) => {
  const { page, bridge } = harness;
  await connectedAs(harness, ADMIN);
  const list = page.getByTestId('queue-list');
  await expect(list.getByRole('option').first()).toBeVisible();

  // Freshdesk holds the next answer (the "All" load); the agent moves on to "Spam" meanwhile
  await sandboxControl(harness, 'POST', '/faults', { subdomain: 'acme', kind: 'latency', ms: 3000, count: 1 });
  await page.getByLabel('View').selectOption('all');
  await expect.poll(() => bridge.session.toolCalls?.size ?? 0).toBe(1);
  await page.getByLabel('View').selectOption('spam');

  // the spam view: a handful of rows, all of them (the "All" view would fill a page of 30)
  const spamId = fixtures(harness).spamTicketId;
  const count = page.getByTestId('queue-count');
  await expect(count).toContainText(/^\d tickets? loaded · that is all$/);
  await expect(list.locator(`[data-ticket-id="${spamId}"]`)).toBeVisible();
  const spamRows = await count.textContent();
  // the held "All" call was cancelled in main (it would otherwise wait out the 3 s latency)
  await expect.poll(() => bridge.session.toolCalls?.size ?? 0, { timeout: 1500 }).toBe(0);
  // and once Freshdesk would have answered, the newer list still stands, with no error anywhere
  await page.waitForTimeout(3000);
  await expect(count).toHaveText(spamRows!);
  await expect(list.locator(`[data-ticket-id="${spamId}"]`)).toBeVisible();
  await expect(page.getByLabel('View')).toHaveValue('spam');
  await expect(page.getByTestId('queue-error')).toHaveCount(0);
  await expect(page.getByTestId('offline-banner')).toBeHidden();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
