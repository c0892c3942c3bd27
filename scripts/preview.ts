// `npm run preview`: Triage Desk in a browser window, for a machine without the Electron runtime.
// The built renderer, the real core and the built-in sandbox helpdesk, with window.triage bridged
// to the core by the same Playwright binding the e2e harness uses (src-browser/bridge.ts): no
// network port carries IPC (the only ports are the static renderer files and the sandbox
// helpdesk, both on 127.0.0.1). Nothing is written to disk by the app: an in-memory store and an
// in-memory cipher, so keys entered here last until the window closes (Chromium's own profile is a
// temp folder removed at the end). Stays up until the window is closed (or Ctrl+C). See
// docs/runtime.md.
//
//   npm run preview                       open the window
//   npm run preview -- --screenshot a.png also save a PNG of the window once the app is shown
//   npm run preview -- --print-page       also print the page's accessibility tree once shown
//   npm run preview -- --verbose          also print the core's diagnostic lines
import { chromium } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { installBridge } from '../src-browser/bridge';
import { findPreviewBrowser, hasDisplay } from '../src-browser/chromium';
import type { FoundBrowser } from '../src-browser/chromium';
import { startRendererServer } from '../src-browser/renderer-server';
import { createTriageCore } from '../src-main/core';
import { reconnectSandboxProfile, SANDBOX_PROFILE } from '../src-main/core/handlers/sandbox';
import { createMemoryCipher } from '../src-main/platform/memory-cipher';
import { createMemoryStore } from '../src-main/platform/open-json-store';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Its own build folder, so a preview never rebuilds the renderer the e2e suite is reading. */
const PREVIEW_RENDERER = path.join(ROOT, 'out', 'preview', 'renderer');
/** How long the app may take to show its shell before the preview says so (it stays up). */
const SHOWN_WITHIN_MS = Number(process.env['TRIAGE_PREVIEW_WAIT_MS'] ?? 30_000);

const say = (line: string) => console.log(line);

function describeBrowser(found: FoundBrowser): string {
  return found.kind === 'system' ? `the system browser at ${found.path}` : `Playwright's Chromium at ${found.path}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      screenshot: { type: 'string' },
      'print-page': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });

  if (!hasDisplay(process.platform, process.env)) {
    say(
      'The browser preview opens a window, and there is no display here (DISPLAY and WAYLAND_DISPLAY are unset). ' +
        'On a machine without a screen, run it in a virtual one: xvfb-run -a npm run preview',
    );
    return 2;
  }

  const browserChoice = findPreviewBrowser({
    platform: process.platform,
    env: process.env,
    exists: existsSync,
    playwrightPath: () => chromium.executablePath(),
  });
  if (!browserChoice.found) {
    say(
      `No Chromium or Chrome found (looked for ${browserChoice.looked.join(', ')}). Install one (Debian: apt-get install chromium), ` +
        'set CHROMIUM_PATH to one you have, or fetch Playwright\'s with "npx playwright install chromium".',
    );
    return 1;
  }
  say(`Browser: ${describeBrowser(browserChoice.found)}.`);

  say('Building the renderer…');
  await build({
    configFile: path.join(ROOT, 'src-browser', 'vite.renderer.config.ts'),
    configLoader: 'runner',
    logLevel: 'warn',
    build: { outDir: PREVIEW_RENDERER },
  });

  const core = createTriageCore({
    store: createMemoryStore(),
    cipher: createMemoryCipher({ status: { available: true, backend: 'in memory only (browser preview)' } }),
    // the core's diagnostic lines (never secrets), on request
    log: values.verbose ? (line) => console.warn(line) : () => {},
  });
  const server = await startRendererServer(PREVIEW_RENDERER);
  const closeCore = async () => {
    await core.close().catch(() => {}); // also stops the built-in sandbox the core owns
    await server.close().catch(() => {});
  };

  // Chromium's own throwaway profile: a temp folder this script removes when the preview ends.
  const profileDir = mkdtempSync(path.join(tmpdir(), 'triage-preview-chromium-'));
  const closeAll = async () => {
    await closeCore();
    // Chromium's helper processes may still be writing there for a moment after the browser
    // went away: retry, and never let a leftover temp folder turn a clean close into a crash.
    try {
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      say(`Note: the browser's temporary folder ${profileDir} could not be removed; delete it by hand.`);
    }
  };

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      headless: false,
      executablePath: browserChoice.found.path,
      viewport: null,
      args: [
        '--no-first-run',
        '--disable-sync',
        '--disable-background-networking',
        '--disable-component-update',
        '--window-size=1280,860',
        // names the window for the desktop (X11 WM_CLASS)
        '--class=TriageDeskPreview',
      ],
    });
  } catch (err) {
    await closeAll();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const stop = (why: string) => {
    stopping ??= (async () => {
      say(`Preview closed (${why}); nothing was saved.`);
      await context.close().catch(() => {});
      await closeAll();
    })()
      .catch((err: unknown) =>
        say(`Note: closing the preview did not finish cleanly (${err instanceof Error ? err.message.split('\n')[0] : String(err)}).`),
      )
      .then(finished);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop('stopped from the terminal'));
  context.on('close', () => stop('the window was closed'));
  const page: Page = context.pages()[0] ?? (await context.newPage());
  page.on('close', () => stop('the window was closed'));
  // What goes wrong in the page shows here, as the e2e harness would fail on it.
  page.on('pageerror', (err) => console.warn(`page error: ${err.message.split('\n')[0]}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      console.warn(`page console: ${msg.text().slice(0, 300)}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
      console.warn(`page: ${response.status()} for ${response.url()}`);
  });

  try {
    const bridge = await installBridge(page, { core, origin: server.origin, runtime: 'preview' });
    // An allowlisted link (dispatch() checked it) opens in a new tab, where the app would use the
    // system browser; that tab has no window.triage.
    bridge.context.openExternal = async (url) => {
      const tab = await context.newPage();
      await tab.goto(url).catch(() => {});
    };
    // The app's own "Try the sandbox helpdesk" flow: the demo profile on the built-in sandbox.
    await reconnectSandboxProfile(bridge.context, SANDBOX_PROFILE);
    await page.goto(server.url);
    try {
      await page.getByRole('navigation').first().waitFor({ timeout: SHOWN_WITHIN_MS });
      await page.getByTestId('connection-status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: SHOWN_WITHIN_MS });
      say(`Preview open: Triage Desk with the sandbox helpdesk, profile "${SANDBOX_PROFILE}". Nothing is saved.`);
    } catch {
      if (!stopping) say(`The window is open, but the app did not show within ${SHOWN_WITHIN_MS / 1000} s; it may still be loading.`);
    }
    if (values.screenshot && !stopping) {
      await page.screenshot({ path: path.resolve(values.screenshot) });
      say(`Screenshot: ${path.resolve(values.screenshot)}`);
    }
    if (values['print-page'] && !stopping) say(await page.locator('body').ariaSnapshot());
    if (!stopping) say('Close the window (or press Ctrl+C here) to stop the preview.');
  } catch (err) {
    // closing the window while the page loads is not an error
    if (!stopping) {
      stop('it could not start');
      throw err;
    }
  }

  await done;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`The browser preview stopped: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    process.exit(1);
  },
);
