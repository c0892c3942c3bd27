// "Try the sandbox helpdesk" over the handler table: the demo profile connects to the core's own
// built-in simulator, a second try reuses it, and core.close() stops it (nothing left listening).
import { afterEach, expect, it } from 'vitest';
import { dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import { builtInSandboxOf } from '../../../src-main/core/builtin-sandbox';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { windowContext } from '../../helpers/window';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const windowOf = (core: TestCore['core']): HandlerContext => windowContext(core);

it('connects the demo profile to the core-owned sandbox, which core.close() stops', async () => {
  t = await makeTestCore();
  const ctx = windowOf(t.core);
  const first = await dispatch('sandbox:try', {}, ctx);
  expect(first).toMatchObject({ ok: true, data: { profile: { identifier: 'Sandbox demo', status: 'ACTIVE', sandbox: true } } });
  expect(ctx.session.activeProfile).toBe('Sandbox demo');

  const sandbox = await builtInSandboxOf(t.core).get();
  const second = await dispatch('sandbox:try', {}, windowOf(t.core));
  expect(second.ok).toBe(true);
  expect(await builtInSandboxOf(t.core).get()).toBe(sandbox);
  expect((await fetch(`${sandbox.url}/_sandbox/requests?subdomain=acme`)).ok).toBe(true);

  await t.core.close();
  await expect(fetch(`${sandbox.url}/_sandbox/requests?subdomain=acme`)).rejects.toThrow();
});
