// The sandbox demo never replaces a real profile: its name is reserved, "Try the sandbox" skips
// a real profile that already has it, and profiles:switch trusts the sealed origin, not the
// plaintext `sandbox` flag in the store file.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { windowContext } from '../../helpers/window';

let sandbox: RunningSandbox;
let t: TestCore;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 42 });
  // "Real" helpdesks for this test: the sandbox reached as if it were <sub>.freshdesk.com.
  t = await makeTestCore({ freshdeskOrigin: (sub) => `http://${sub}.localhost:${sandbox.port}` });
});
afterAll(async () => {
  await t.cleanup();
  await sandbox.close();
});

const windowCtx = (): HandlerContext => windowContext(t.core);
const storeFile = () => JSON.parse(readFileSync(t.storePath, 'utf8')) as { profiles: Array<Record<string, unknown>> };
const sealedOf = (name: string) => (storeFile().profiles.find((p) => p.identifier === name)?.freshdesk as { ct: string } | undefined)?.ct;

it('the demo names are reserved for new profiles', async () => {
  for (const name of ['Sandbox demo', 'sandbox DEMO', 'Sandbox demo 2']) {
    expect(await dispatch('profiles:create', { name }, windowCtx())).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  }
  expect(await dispatch('profiles:create', { name: 'Sandbox demos' }, windowCtx())).toMatchObject({ ok: true });
});

it('"Try the sandbox" does not overwrite a real profile named "Sandbox demo"', async () => {
  // Made by an older version, before the name was reserved.
  await t.core.accounts.authorize('Sandbox demo', { subdomain: 'globex', apiKey: sandbox.accounts[1].agents[0].apiKey });
  const before = sealedOf('Sandbox demo');
  const w = windowCtx();
  const tried = await dispatch('sandbox:try', undefined, w);
  expect(tried).toMatchObject({ ok: true, data: { profile: { identifier: 'Sandbox demo 2', sandbox: true, status: 'ACTIVE' } } });
  expect(sealedOf('Sandbox demo')).toBe(before);
  expect(await t.core.accounts.get('Sandbox demo')).toMatchObject({ subdomain: 'globex', status: 'ACTIVE' });
  expect((await t.core.accounts.get('Sandbox demo'))?.sandbox).toBeUndefined();
});

it('profiles:switch decides from the sealed origin: a real profile with a forged sandbox flag is not replaced', async () => {
  await t.core.accounts.authorize('Real', { subdomain: 'acme', apiKey: sandbox.accounts[0].agents[1].apiKey });
  const before = sealedOf('Real');
  const file = storeFile();
  for (const p of file.profiles) if (p.identifier === 'Real') p.sandbox = true;
  writeFileSync(t.storePath, JSON.stringify(file));
  const switched = await dispatch('profiles:switch', { identifier: 'Real' }, windowCtx());
  expect(switched).toMatchObject({ ok: true, data: { profile: { identifier: 'Real', status: 'ACTIVE' } } });
  expect(sealedOf('Real')).toBe(before);
  expect(await t.core.accounts.get('Real')).toMatchObject({ subdomain: 'acme', status: 'ACTIVE' });
});
