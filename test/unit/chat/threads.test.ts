// Thread storage alone, on a real vault file: threads are read the first time a profile is
// used, saved as of their last commit (never half a turn), restored with nothing running, kept
// unopened (and never overwritten) when they cannot be read, and removed with the profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createThreadStore } from '../../../src-main/core/chat/threads';
import { createVault, type Vault } from '../../../src-main/core/vault';
import type { SecretCipher } from '../../../src-main/core/types';
import { openConfStore } from '../../../src-main/platform/node-store';
import { createTestCipher } from '../../helpers/cipher';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openVault(dir: string, cipher: SecretCipher): Vault {
  const opened = openConfStore({ cwd: dir });
  return createVault({ store: opened.store, cipher, now: () => Date.parse('2026-03-01T10:00:00Z'), log: () => {} });
}

function rig() {
  const dir = mkdtempSync(path.join(tmpdir(), 'chat-threads-'));
  dirs.push(dir);
  const cipher = createTestCipher();
  const vault = openVault(dir, cipher);
  vault.profiles.update('alice', () => ({ identifier: 'alice', status: 'ACTIVE', updatedAt: 'x' }));
  const lines: string[] = [];
  const open = (v: Vault = vault) =>
    createThreadStore({ vault: v, now: () => Date.parse('2026-03-01T10:00:00Z'), log: (l) => lines.push(l) });
  return { dir, cipher, vault, lines, open };
}

describe('thread storage', () => {
  it('saves a thread as of its commit and reads it back in a new store, with nothing left running', () => {
    const r = rig();
    const store = r.open();
    expect(store.get('alice', 't1')).toBeUndefined();
    const t = store.get('alice', 't1', true);
    t.title = 'First';
    t.history.push({ role: 'user', content: [{ type: 'text', text: 'hello' }] });
    t.typed.add('7');
    t.items.push({
      kind: 'tool',
      callId: 'c1',
      tool: 'freshdesk_ticket_update',
      effect: 'write',
      input: {},
      status: 'awaiting_approval',
      at: 'x',
    });
    t.allowTools.add('freshdesk_ticket_update');
    store.commit(t);
    // After the commit, the turn goes on: not saved until the next commit.
    t.title = 'Changed mid-turn';

    const again = r.open(openVault(r.dir, r.cipher));
    const back = again.get('alice', 't1');
    expect(back?.title).toBe('First');
    expect(back?.history).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hello' }] }]);
    expect([...(back?.typed ?? [])]).toEqual(['7']);
    expect(back?.items[0]).toMatchObject({ kind: 'tool', status: 'cancelled' });
    // Tools allowed ahead are for one sitting.
    expect(back?.allowTools.size).toBe(0);
    expect(again.ofProfile('alice').map((x) => x.threadId)).toEqual(['t1']);
  });

  it('keeps threads it cannot open and never overwrites them', () => {
    const r = rig();
    const store = r.open();
    const t = store.get('alice', 't1', true);
    t.title = 'Kept';
    store.commit(t);

    // Another key: the sealed threads cannot be opened.
    const other = r.open(openVault(r.dir, createTestCipher()));
    const fresh = other.get('alice', 't2', true);
    fresh.title = 'Would overwrite';
    other.commit(fresh);
    expect(r.lines.join('\n')).toMatch(/could not be opened .* kept and not overwritten/);

    const back = r.open(openVault(r.dir, r.cipher));
    expect(back.ofProfile('alice').map((x) => x.title)).toEqual(['Kept']);
  });

  it('forget drops the profile in memory and on disk', () => {
    const r = rig();
    const store = r.open();
    store.commit(store.get('alice', 't1', true));
    expect(r.vault.chats.get('alice').ok).toBe(true);
    store.forget('alice');
    expect(store.all()).toEqual([]);
    expect(r.vault.chats.get('alice')).toEqual({ ok: false, failure: 'missing' });
  });

  it('works in memory only without a chats slot', () => {
    const store = createThreadStore({ vault: {}, now: () => 0, log: () => {} });
    const t = store.get('bob', 'x', true);
    store.commit(t);
    expect(t.snapshot?.threadId).toBe('x');
    expect(store.ofProfile('bob')).toHaveLength(1);
  });
});
