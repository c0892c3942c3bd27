// The app shell in the browser harness: it renders under the production CSP, shows the four
// sections and the app:info facts from the real core, and a screenshot is kept.
// UI engineer: restyle freely; keep a navigation landmark naming the four sections and the
// version / secure-storage facts under Settings (or update this spec with them).
import { readFileSync } from 'node:fs';
import { test, expect } from '../harness/fixtures';
import { PRODUCTION_CSP, PRODUCTION_META_CSP } from '../../src-main/csp';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

test.describe('app shell', () => {
  test('renders navigation and the app facts, without CSP violations or page errors', async ({ harness }) => {
    const { page } = harness;
    const nav = page.getByRole('navigation').first();
    await expect(nav).toBeVisible();
    for (const section of ['Queue', 'Chat', 'Agents', 'Settings']) {
      await expect(nav.getByText(section, { exact: true }).first()).toBeVisible();
    }
    const file = await harness.screenshot('app-shell');
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');

    // The app:info facts (version, runtime, secure storage) come from the real core.
    await nav.getByText('Settings', { exact: true }).first().click();
    const main = page.getByRole('main');
    await expect(main.getByText(version, { exact: true }).first()).toBeVisible();
    await expect(main.getByText('harness', { exact: true }).first()).toBeVisible();
    await expect(main.getByText(/aes-256-gcm \(test\)/i).first()).toBeVisible();
    await harness.screenshot('app-shell-settings');

    expect(harness.cspViolations).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });

  test('is served with the production Content-Security-Policy header and <meta>', async ({ harness }) => {
    const response = await harness.page.request.get(harness.url);
    expect(response.headers()['content-security-policy']).toBe(PRODUCTION_CSP);
    const meta = await harness.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(PRODUCTION_META_CSP);
  });

  test('the CSP really applies: an injected inline script does not run, remote fetches fail', async ({ harness }) => {
    const { page } = harness;
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    const fetched = await page.evaluate(async (url) => {
      try {
        await fetch(url);
        return 'reached';
      } catch {
        return 'blocked';
      }
    }, harness.origin('acme'));
    expect(fetched).toBe('blocked');
    expect(harness.cspViolations.length).toBeGreaterThan(0);
    harness.cspViolations.length = 0;
  });
});
