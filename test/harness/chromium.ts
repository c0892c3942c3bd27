// Which Chromium the e2e suite and the renderer benchmark launch, and how: Debian's browser on
// build machines (Playwright cannot download its own there; CHROMIUM_PATH overrides), Playwright's
// own browser everywhere else.
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
