// Agents and roles (administrators): list, filter, search, add with roles, delete with a typed
// confirmation; and what other roles see instead.
import { test, expect } from '../harness/fixtures';
import { ADMIN, AGENT, clearSandboxRequests, connectedAs, expectAccessible, sandboxRequests } from './helpers';

test('agents: filter and search; add a full-time agent with roles; delete needs the typed e-mail', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await page.getByRole('navigation').getByRole('button', { name: 'Agents' }).click();
  await expect(page.getByTestId('agent-row').first()).toBeVisible();
  await expectAccessible(page, 'agents');

  await clearSandboxRequests(harness);
  await page.getByLabel('Show').selectOption('occasional');
  await expect(page.getByTestId('agent-row').first()).toContainText('Occasional');
  await page.getByLabel('E-mail', { exact: true }).fill('hal.occasional@acme.example');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('agent-row')).toHaveCount(1);
  let log = (await sandboxRequests(harness)).filter((r) => r.path === '/api/v2/agents');
  expect(Object.fromEntries(new URLSearchParams(log.at(-1)!.query))).toMatchObject({
    state: 'occasional',
    email: 'hal.occasional@acme.example',
  });

  // add an agent: roles come from the roles list, with their descriptions
  await page.getByRole('button', { name: 'Add agent' }).click();
  const form = page.getByRole('form', { name: 'Add agent' });
  await expect(form.getByText('Can log, view, reply, update and resolve tickets')).toBeVisible();
  await form.getByRole('button', { name: 'Add agent' }).click();
  await expect(form.getByText('Pick at least one role.')).toBeVisible();
  await form.getByLabel('E-mail (required)').fill('zoe.new@acme.example');
  await form.getByLabel('Name (required)').fill('Zoe New');
  await form.getByRole('radio', { name: /Group/ }).check();
  await form.getByRole('checkbox', { name: /^Agent —/ }).check();
  await expectAccessible(page, 'agent-create');
  await clearSandboxRequests(harness);
  await form.getByRole('button', { name: 'Add agent' }).click();
  await expect(page.getByText(/Agent Zoe New added/)).toBeVisible();
  log = await sandboxRequests(harness);
  expect(log.filter((r) => r.method === 'POST')).toEqual([expect.objectContaining({ path: '/api/v2/agents', status: 201 })]);
  const listed = await harness.core.tools.execute('Dana', 'freshdesk_agents_list', { email: 'zoe.new@acme.example' });
  expect(listed.ok && (listed.data as { occasional: boolean; ticket_scope: number }[])[0]).toMatchObject({
    occasional: false,
    ticket_scope: 2,
  });

  // delete: irreversible, typed confirmation
  await page.getByLabel('Show').selectOption('');
  await page.getByLabel('E-mail', { exact: true }).fill('zoe.new@acme.example');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: 'Delete Zoe New' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('cannot be undone');
  await expect(dialog).toContainText('turns them into a contact');
  const confirm = dialog.getByRole('button', { name: 'Delete agent' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type zoe.new@acme.example to confirm/).fill('zoe.new@acme.exampl');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type zoe.new@acme.example to confirm/).fill('zoe.new@acme.example');
  await expectAccessible(page, 'agent-delete');
  await clearSandboxRequests(harness);
  await confirm.click();
  await expect(page.getByText('zoe.new@acme.example is no longer an agent; they are now a contact.')).toBeVisible();
  log = await sandboxRequests(harness);
  expect(log.filter((r) => r.method === 'DELETE')).toEqual([expect.objectContaining({ status: 204 })]);
});

test('roles: the helpdesk roles with what they allow', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, ADMIN);
  await page.getByRole('navigation').getByRole('button', { name: 'Roles' }).click();
  await expect(page.getByTestId('role-card').filter({ hasText: 'Account Administrator' })).toBeVisible();
  await expect(page.getByTestId('role-card').filter({ hasText: 'Supervisor' })).toContainText('Built-in');
  await expectAccessible(page, 'roles');
});

test('an agent without admin rights is told why agents and roles are unavailable', async ({ harness }) => {
  const { page } = harness;
  await connectedAs(harness, AGENT);
  await page.getByRole('navigation').getByRole('button', { name: 'Agents' }).click();
  await expect(page.getByTestId('unavailable')).toContainText('Managing agents is not available for your role');
  await expect(page.getByTestId('unavailable')).toContainText(/access_denied|administrators/);
  const log = await sandboxRequests(harness);
  // at most the one call that taught the app about the refusal
  expect(log.filter((r) => r.path === '/api/v2/agents').length).toBeLessThanOrEqual(1);
  await expectAccessible(page, 'agents-unavailable');
  await page.getByRole('navigation').getByRole('button', { name: 'Roles' }).click();
  await expect(page.getByTestId('unavailable').or(page.getByRole('alert'))).toBeVisible();
});
