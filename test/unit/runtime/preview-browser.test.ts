// Which browser the preview opens and whether it can open a window (src-browser/chromium.ts).
import { describe, expect, it } from 'vitest';
import { findPreviewBrowser, hasDisplay, systemBrowserCandidates } from '../../../src-browser/chromium';

const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe('findPreviewBrowser', () => {
  it('prefers CHROMIUM_PATH, then the system Chromium or Chrome', () => {
    const env = { CHROMIUM_PATH: '/opt/my/chrome' };
    expect(
      findPreviewBrowser({
        platform: 'linux',
        env,
        exists: only('/opt/my/chrome', '/usr/bin/chromium'),
        playwrightPath: () => '/pw/chrome',
      }),
    ).toEqual({
      found: { kind: 'system', path: '/opt/my/chrome' },
    });
    expect(
      findPreviewBrowser({ platform: 'linux', env: {}, exists: only('/usr/bin/google-chrome'), playwrightPath: () => '/pw/chrome' }),
    ).toEqual({
      found: { kind: 'system', path: '/usr/bin/google-chrome' },
    });
  });

  it("falls back to Playwright's Chromium when it is downloaded, else says where it looked", () => {
    expect(findPreviewBrowser({ platform: 'linux', env: {}, exists: only('/pw/chrome'), playwrightPath: () => '/pw/chrome' })).toEqual({
      found: { kind: 'playwright', path: '/pw/chrome' },
    });
    const none = findPreviewBrowser({ platform: 'linux', env: {}, exists: () => false, playwrightPath: () => '/pw/chrome' });
    expect(none.found).toBeUndefined();
    expect('looked' in none && none.looked).toEqual([...systemBrowserCandidates('linux', {}), '/pw/chrome']);
    const broken = findPreviewBrowser({
      platform: 'linux',
      env: {},
      exists: () => false,
      playwrightPath: () => {
        throw new Error('not installed');
      },
    });
    expect(broken.found).toBeUndefined();
  });

  it('knows where Chrome lives on macOS and Windows', () => {
    expect(systemBrowserCandidates('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(systemBrowserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' })).toContain(
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    );
  });
});

describe('hasDisplay', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux, nothing on macOS and Windows', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':99' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });
});
