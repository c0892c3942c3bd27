// The IPC boundary's smaller holes, through dispatch() as the app and the harness use it:
// - only plain data is input (an Error or a class instance is refused, not read through its
//   prototype);
// - a window whose profile was forgotten cannot bring it back by saving a draft or a Claude key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import { makeTestCore, type TestCore } from '../../helpers/core';
import { windowContext } from '../../helpers/window';

let t: TestCore;
beforeAll(async () => {
  t = await makeTestCore();
});
afterAll(() => t.cleanup());

const windowCtx = (): HandlerContext => windowContext(t.core);

describe('plain data only', () => {
  it('an Error, a Date or a class instance as input is refused before any handler runs', async () => {
    const ctx = windowCtx();
    const err = Object.assign(new Error('x'), { name: 'Error' });
    class Named {
      name = 'Instance';
    }
    for (const input of [err, new Date(), new Named(), { name: new Named() }, [1], new Map([['name', 'M']])]) {
      expect(await dispatch('profiles:create', input, ctx)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await t.core.accounts.list()).toEqual([]);
    expect(await dispatch('profiles:create', Object.assign(Object.create(null), { name: 'Plain' }), ctx)).toMatchObject({ ok: true });
    expect(await dispatch('profiles:create', { name: 'Object' }, windowCtx())).toMatchObject({ ok: true });
    expect((await t.core.accounts.list()).map((p) => p.identifier).sort()).toEqual(['Object', 'Plain']);
  });
});

describe('a forgotten profile stays forgotten', () => {
  it('drafts:save and chat:set-api-key from its window are refused and do not recreate the record', async () => {
    const a = windowCtx();
    const b = windowCtx();
    expect(await dispatch('profiles:create', { name: 'Gone' }, a)).toMatchObject({ ok: true });
    expect(await dispatch('profiles:switch', { identifier: 'Gone' }, b)).toMatchObject({ ok: true });
    expect(await dispatch('profiles:forget', { identifier: 'Gone' }, b)).toMatchObject({ ok: true });
    // Window a still thinks "Gone" is active.
    expect(await dispatch('drafts:save', { ticketId: 7, body: 'hello', cc: [], bcc: [] }, a)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch('chat:set-api-key', { key: 'sk-ant-api03-abcdefghijklmnop' }, a)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await t.core.accounts.get('Gone')).toBeUndefined();
  });
});
