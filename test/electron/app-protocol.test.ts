// The app:// handler (src-main/app-protocol.ts) under Node, on a real folder: it serves the
// renderer's files with their MIME type and the production CSP, and nothing else — whatever a
// hostile page or link puts in the path. A secret file beside the folder proves nothing leaks.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, createAppProtocolHandler, resolveAppRequest } from '../../src-main/app-protocol';
import { PRODUCTION_CSP } from '../../src-main/csp';

const base = mkdtempSync(path.join(tmpdir(), 'triage-app-protocol-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Triage Desk</title>');
writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
writeFileSync(path.join(root, 'assets', 'font.woff2'), 'wOF2');
writeFileSync(path.join(root, 'assets', 'notes.bin'), 'binary');
mkdirSync(path.join(root, 'assets', 'folder.js'));
const SECRET = 'canary-secret-9f2c';
writeFileSync(path.join(base, 'vault.json'), SECRET);
writeFileSync(path.join(base, 'secret.js'), SECRET);
mkdirSync(path.join(base, 'renderer-evil'));
writeFileSync(path.join(base, 'renderer-evil', 'x.js'), SECRET);
// links inside the folder: one to a file in it (fine), one out of it (refused)
symlinkSync(path.join(root, 'assets', 'index-abc.js'), path.join(root, 'assets', 'alias.js'));
symlinkSync(path.join(base, 'secret.js'), path.join(root, 'assets', 'escape.js'));
symlinkSync(base, path.join(root, 'up'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handler = createAppProtocolHandler(root);
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// serves the renderer folder', () => {
  it.each([
    [APP_INDEX_URL, 'text/html; charset=utf-8', 'Triage Desk'],
    ['app://triage-desk/', 'text/html; charset=utf-8', 'Triage Desk'],
    ['app://triage-desk/index.html?x=1#/queue', 'text/html; charset=utf-8', 'Triage Desk'],
    ['app://triage-desk/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log'],
    ['app://triage-desk/assets/index-abc.css', 'text/css; charset=utf-8', 'body'],
    ['app://triage-desk/assets/logo.svg', 'image/svg+xml', '<svg'],
    ['app://triage-desk/assets/font.woff2', 'font/woff2', 'wOF2'],
    ['app://triage-desk/assets/index%2Dabc.js', 'text/javascript; charset=utf-8', 'console.log'],
    ['app://triage-desk/assets/alias.js', 'text/javascript; charset=utf-8', 'console.log'],
  ])('%s → %s', async (url, type, body) => {
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(PRODUCTION_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain(body);
  });

  it('HEAD answers without a body; other methods are refused', async () => {
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) expect((await get(APP_INDEX_URL, method)).status).toBe(405);
  });

  it('missing files, folders and unknown types are 404s, still with the CSP', async () => {
    for (const url of [
      'app://triage-desk/nope.js',
      'app://triage-desk/assets/folder.js',
      'app://triage-desk/assets/notes.bin',
      'app://triage-desk/assets',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(PRODUCTION_CSP);
    }
  });
});

describe('hostile paths never leave the folder', () => {
  const hostile = [
    // plain and encoded dot-dot, in every spelling
    'app://triage-desk/../vault.json',
    'app://triage-desk/assets/../../vault.json',
    'app://triage-desk/%2e%2e/vault.json',
    'app://triage-desk/%2E%2E/secret.js',
    'app://triage-desk/.%2e/secret.js',
    'app://triage-desk/%2e./secret.js',
    'app://triage-desk/assets/..%2f..%2fsecret.js',
    'app://triage-desk/assets/%2e%2e%2f%2e%2e%2fsecret.js',
    'app://triage-desk/assets/%2e%2e%2F%2e%2e%2Fsecret.js',
    'app://triage-desk/%252e%252e/secret.js',
    // encoded slashes and backslashes
    'app://triage-desk/assets%2f..%2f..%2fsecret.js',
    'app://triage-desk/..%5c..%5csecret.js',
    'app://triage-desk/assets%5cindex-abc.js',
    'app://triage-desk/..\\secret.js',
    'app://triage-desk/assets\\..\\..\\secret.js',
    // absolute paths
    'app://triage-desk//etc/passwd',
    `app://triage-desk/${encodeURIComponent(path.join(base, 'secret.js'))}`,
    `app://triage-desk/%2f${encodeURIComponent(base.slice(1))}%2fsecret.js`,
    'app://triage-desk/C:/Windows/win.ini',
    'app://triage-desk/C%3A%5CWindows%5Cwin.ini',
    // null bytes, control characters, broken escapes
    'app://triage-desk/index.html%00.js',
    'app://triage-desk/secret.js%00',
    'app://triage-desk/assets/%0aindex-abc.js',
    'app://triage-desk/%E0%A4%A',
    'app://triage-desk/%',
    // sibling folders with the same prefix, other hosts, credentials, ports
    'app://triage-desk/../renderer-evil/x.js',
    // symlinks inside the folder that point out of it
    'app://triage-desk/assets/escape.js',
    'app://triage-desk/up/secret.js',
    'app://evil/index.html',
    'app://triage-desk.evil/index.html',
    'app://user:pw@triage-desk/index.html',
    'app://triage-desk:8080/index.html',
    'file:///etc/passwd',
    'https://triage-desk/index.html',
  ];

  it.each(hostile)('%s is refused or stays inside', async (url) => {
    let res: Response;
    try {
      res = await get(url);
    } catch {
      return; // not even a Request (the URL parser refused it)
    }
    const body = await res.text();
    expect(body).not.toContain(SECRET);
    expect(res.status).not.toBe(200);
  });

  it('resolves only to files inside the folder', () => {
    for (const url of hostile) {
      const r = resolveAppRequest(url, 'GET', root);
      if (r.ok) expect(path.relative(root, r.file).startsWith('..')).toBe(false);
    }
  });

  it('refuses an overlong URL', () => {
    expect(resolveAppRequest(`app://triage-desk/${'a'.repeat(5000)}.js`, 'GET', root)).toMatchObject({ ok: false, status: 400 });
  });
});
