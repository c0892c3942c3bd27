// `npm start`: make sure of the Electron runtime, then hand over to `electron-vite dev`.
// The electron package fetches its binary only when something runs its installer, and
// electron-vite never does, so this runs the package's own `install-electron` first (it honours
// ELECTRON_MIRROR, electron_config_cache and proxies). When that fails: one paragraph, no stack
// trace, exit 1. ELECTRON_EXEC_PATH / ELECTRON_OVERRIDE_DIST_PATH skip the installer.
// The decisions live in ./runtime/electron-runtime.ts; see docs/runtime.md.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  badOverrideParagraph,
  chooseRuntime,
  downloadFailedParagraph,
  downloadHost,
  installerEnv,
  installerFailureReason,
  nodeVersionWarning,
  readElectronPackage,
} from './runtime/electron-runtime';

const ROOT = path.resolve(import.meta.dirname, '..');
/** A stalled installer is stopped after this long (a real download of ~110 MB fits easily). */
const INSTALL_LIMIT_MS = 15 * 60_000;
const MAX_STDERR = 64 * 1024;

function fail(paragraph: string): never {
  process.stderr.write(`\n${paragraph}\n\n`);
  process.exit(1);
}

function runnable(file: string): string | undefined {
  if (!existsSync(file)) return 'does not exist';
  if (!statSync(file).isFile()) return 'is not a file';
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return 'is not executable';
  }
  return undefined;
}

/** Runs install.js with Node; resolves with its exit code and what it wrote to stderr. */
function runInstaller(installer: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], {
      cwd: ROOT,
      env: installerEnv(process.env),
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR) stderr += chunk;
    });
    const timer = setTimeout(() => {
      stderr = `Error: no answer within ${INSTALL_LIMIT_MS / 60_000} minutes\n` + stderr;
      child.kill();
    }, INSTALL_LIMIT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, stderr: `Error: ${err.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

async function main(): Promise<void> {
  const electron = readElectronPackage(ROOT);
  const warning = nodeVersionWarning(process.version, electron);
  if (warning) console.warn(warning);

  const pathTxtFile = path.join(electron.dir, 'path.txt');
  const pathTxt = existsSync(pathTxtFile) ? readFileSync(pathTxtFile, 'utf8').trim() : undefined;
  const choice = chooseRuntime(process.env, { platform: process.platform, pathTxt });
  const env = { ...process.env };

  if (choice.kind === 'install') {
    if (!pathTxt) console.log(`Getting the Electron ${electron.version} runtime (downloaded once, then kept)…`);
    const result = await runInstaller(electron.installer);
    if (result.code !== 0 || !existsSync(pathTxtFile)) {
      fail(
        downloadFailedParagraph({
          version: electron.version,
          reason: installerFailureReason(result.stderr),
          host: downloadHost(process.env),
        }),
      );
    }
  } else {
    const variable = choice.kind === 'exec-path' ? 'ELECTRON_EXEC_PATH' : 'ELECTRON_OVERRIDE_DIST_PATH';
    const problem = runnable(choice.executable);
    if (problem) fail(badOverrideParagraph({ version: electron.version, variable, executable: choice.executable, problem }));
    // electron-vite reads only ELECTRON_EXEC_PATH (or path.txt).
    env['ELECTRON_EXEC_PATH'] = choice.executable;
  }

  const require = createRequire(path.join(ROOT, 'package.json'));
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const child = spawn(process.execPath, [cli, 'dev', ...process.argv.slice(2)], { cwd: ROOT, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((err: unknown) => {
  // Nothing above is expected to throw; if it does, still one line, not a stack.
  fail(`npm start stopped: ${err instanceof Error ? err.message : String(err)}`);
});
