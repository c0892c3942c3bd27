// `npm start` (scripts/start.ts): the decisions as plain functions, then the real command run the
// way a person runs it — with a stand-in Electron (a small script that records its arguments,
// working folder and environment), with an unreachable download, and with a bad
// ELECTRON_EXEC_PATH.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chooseRuntime,
  downloadFailedParagraph,
  downloadHost,
  installerEnv,
  installerFailureReason,
  nodeVersionWarning,
  platformExecutable,
  readElectronPackage,
} from '../../scripts/runtime/electron-runtime';

const ROOT = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'triage-start-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const electron = readElectronPackage(ROOT);
/** A developer machine may have the real binary; then the installer succeeds and the failure
 *  case cannot be played without touching their install. */
const binaryInstalled = existsSync(path.join(electron.dir, 'path.txt'));

function npmStart(env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) {
    if (v !== undefined && !['ELECTRON_RENDERER_URL', 'ELECTRON_SKIP_BINARY_DOWNLOAD'].includes(k)) clean[k] = v;
  }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete clean[k];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], { cwd: ROOT, env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

describe('runtime decisions', () => {
  it('reads the electron package: version, declared Node, its install-electron bin', () => {
    expect(electron.version).toMatch(/^45\./);
    expect(electron.installer).toBe(path.join(electron.dir, 'install.js'));
    expect(existsSync(electron.installer)).toBe(true);
  });

  it('warns in one line on a Node older than Electron declares, not on a newer one', () => {
    const older = nodeVersionWarning('v20.20.2', { version: '45.5.0', nodeRange: '>= 22.12.0' });
    expect(older).toContain('Node 20.20.2 is older than the Node >= 22.12.0 that Electron 45.5.0 declares');
    expect(older).not.toContain('\n');
    expect(nodeVersionWarning('v22.12.0', { version: '45.5.0', nodeRange: '>= 22.12.0' })).toBeUndefined();
    expect(nodeVersionWarning('v24.1.0', { version: '45.5.0', nodeRange: '>= 22.12.0' })).toBeUndefined();
    expect(nodeVersionWarning('v20.0.0', { version: '45.5.0', nodeRange: undefined })).toBeUndefined();
  });

  it('ELECTRON_EXEC_PATH wins, then ELECTRON_OVERRIDE_DIST_PATH (its executable), else the installer', () => {
    expect(chooseRuntime({ ELECTRON_EXEC_PATH: '/opt/e/electron', ELECTRON_OVERRIDE_DIST_PATH: '/x' }, { platform: 'linux' })).toEqual({
      kind: 'exec-path',
      executable: '/opt/e/electron',
    });
    expect(chooseRuntime({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }, { platform: 'linux' })).toEqual({
      kind: 'override-dist',
      executable: '/opt/e/electron',
    });
    expect(chooseRuntime({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }, { platform: 'darwin' })).toEqual({
      kind: 'override-dist',
      executable: '/opt/e/Electron.app/Contents/MacOS/Electron',
    });
    expect(chooseRuntime({}, { platform: 'linux' })).toEqual({ kind: 'install' });
    expect(platformExecutable('win32')).toBe('electron.exe');
  });

  it('passes the usual proxy settings on to the installer', () => {
    expect(installerEnv({ HTTPS_PROXY: 'http://proxy:3128' })['ELECTRON_GET_USE_PROXY']).toBe('true');
    expect(installerEnv({})['ELECTRON_GET_USE_PROXY']).toBeUndefined();
  });

  it('takes one line from the installer stack as the reason, and names the mirror host', () => {
    const stack = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async downloadArtifact (x.js:1:1)\n';
    expect(installerFailureReason(stack)).toBe('fetch failed');
    expect(installerFailureReason('(node:1) Warning: x\nHTTPError: Response code 404 (Not Found)\n    at y')).toBe(
      'Response code 404 (Not Found)',
    );
    expect(installerFailureReason('')).toBe('the installer stopped without saying why');
    expect(installerFailureReason('Error: ' + 'x'.repeat(1000)).length).toBeLessThanOrEqual(160);
    expect(downloadHost({})).toBe('github.com');
    expect(downloadHost({ ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' })).toBe('npmmirror.com');
  });

  it('the paragraph names what failed and the three ways on', () => {
    const p = downloadFailedParagraph({ version: '45.5.0', reason: 'fetch failed', host: 'github.com' });
    expect(p).toContain('Electron 45.5.0 runtime');
    expect(p).toContain('fetch failed');
    expect(p).toContain('ELECTRON_MIRROR');
    expect(p).toContain('ELECTRON_EXEC_PATH');
    expect(p).toContain('Electron 45 ');
    expect(p).toContain('npm run preview');
    expect(p).not.toContain('\n');
  });
});

describe('npm start', () => {
  it('ELECTRON_EXEC_PATH=<executable> starts it on the built main entry, without the installer', async () => {
    const record = path.join(scratch, 'record.json');
    const stub = path.join(scratch, 'fake-electron.mjs');
    writeFileSync(
      stub,
      `#!${process.execPath}\nimport { writeFileSync } from 'node:fs';\n` +
        `writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env }));\n`,
    );
    chmodSync(stub, 0o755);
    const started = Date.now();
    const run = await npmStart({
      ELECTRON_EXEC_PATH: stub,
      ELECTRON_OVERRIDE_DIST_PATH: undefined,
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('Getting the Electron');

    const seen = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; cwd: string; env: Record<string, string> };
    // electron-vite starts Electron on "." in the project: package.json "main", freshly built.
    expect(seen.argv).toEqual(['.']);
    expect(seen.cwd).toBe(ROOT);
    const main = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    const entry = path.join(ROOT, main);
    expect(statSync(entry).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
    expect(readFileSync(entry, 'utf8')).toMatch(/from "electron"/);
    expect(existsSync(path.join(ROOT, 'out', 'preload', 'index.cjs'))).toBe(true);
    // the dev renderer, in development mode, with the executable it was given
    expect(seen.env['ELECTRON_RENDERER_URL']).toMatch(/^http:\/\/localhost:\d+$/);
    expect(seen.env['NODE_ENV_ELECTRON_VITE']).toBe('development');
    expect(seen.env['ELECTRON_EXEC_PATH']).toBe(stub);
  }, 120_000);

  it('a bad ELECTRON_EXEC_PATH gets the paragraph, not a stack trace', async () => {
    const run = await npmStart({ ELECTRON_EXEC_PATH: path.join(scratch, 'no-such-electron') });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('could not use ELECTRON_EXEC_PATH');
    expect(run.stderr).toContain('does not exist');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);

  it.skipIf(binaryInstalled)(
    'when the download fails: one paragraph, no stack trace, non-zero, well within 60 s',
    async () => {
      const run = await npmStart({
        ELECTRON_EXEC_PATH: undefined,
        ELECTRON_OVERRIDE_DIST_PATH: undefined,
        // nothing listens on the discard port: the download fails at once, on any machine
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: path.join(scratch, 'empty-cache'),
      });
      expect(run.code).not.toBe(0);
      expect(run.ms).toBeLessThan(60_000);
      expect(run.stderr).toContain('could not get the Electron 45.5.0 runtime: downloading it from 127.0.0.1:9 failed');
      for (const way of ['ELECTRON_MIRROR', 'ELECTRON_EXEC_PATH', 'npm run preview']) expect(run.stderr).toContain(way);
      expect(run.stderr + run.stdout).not.toMatch(/^\s+at /m);
      if (nodeVersionWarning(process.version, electron)) {
        expect(run.stderr).toContain(`Note: Node ${process.version.slice(1)} is older than`);
      }
      // Nothing was installed half-way.
      expect(existsSync(path.join(electron.dir, 'path.txt'))).toBe(false);
    },
    60_000,
  );
});
