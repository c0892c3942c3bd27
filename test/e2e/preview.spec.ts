// `npm run preview`, started the way a person starts it (under xvfb-run when there is no display):
// the window shows the app shell with the sandbox profile connected and the "nothing is saved"
// banner, it stays up, and it ends when the window goes away. Without a display it says so.
import { expect, test } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasDisplay } from '../../src-browser/chromium';

const ROOT = path.resolve(import.meta.dirname, '../..');
const XVFB_RUN = '/usr/bin/xvfb-run';

test.describe.configure({ mode: 'serial' });

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(command: string[], env: NodeJS.ProcessEnv): Run {
  // Its own process group, so the test can end everything it started by that group's id.
  const child = spawn(command[0] as string, command.slice(1), { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

function endGroup(run: Run | undefined): void {
  if (run?.child.pid && run.child.exitCode === null) {
    try {
      process.kill(-run.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** The preview's browser process (its window), among the processes this run started. */
function previewBrowserPid(rootPid: number): number | undefined {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] as string }));
  const ours = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (!ours.has(row.pid) && ours.has(row.ppid)) {
        ours.add(row.pid);
        grew = true;
      }
    }
  }
  return rows.find((r) => ours.has(r.pid) && r.args.includes('--class=TriageDeskPreview') && !r.args.includes('--type='))?.pid;
}

let run: Run | undefined;
test.afterEach(() => endGroup(run));

test('npm run preview shows the app shell with the sandbox profile, stays up, and ends when the window closes', async () => {
  test.setTimeout(150_000);
  const display = hasDisplay(process.platform, process.env);
  test.skip(!display && !existsSync(XVFB_RUN), 'no display and no xvfb-run to make one');
  const home = mkdtempSync(path.join(tmpdir(), 'triage-preview-home-'));
  try {
    const command = [...(display ? [] : [XVFB_RUN, '-a', '-s', '-screen 0 1400x900x24']), 'npm', 'run', 'preview', '--', '--print-page'];
    run = start(command, { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') });
    const current = run;
    await expect.poll(() => current.output(), { timeout: 120_000, intervals: [500] }).toContain('to stop the preview');
    const out = current.output();

    expect(out).toMatch(/Browser: (the system browser|Playwright's Chromium) at \S+/);
    expect(out).toContain('Preview open: Triage Desk with the sandbox helpdesk, profile "Sandbox demo". Nothing is saved.');
    // the page as the window shows it (its accessibility tree)
    expect(out).toContain('navigation "Sections"');
    for (const section of ['Queue', 'Chat', 'Agents', 'Settings']) expect(out).toContain(`button "${section}"`);
    expect(out).toContain('strong: Browser preview — nothing is saved.');
    expect(out).toContain('option "Sandbox demo (sample data)" [selected]');
    expect(out).toMatch(/listbox "Tickets \(\d+ loaded\)"/);
    expect(out).toContain('Connected · sandbox helpdesk \\"acme\\"');
    expect(out).not.toMatch(/page error|page console|page: \d{3}/);

    // It stays up on its own…
    await new Promise((r) => setTimeout(r, 3_000));
    expect(current.child.exitCode).toBeNull();

    // …until its window goes away.
    const browserPid = previewBrowserPid(current.child.pid as number);
    expect(browserPid, 'the preview browser process').toBeDefined();
    process.kill(browserPid as number, 'SIGTERM');
    expect(await current.exited, current.output()).toBe(0);
    expect(current.output()).toContain('Preview closed (the window was closed); nothing was saved.');
    // The app wrote nothing where an app keeps its data.
    expect(readdirSync(home, { recursive: true }).filter((f) => /vault|triage/i.test(String(f)))).toEqual([]);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('without a display it says so and suggests xvfb-run', async () => {
  test.skip(process.platform === 'darwin' || process.platform === 'win32', 'always a display there');
  const env = { ...process.env };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  run = start(['npm', 'run', 'preview'], env);
  expect(await run.exited).toBe(2);
  expect(run.output()).toContain('there is no display here');
  expect(run.output()).toContain('xvfb-run -a npm run preview');
});
