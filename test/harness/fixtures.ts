// The Playwright fixture every e2e spec imports:
//
//   import { test, expect } from '../harness/fixtures';
//   test('…', async ({ harness }) => { await harness.page.getByRole('button', …) });
//
// Each test gets a fresh core (real `conf` file in a temp dir, real AES-256-GCM cipher), a fresh
// sandbox helpdesk (seed 42; tests may reset keys or change limits, so nothing is shared), and
// the built renderer open at harness.url with window.triage bridged to that core.
// `test.use({ sandboxTickets: 5000 })` seeds a large helpdesk for scrolling / speed specs.
import { test as base, expect } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { TriageCore } from '../../src-main/core';
import { makeTestCore } from '../helpers/core';
import { startWorld, type RunningSandbox } from '../helpers/world';
import type { TestCore } from '../helpers/core';
import { installBridge } from '../../src-browser/bridge';
import type { HarnessBridge } from '../../src-browser/bridge';
import { startRendererServer } from '../../src-browser/renderer-server';
import type { RendererServer } from '../../src-browser/renderer-server';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic';

export type Sandbox = RunningSandbox;

export interface Harness {
  page: Page;
  core: TriageCore;
  sandbox: Sandbox;
  /** the app's page in the harness */
  url: string;
  /** freshdeskOrigin for a sandbox account, e.g. http://acme.localhost:PORT */
  origin(subdomain: string): string;
  /** the page's handler session, events delivered, links opened, refused calls */
  bridge: HarnessBridge;
  /** the test core's temp dir and vault file */
  testCore: TestCore;
  /** Content-Security-Policy violations the page reported; the test fails unless it ends empty
   *  (a spec that provokes one on purpose clears it) */
  cspViolations: string[];
  /** uncaught errors in the page; the test fails unless it ends empty */
  pageErrors: string[];
  /** Saves a full-page PNG to test-results/screenshots/<name>.png (and docs/screenshots/ when
   *  SCREENSHOTS=1) and attaches it to the report. Returns the path. */
  screenshot(name: string): Promise<string>;
}

export interface HarnessOptions {
  /** tickets per sandbox account; undefined: the sandbox's default */
  sandboxTickets: number | undefined;
  /** open harness.url before the test body runs (default true) */
  openApp: boolean;
  /** Claude's Messages API for this test's core (chat specs point it at test/fakes/anthropic) */
  anthropicBaseURL: string | undefined;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const safe = name.replace(/[^a-z0-9._-]+/gi, '-');
  const dirs = [path.join(ROOT, 'test-results', 'screenshots')];
  if (process.env['SCREENSHOTS']) dirs.push(path.join(ROOT, 'docs', 'screenshots'));
  let first = '';
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${safe}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    first ||= file;
  }
  await testInfo.attach(safe, { path: first, contentType: 'image/png' });
  return first;
}

export const test = base.extend<HarnessOptions & { harness: Harness }, { rendererServer: RendererServer }>({
  sandboxTickets: [undefined, { option: true }],
  openApp: [true, { option: true }],
  anthropicBaseURL: [undefined, { option: true }],

  // The built renderer never changes during a run: one static server per worker.
  rendererServer: [
    // Playwright reads a fixture's dependencies from this destructuring: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startRendererServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  harness: async ({ page, rendererServer, sandboxTickets, openApp, anthropicBaseURL }, use, testInfo) => {
    const world = await startWorld(sandboxTickets === undefined ? {} : { ticketsPerAccount: sandboxTickets });
    const { sandbox } = world;
    const origin = (subdomain: string) => world.origin(subdomain);
    const testCore = await makeTestCore({ freshdeskOrigin: origin, anthropicBaseURL });
    const bridge = await installBridge(page, { core: testCore.core, origin: rendererServer.origin });

    const cspViolations: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });

    if (openApp) await page.goto(rendererServer.url);

    await use({
      page,
      core: testCore.core,
      sandbox,
      url: rendererServer.url,
      origin,
      bridge,
      testCore,
      cspViolations,
      pageErrors,
      screenshot: (name) => saveScreenshot(page, testInfo, name),
    });

    // Close the page first so no late call reaches a closed core.
    await page.close().catch(() => {});
    try {
      // What breaks here breaks the same way in the app: the CSP and the code are the same.
      expect(cspViolations, 'the page hit the Content-Security-Policy').toEqual([]);
      expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    } finally {
      await testCore.cleanup();
      await world.close();
    }
  },
});

/** The harness with Claude played by the fake Messages API over HTTP (`fake` scripts it). */
export const claudeTest = test.extend<{ fake: FakeAnthropic }>({
  // Playwright reads the fixture's dependencies from this destructuring: none here.
  // eslint-disable-next-line no-empty-pattern
  fake: async ({}, use) => {
    const fake = await startFakeAnthropic();
    await use(fake);
    await fake.close();
  },
  anthropicBaseURL: async ({ fake }, use) => use(fake.url),
});

export { expect };
