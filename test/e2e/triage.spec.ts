// The Triage plan screen in the real renderer (Chromium, harness bridge to the real core), with
// Claude played by the fake Messages API scripted to call propose_triage. Each test checks what
// the agent sees and what reached the sandbox helpdesk (its request log).
import { claudeTest as test, expect } from '../harness/fixtures';
import type { Page } from '@playwright/test';
import { say, toolUse, type FakeAnthropic } from '../fakes/anthropic';
import { propose, type SentTicket } from '../fakes/triage';
import { ADMIN, AGENT, agent, clearSandboxRequests, connectedAs, expectAccessible, sandboxControl, sandboxRequests } from './helpers';
import type { Harness } from '../harness/fixtures';

const KEY = 'sk-ant-api03-CANARYtriage0123456789abcdef';

/** The first six tickets get proposals: 0, 1, 3 high; 2 medium; 4 low; 5 high but no-op free. */
function scriptPlan(fake: FakeAnthropic, sent: SentTicket[][] = []) {
  fake.script(
    propose((tickets) => {
      sent.push(tickets);
      const conf = ['high', 'high', 'medium', 'high', 'low', 'high'] as const;
      return tickets.slice(0, 6).map((t, i) => ({
        ticket_id: t.id,
        changes: { priority: t.priority?.startsWith('4') ? 3 : 4, tags: ['triaged'] },
        confidence: conf[i],
        summary: `Customer needs help (${i})`,
        ...(i === 0 ? { draft_reply: '<p>Thanks, we are on it.</p>' } : {}),
      }));
    }),
  );
}

async function openQueueAndTriage(harness: Harness): Promise<Page> {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await harness.core.chat.setApiKey('Dana', KEY);
  await expect(page.getByTestId('queue-count')).toContainText('tickets loaded');
  await clearSandboxRequests(harness);
  const button = page.getByRole('button', { name: 'Triage', exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main', { name: 'Triage plan' })).toBeVisible();
  await expect(page.getByTestId('triage-row').first()).toBeVisible();
  return page;
}

const rows = (page: Page) => page.getByTestId('triage-row');
const putPaths = async (harness: Harness) => (await sandboxRequests(harness)).filter((r) => r.method === 'PUT').map((r) => r.path);
const writes = async (harness: Harness) => (await sandboxRequests(harness)).filter((r) => r.method !== 'GET');

test('keyboard only: start from the queue, review, edit one row, skip one, Shift+A, apply', async ({ harness, fake }) => {
  const sent: SentTicket[][] = [];
  scriptPlan(fake, sent);
  const page = await openQueueAndTriage(harness);
  const tickets = sent[0];
  const loaded = Number(/(\d+) tickets/.exec((await page.getByRole('main', { name: 'Triage plan' }).textContent()) ?? '')?.[1]);
  expect(loaded).toBe(tickets.length);
  await expect(rows(page)).toHaveCount(tickets.length);

  // one list request with the descriptions for the whole view, no write
  const reads = await sandboxRequests(harness);
  expect(reads.filter((r) => r.path === '/api/v2/tickets')).toHaveLength(1);
  expect(reads.filter((r) => /^\/api\/v2\/tickets\/\d+$/.test(r.path))).toEqual([]);
  expect(await writes(harness)).toEqual([]);

  const row = (i: number) => page.getByRole('article', { name: new RegExp(`^Ticket #${tickets[i].id}:`) });
  await expect(row(0)).toHaveAttribute('aria-current', 'true');
  await expect(row(0).getByRole('list', { name: 'Changes' })).toContainText('Priority:');
  await expect(row(0)).toContainText('high confidence');
  await expect(row(0)).toContainText('Customer needs help (0)');
  // the evidence expands and highlights the quote in the ticket text
  await row(0).getByText('Evidence (1)').click();
  await expect(row(0).locator('mark').first()).toHaveText(tickets[0].subject.split(/\s+/).slice(0, 3).join(' '));
  await expectAccessible(page, 'triage plan');

  // j j → the medium row; e edits it with the ticket panel's pickers
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(row(2)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('e');
  const editor = row(2).getByRole('form', { name: /Edit the changes/ });
  await expect(editor.getByLabel('Status')).toBeFocused();
  await page.keyboard.press('Tab'); // Priority
  await expect(editor.getByLabel('Priority')).toBeFocused();
  await page.keyboard.press('l'); // Low, by type-ahead
  await expect(editor.getByLabel('Priority')).toHaveValue('1');
  await editor.getByLabel('Tags (comma-separated)').focus();
  await page.keyboard.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(row(2)).toHaveAttribute('data-state', 'accepted');
  await expect(row(2).getByRole('list', { name: 'Changes' })).toContainText('→ Low');

  // j → row 3, x skips it
  await page.keyboard.press('j');
  await expect(row(3)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('x');
  await expect(row(3)).toHaveAttribute('data-state', 'skipped');

  // Shift+A accepts every high-confidence row still proposed (0, 1, 5), not the skipped one
  await page.keyboard.press('Shift+A');
  for (const i of [0, 1, 5]) await expect(row(i)).toHaveAttribute('data-state', 'accepted');
  await expect(row(3)).toHaveAttribute('data-state', 'skipped');
  await expect(row(4)).toHaveAttribute('data-state', 'proposed');
  expect(await writes(harness)).toEqual([]);

  const apply = page.getByRole('button', { name: 'Apply 4 changes' });
  await apply.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Applied. 4 written' })).toBeVisible();
  for (const i of [0, 1, 2, 5]) await expect(row(i)).toHaveAttribute('data-state', 'applied');
  await expect(page.getByRole('button', { name: 'Nothing to apply' })).toBeDisabled();

  // a drafted reply goes into the ticket's (encrypted) draft, never out
  await row(0).getByText('Drafted reply').click();
  await row(0).getByRole('button', { name: 'Use as draft' }).click();
  await expect(row(0).getByRole('status').filter({ hasText: "Saved as this ticket's draft" })).toBeVisible();
  expect(await harness.core.drafts.get('Dana', tickets[0].id)).toMatchObject({ body: '<p>Thanks, we are on it.</p>' });
  expect((await writes(harness)).filter((r) => r.method === 'POST')).toEqual([]);

  const puts = await putPaths(harness);
  expect(puts.sort()).toEqual([0, 1, 2, 5].map((i) => `/api/v2/tickets/${tickets[i].id}`).sort());
  const edited = await harness.core.tools.execute('Dana', 'freshdesk_ticket_get', { ticket_id: tickets[2].id });
  expect(edited).toMatchObject({ ok: true, data: { priority: 1 } });
  const skipped = await harness.core.tools.execute('Dana', 'freshdesk_ticket_get', { ticket_id: tickets[3].id });
  expect((skipped as { data: { tags: string[] } }).data.tags).not.toContain('triaged');

  // Enter opens the selected row's ticket
  await row(0).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Ticket', exact: false }).first()).toBeVisible();
});

test('a ticket a colleague changed since it was proposed is held, not written', async ({ harness, fake }) => {
  const sent: SentTicket[][] = [];
  scriptPlan(fake, sent);
  const page = await openQueueAndTriage(harness);
  const tickets = sent[0];
  const row = (i: number) => page.getByRole('article', { name: new RegExp(`^Ticket #${tickets[i].id}:`) });
  await page.keyboard.press('a');
  await expect(row(0)).toHaveAttribute('data-state', 'accepted');
  await page.keyboard.press('a');
  await expect(row(1)).toHaveAttribute('data-state', 'accepted');

  // a colleague updates the second ticket (updated_at has second resolution)
  await page.waitForTimeout(1100);
  const dan = agent(harness, AGENT);
  const res = await fetch(`${harness.sandbox.url}/api/v2/tickets/${tickets[1].id}`, {
    method: 'PUT',
    headers: {
      host: `acme.localhost:${harness.sandbox.port}`,
      authorization: `Basic ${Buffer.from(`${dan.apiKey}:X`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ status: 3 }),
  });
  expect(res.status).toBe(200);
  await clearSandboxRequests(harness);

  await page.getByRole('button', { name: 'Apply 2 changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied. 1 written, 1 held (changed since proposed)' })).toBeVisible();
  await expect(row(1)).toHaveAttribute('data-state', 'held');
  await expect(row(1).getByTestId('row-state')).toHaveText('Changed since proposed');
  await expect(row(1).getByTestId('row-result')).toContainText('someone updated this ticket');
  expect(await putPaths(harness)).toEqual([`/api/v2/tickets/${tickets[0].id}`]);
  // the check was one list request, not a read per ticket
  const gets = (await sandboxRequests(harness)).filter((r) => r.method === 'GET');
  expect(gets.map((r) => r.path)).toEqual(['/api/v2/tickets']);
  expect(gets[0].query).toContain('updated_since=');
});

test('a reload mid-apply loses nothing: the plan reopens, Stop, and Apply resumes with one PUT per accepted row', async ({
  harness,
  fake,
}) => {
  const sent: SentTicket[][] = [];
  scriptPlan(fake, sent);
  const page = await openQueueAndTriage(harness);
  const tickets = sent[0];
  for (let i = 0; i < 4; i++) await page.keyboard.press('a');
  await expect(page.getByRole('button', { name: 'Apply 4 changes' })).toBeEnabled();
  await clearSandboxRequests(harness);
  // every request is slow, so the reload lands while writes are still going
  await sandboxControl(harness, 'POST', '/faults', { subdomain: 'acme', count: 8, kind: 'latency', ms: 1500 });
  await page.getByRole('button', { name: 'Apply 4 changes' }).click();
  await expect(page.locator('[data-testid="triage-row"][data-state="applied"]')).toHaveCount(1, { timeout: 15_000 });

  await page.reload();
  await page.getByRole('button', { name: 'Triage plans' }).click();
  await page
    .getByRole('button', { name: /^Plan of / })
    .first()
    .click();
  await expect(rows(page)).toHaveCount(tickets.length);
  // still applying in main after the reload: stop it there
  await page.getByRole('button', { name: 'Stop' }).click();
  const resume = page.getByRole('button', { name: /^Apply \d changes?$/ });
  await expect(resume).toBeEnabled({ timeout: 10_000 });
  const applied = await page.locator('[data-testid="triage-row"][data-state="applied"]').count();
  expect(applied).toBeGreaterThanOrEqual(1);
  expect(applied).toBeLessThan(4);

  await resume.click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied. 4 written' })).toBeVisible({ timeout: 20_000 });
  const puts = await putPaths(harness);
  expect(puts).toHaveLength(4);
  expect(new Set(puts)).toEqual(new Set(tickets.slice(0, 4).map((t) => `/api/v2/tickets/${t.id}`)));
});

test('from the chat: "triage my new tickets" makes a plan whose card opens it; nothing is written', async ({ harness, fake }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await harness.core.chat.setApiKey('Dana', KEY);
  await expect(page.getByTestId('queue-count')).toContainText('tickets loaded');
  await clearSandboxRequests(harness);
  fake.script(
    toolUse('triage_plan_start', { filter: 'new_and_my_open' }, { text: 'I will prepare a plan.' }),
    propose((tickets) => tickets.slice(0, 3).map((t) => ({ ticket_id: t.id, changes: { priority: 4 } }))),
    say('The plan is ready for you to review.'),
  );
  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  const box = page.getByLabel('Message to Claude');
  await box.fill('triage my new tickets');
  await box.press('Enter');
  const open = page.getByRole('button', { name: 'Open the triage plan' });
  await expect(open).toBeVisible();
  await expect(page.locator('.chat-tool').filter({ hasText: 'Prepare a triage plan' })).toContainText('done');
  await open.click();
  await expect(page.getByRole('main', { name: 'Triage plan' })).toBeVisible();
  await expect(page.locator('[data-testid="triage-row"][data-state="proposed"]')).toHaveCount(3);
  expect(await writes(harness)).toEqual([]);
  expect((await sandboxRequests(harness)).filter((r) => r.path === '/api/v2/tickets')).toHaveLength(1);
});
