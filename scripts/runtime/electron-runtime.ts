// What `npm start` decides before electron-vite runs (scripts/start.ts does the I/O): which
// Electron executable to use, whether to run the `electron` package's own installer, what to
// say when the runtime cannot be had, and whether this Node is older than Electron declares.
// Plain functions over plain values, so test/electron/start-runtime.test.ts runs them under Node.
// Background: docs/runtime.md.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import semver from 'semver';

export interface ElectronPackage {
  /** node_modules/electron */
  dir: string;
  version: string;
  /** its package.json engines.node, e.g. ">= 22.12.0" */
  nodeRange: string | undefined;
  /** absolute path of its `install-electron` bin (install.js) */
  installer: string;
}

export function readElectronPackage(fromDir: string): ElectronPackage {
  const require = createRequire(path.join(fromDir, 'package.json'));
  const manifestPath = require.resolve('electron/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    version: string;
    engines?: { node?: string };
    bin?: Record<string, string>;
  };
  const dir = path.dirname(manifestPath);
  const bin = manifest.bin?.['install-electron'] ?? 'install.js';
  return { dir, version: manifest.version, nodeRange: manifest.engines?.node, installer: path.join(dir, bin) };
}

/** One line when this Node is older than the one Electron's package declares; start goes on. */
export function nodeVersionWarning(nodeVersion: string, electron: Pick<ElectronPackage, 'version' | 'nodeRange'>): string | undefined {
  const range = electron.nodeRange;
  if (!range || !semver.validRange(range)) return undefined;
  const floor = semver.minVersion(range);
  if (!floor || !semver.lt(nodeVersion, floor)) return undefined;
  return (
    `Note: Node ${nodeVersion.replace(/^v/, '')} is older than the Node ${range} that Electron ${electron.version} declares; ` +
    `going on (its installer and the build run on Node 20), but use Node ${floor.version} or newer if a step fails.`
  );
}

/** The executable name inside an Electron dist folder (what install.js writes to path.txt). */
export function platformExecutable(platform: NodeJS.Platform | string): string {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

export type RuntimeChoice =
  /** ELECTRON_EXEC_PATH: that executable, no installer */
  | { kind: 'exec-path'; executable: string }
  /** ELECTRON_OVERRIDE_DIST_PATH: the executable in that folder, no installer */
  | { kind: 'override-dist'; executable: string }
  /** neither: the package's own installer makes sure of node_modules/electron/dist */
  | { kind: 'install' };

/** Which runtime `npm start` uses. electron-vite reads only ELECTRON_EXEC_PATH (or path.txt), so
 *  an ELECTRON_OVERRIDE_DIST_PATH is turned into the executable path the way the electron
 *  package's index.js does it. */
export function chooseRuntime(env: NodeJS.ProcessEnv, opts: { platform: string; pathTxt?: string }): RuntimeChoice {
  const exec = env['ELECTRON_EXEC_PATH'];
  if (exec) return { kind: 'exec-path', executable: path.resolve(exec) };
  const dist = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (dist) return { kind: 'override-dist', executable: path.join(path.resolve(dist), opts.pathTxt || platformExecutable(opts.platform)) };
  return { kind: 'install' };
}

/** Environment for the installer: the usual HTTP(S)_PROXY settings reach @electron/get only
 *  when ELECTRON_GET_USE_PROXY is set, so it is set for them. */
export function installerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => env[k]);
  return proxied && !env['ELECTRON_GET_USE_PROXY'] ? { ...env, ELECTRON_GET_USE_PROXY: 'true' } : { ...env };
}

const MAX_REASON = 160;

/** The installer's one-line reason from what it printed (it prints a stack): the first line that
 *  is not a stack frame or a Node warning, without the error class. Capped. */
export function installerFailureReason(stderr: string): string {
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('at ') || line.startsWith('(node:') || line.startsWith('(Use `node')) continue;
    const message = line.replace(/^(?:[A-Z][A-Za-z]*)?Error:\s*/, '');
    return message.length > MAX_REASON ? `${message.slice(0, MAX_REASON - 1)}…` : message;
  }
  return 'the installer stopped without saying why';
}

/** Where the download goes, for the message: the mirror's host, or github.com. */
export function downloadHost(env: NodeJS.ProcessEnv): string {
  const mirror = env['ELECTRON_MIRROR'] || env['npm_config_electron_mirror'] || env['NPM_CONFIG_ELECTRON_MIRROR'];
  if (!mirror) return 'github.com';
  try {
    return new URL(mirror).host || mirror;
  } catch {
    return mirror;
  }
}

/** The three ways on, shared by every "no runtime" paragraph. */
function waysOn(version: string): string {
  const major = version.split('.')[0];
  return (
    'Three ways on: fix the network connection, or set ELECTRON_MIRROR to a mirror you can reach, and run `npm start` again; ' +
    `or point ELECTRON_EXEC_PATH at an Electron ${major} that is already installed (ELECTRON_EXEC_PATH=/path/to/electron npm start); ` +
    'or try the app in your browser with `npm run preview` (the sandbox helpdesk; nothing is saved).'
  );
}

/** The paragraph `npm start` prints when the download failed. No stack trace. */
export function downloadFailedParagraph(opts: { version: string; reason: string; host: string }): string {
  return (
    `npm start could not get the Electron ${opts.version} runtime: downloading it from ${opts.host} failed (${opts.reason}). ` +
    waysOn(opts.version)
  );
}

/** The paragraph when ELECTRON_EXEC_PATH / ELECTRON_OVERRIDE_DIST_PATH point at nothing runnable. */
export function badOverrideParagraph(opts: { version: string; variable: string; executable: string; problem: string }): string {
  return `npm start could not use ${opts.variable}: ${opts.executable} ${opts.problem}. ` + waysOn(opts.version);
}
