// The Node vault store (conf) and its corrupt-file handling: real files in a temp dir.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConfStore } from '../../../src-main/platform/node-store';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'vault-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const now = () => Date.parse('2026-03-01T10:20:30.456Z');

describe('openConfStore', () => {
  it('creates vault.json with mode 0600 on first write, even under a permissive umask', () => {
    const dir = tempDir();
    const old = process.umask(0o000);
    try {
      const { store, path: file, notices } = openConfStore({ cwd: dir });
      expect(notices).toEqual([]);
      expect(file).toBe(path.join(dir, 'vault.json'));
      store.set('settings', { model: 'm' });
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('tightens the mode of an existing, too-open file on the next write', () => {
    const dir = tempDir();
    const file = path.join(dir, 'vault.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o644);
    const { store } = openConfStore({ cwd: dir });
    store.set('a', 1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps keys with dots as plain keys', () => {
    const { store } = openConfStore({ cwd: tempDir() });
    store.set('a.b', 1);
    expect(store.get('a.b')).toBe(1);
    expect(store.get('a')).toBeUndefined();
  });

  it.each([
    ['invalid JSON', '{"profiles": [', /is not valid JSON/],
    ['an empty file', '', /is not valid JSON/],
    ['a JSON array (conf would read it as empty)', '[1,2,3]', /expected settings object/],
    ['JSON null', 'null', /expected settings object/],
  ])('moves %s aside, keeps it byte for byte, and starts empty with a notice', (_label, content, why) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'vault.json'), content);
    const { store, notices } = openConfStore({ cwd: dir, now });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(why);
    expect(notices[0]).toMatch(/Nothing was deleted/);
    const kept = path.join(dir, 'vault.corrupt-2026-03-01T10-20-30-456Z.json');
    expect(notices[0]).toContain(kept);
    expect(readFileSync(kept, 'utf8')).toBe(content);
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect(store.get('profiles')).toBeUndefined();
    store.set('profiles', []);
    expect(JSON.parse(readFileSync(path.join(dir, 'vault.json'), 'utf8'))).toEqual({ profiles: [] });
  });

  it('never overwrites an earlier moved-aside file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'vault.json'), 'first{');
    openConfStore({ cwd: dir, now });
    writeFileSync(path.join(dir, 'vault.json'), 'second{');
    openConfStore({ cwd: dir, now });
    const kept = readdirSync(dir)
      .filter((f) => f.includes('corrupt'))
      .sort();
    expect(kept).toHaveLength(2);
    expect(kept.map((f) => readFileSync(path.join(dir, f), 'utf8')).sort()).toEqual(['first{', 'second{']);
  });

  it('accepts a file with a byte-order mark as valid', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'vault.json'), '\uFEFF{"settings":{"model":"m"}}');
    const { store, notices } = openConfStore({ cwd: dir });
    expect(notices).toEqual([]);
    expect(store.get('settings')).toEqual({ model: 'm' });
  });

  it('when the file cannot be opened at all, runs on a memory store and says so', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'vault.json')); // a directory where the file should be
    const { store, notices } = openConfStore({ cwd: dir });
    expect(notices[0]).toMatch(/could not be opened \(EISDIR\)/);
    expect(notices[0]).toMatch(/kept only until it quits/);
    store.set('k', { a: 1 });
    expect(store.get('k')).toEqual({ a: 1 });
    expect(existsSync(path.join(dir, 'vault.json'))).toBe(true);
  });
});
