// The real app (Playwright project `electron`): electron-vite builds the three entries into a
// scratch folder, the bundles are checked for the properties the sandbox depends on, and where an
// Electron binary and a display exist the app is launched and its window inspected. On build
// machines there is no Electron binary (it cannot be downloaded), so the launch says why it skips.
import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PRODUCTION_META_CSP } from '../../src-main/csp';
import { hasDisplay } from '../../src-browser/chromium';
import { chooseRuntime, readElectronPackage } from '../../scripts/runtime/electron-runtime';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILD = path.join(ROOT, 'test-results', 'electron-build');
const require = createRequire(import.meta.url);

test.describe.configure({ mode: 'serial' });

/** Why the real app cannot be launched here, or the executable when it can: the same choice
 *  `npm start` makes (ELECTRON_EXEC_PATH, ELECTRON_OVERRIDE_DIST_PATH, else the installed
 *  binary). Never triggers Electron's own lazy download (requiring 'electron' would). */
function electronUnavailable(): { reason: string } | { executable: string } {
  const pkg = readElectronPackage(ROOT);
  const pathTxt = path.join(pkg.dir, 'path.txt');
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : undefined;
  const choice = chooseRuntime(process.env, { platform: process.platform, pathTxt: relative });
  if (choice.kind === 'install' && !relative) {
    return { reason: 'no Electron binary installed (node_modules/electron/path.txt missing; it cannot be downloaded on this machine)' };
  }
  const executable = choice.kind === 'install' ? path.join(pkg.dir, 'dist', relative as string) : choice.executable;
  if (!existsSync(executable)) return { reason: `the Electron binary ${executable} is missing` };
  if (!hasDisplay(process.platform, process.env)) {
    return { reason: 'no display (run under xvfb-run to include the Electron launch)' };
  }
  return { executable };
}

test('electron-vite builds main, a CommonJS preload that requires only electron, and the renderer', async () => {
  test.setTimeout(120_000);
  rmSync(BUILD, { recursive: true, force: true });
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [cli, 'build'], { cwd: ROOT, env: { ...process.env, TRIAGE_BUILD_DIR: BUILD }, stdio: 'pipe' });

  const main = readFileSync(path.join(BUILD, 'main', 'index.js'), 'utf8');
  expect(main).toMatch(/from "electron"/);

  const preload = readFileSync(path.join(BUILD, 'preload', 'index.cjs'), 'utf8');
  const required = [...preload.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
  expect(required).toEqual(['electron']);
  expect(preload).not.toMatch(/^\s*import\s/m);
  expect(preload).not.toMatch(/\bzod\b/);
  expect(preload).toContain('exposeInMainWorld("triage"');

  const html = readFileSync(path.join(BUILD, 'renderer', 'index.html'), 'utf8');
  expect(html).toContain(`content="${PRODUCTION_META_CSP}"`);
  // relative asset URLs, so the app:// page loads its own bundle and nothing else
  expect(html).toMatch(/src="\.\/assets\/[^"]+\.js"/);
  expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
});

test('the real app opens its hardened window and the shell', async () => {
  const found = electronUnavailable();
  if ('reason' in found) {
    console.log(`Electron launch skipped: ${found.reason}.`);
    test.skip(true, found.reason);
    return;
  }
  const userData = mkdtempSync(path.join(tmpdir(), 'triage-electron-smoke-'));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k, v]) => v !== undefined && k !== 'ELECTRON_RENDERER_URL'),
  ) as Record<string, string>;
  const app = await electron.launch({
    executablePath: found.executable,
    args: [path.join(BUILD, 'main', 'index.js')],
    cwd: ROOT,
    env: { ...env, TRIAGE_USER_DATA_DIR: userData },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation').first()).toBeVisible();
    const page = await window.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      triage: Object.keys((window as unknown as { triage: object }).triage).length,
    }));
    expect(page).toMatchObject({ require: 'undefined', process: 'undefined' });
    expect(page.triage).toBeGreaterThan(1);
    const info = await window.evaluate(() =>
      (window as unknown as { triage: { appInfo(): Promise<{ runtime: string }> } }).triage.appInfo(),
    );
    expect(info.runtime).toBe('electron');
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));
    expect(windows).toHaveLength(1);
    expect(windows[0]).toBe('app://triage-desk/index.html');
    await window.screenshot({ path: path.join(ROOT, 'test-results', 'screenshots', 'electron-shell.png') });
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
