// Which Chromium the e2e suite, the renderer benchmark and the browser preview launch, and how:
// Debian's browser on build machines (Playwright cannot download its own there; CHROMIUM_PATH
// overrides), Playwright's own browser everywhere else. The preview also looks for Chrome.
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** the system Chromium's path when it is installed; undefined: Playwright's own browser */
export const chromiumExecutable: string | undefined = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where a system Chromium or Chrome usually is, per platform (CHROMIUM_PATH first). */
export function systemBrowserCandidates(platform: string, env: NodeJS.ProcessEnv): string[] {
  const fromEnv = env['CHROMIUM_PATH'] ? [env['CHROMIUM_PATH']] : [];
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ];
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((r): r is string => !!r);
    return [
      ...fromEnv,
      ...roots.map((r) => `${r}\\Google\\Chrome\\Application\\chrome.exe`),
      ...roots.map((r) => `${r}\\Chromium\\Application\\chrome.exe`),
    ];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ];
}

export type FoundBrowser = { kind: 'system' | 'playwright'; path: string };

/** The browser the preview opens: a system Chromium/Chrome when one is installed, Playwright's own
 *  when it has been downloaded, else undefined (with the places looked in). */
export function findPreviewBrowser(opts: {
  platform: string;
  env: NodeJS.ProcessEnv;
  exists: (file: string) => boolean;
  playwrightPath: () => string | undefined;
}): { found: FoundBrowser } | { found: undefined; looked: string[] } {
  const candidates = systemBrowserCandidates(opts.platform, opts.env);
  const system = candidates.find((file) => opts.exists(file));
  if (system) return { found: { kind: 'system', path: system } };
  let own: string | undefined;
  try {
    own = opts.playwrightPath();
  } catch {
    own = undefined;
  }
  if (own && opts.exists(own)) return { found: { kind: 'playwright', path: own } };
  return { found: undefined, looked: [...candidates, ...(own ? [own] : [])] };
}

/** Whether a window can open here: Linux and the BSDs need an X11 or Wayland display. */
export function hasDisplay(platform: string, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return !!(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}
