/// <reference lib="dom" />
// A 5,000-ticket queue in real Chromium, through the same harness the e2e suite uses: the built
// renderer served by src-browser/renderer-server, window.triage bridged to a real core by
// src-browser/bridge, the core talking to a sandbox helpdesk of 5,000 tickets, shown in the
// queue's "All updated since…" view, 100 per page (the method of test/e2e/queue-perf.spec.ts).
//
// - first rows: the queue marks `queue:data` when a page of tickets reaches the page and measures
//   `queue:render` once the rows are painted (src-renderer/screens/Queue.tsx); we read that
//   measure for the first page of that view.
// - longest task: the queue is first loaded to its end (endless scroll, every page's data →
//   painted measured as above); then a Chromium trace (devtools.timeline) of the renderer main
//   thread records scrolling from the top to the end, a viewport per frame. The longest RunTask
//   is the figure, in wall time and in the thread's CPU time; Long Tasks API entries (> 50 ms)
//   are kept as a cross-check.
import { existsSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { startSandbox } from '../src-main/sandbox';
import { installBridge } from '../src-browser/bridge';
import { CHROMIUM_ARGS, chromiumExecutable } from '../src-browser/chromium';
import { RENDERER_DIR, startRendererServer } from '../src-browser/renderer-server';
import { makeTestCore } from '../test/helpers/core';
import { createBareClient } from './lib/bare-http';
import { UNLIMITED_PER_MINUTE, type BenchEnv } from './lib/env';
import { NotMeasured } from './lib/report';

export interface QueuePerfOptions {
  /** tickets the queue must hold ("All updated since…") */
  tickets?: number;
  /** page size picked in the queue's "Per page" menu */
  perPage?: 30 | 50 | 100;
  /** stop scrolling after this many tickets are loaded (smoke runs); default: the end */
  scrollLimit?: number;
  /** an already running browser (the runner keeps one for all runs) */
  browser?: Browser;
  /** also save the Chromium trace of the scroll here (open it in chrome://tracing or Perfetto) */
  traceFile?: string;
}

export interface QueuePerfSample {
  /** data arrival → rows painted, first page of the queue */
  first_rows_ms: number;
  /** longest renderer main-thread task while scrolling to the end (wall clock) */
  longest_task_ms: number;
  /** the same task measure in the main thread's CPU time */
  longest_task_cpu_ms: number;
  /** slowest data → painted of any page while the list grew */
  page_render_max_ms: number;
  /** Long Tasks API entries (> 50 ms) seen while scrolling */
  long_tasks: number;
  /** tickets loaded in the queue at the end */
  tickets: number;
  pages: number;
  /** frames the scroll from top to end took (one viewport each) */
  scroll_frames: number;
}

/** "All updated since…" this day: every ticket of the helpdesk (Freshdesk's default view stops at 30 days). */
const QUEUE_SINCE = '2000-01-01';

/** Chromium as the e2e suite runs it: Debian's browser when present, else Playwright's own. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('@playwright/test');
  try {
    return await chromium.launch({ executablePath: chromiumExecutable, args: CHROMIUM_ARGS });
  } catch (err) {
    throw new NotMeasured(`Chromium could not start (${(err as Error).message.split('\n')[0]})`);
  }
}

/** A helpdesk whose "All updated since…" view holds at least `wanted` tickets (spam and deleted
 *  tickets, which Freshdesk leaves out of lists, are seeded too, so seed a few more). */
async function sandboxWithQueue(wanted: number) {
  let seed = Math.ceil(wanted * 1.05);
  for (let attempt = 0; attempt < 4; attempt++) {
    const sandbox = await startSandbox({ port: 0, seed: 42, ticketsPerAccount: seed });
    const bare = createBareClient({ port: sandbox.port, subdomain: 'acme' });
    try {
      await bare.request('PUT', '/_sandbox/accounts/acme/limits', { body: { perMinute: UNLIMITED_PER_MINUTE, windowMs: 60_000 } });
      const key = sandbox.accounts[0].agents[0].apiKey;
      let count = 0;
      for (let page = 1; ; page++) {
        const r = await bare.get(`/api/v2/tickets?updated_since=${QUEUE_SINCE}T00:00:00Z&per_page=100&page=${page}`, key);
        if (r.status !== 200) throw new Error(`sandbox ticket list answered ${r.status}`);
        count += (JSON.parse(r.body) as unknown[]).length;
        if (!r.headers.link) break;
      }
      if (count >= wanted) {
        await bare.request('DELETE', '/_sandbox/requests');
        return { sandbox, count };
      }
      seed = Math.ceil((seed * wanted * 1.01) / Math.max(count, 1));
    } finally {
      bare.close();
    }
    await sandbox.close();
  }
  throw new Error(`could not seed a sandbox whose queue holds ${wanted} tickets`);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** thread (CPU) time of the event */
  tdur?: number;
  args?: { name?: string };
}

/**
 * Longest RunTask on the page's renderer main thread in a Chromium trace, in ms: by wall clock
 * (what the person feels) and by the thread's own CPU time (what the page's code cost, without
 * the time a busy shared machine kept the thread waiting).
 */
export function longestMainThreadTask(traceJson: string): { wall: number; cpu: number } {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  let wall = 0;
  let cpu = 0;
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    wall = Math.max(wall, e.dur ?? 0);
    cpu = Math.max(cpu, e.tdur ?? 0);
  }
  return { wall: wall / 1000, cpu: cpu / 1000 };
}

async function renderMeasures(page: Page): Promise<{ page: number; count: number; ms: number }[]> {
  return page.evaluate(() =>
    performance.getEntriesByName('queue:render', 'measure').map((m) => {
      const detail = (m as PerformanceEntry & { detail?: unknown }).detail as { page?: number; count?: number } | null;
      return { page: detail?.page ?? 0, count: detail?.count ?? 0, ms: m.duration };
    }),
  );
}

export async function measureQueuePerf(_env: BenchEnv, opts: QueuePerfOptions = {}): Promise<QueuePerfSample> {
  const wanted = opts.tickets ?? 5000;
  const perPage = opts.perPage ?? 100;
  if (!existsSync(`${RENDERER_DIR}/index.html`)) throw new NotMeasured('the renderer is not built (npm run build:renderer)');

  const ownBrowser = opts.browser === undefined;
  const browser = opts.browser ?? (await launchChromium());
  const { sandbox } = await sandboxWithQueue(wanted);
  const testCore = await makeTestCore({ freshdeskOrigin: (sub) => `http://${sub}.localhost:${sandbox.port}` });
  const server = await startRendererServer();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // tsx (which runs the bench) compiles with esbuild's keepNames, so functions serialized into
    // the page (the bridge's buildTriageApi, our evaluate callbacks) call a `__name` helper that
    // only exists in Node. Give the page a no-op one before any of them runs.
    await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    await installBridge(page, { core: testCore.core, origin: server.origin });
    // Long Tasks API as a cross-check of the trace (it only reports tasks over 50 ms).
    await page.addInitScript(() => {
      const w = window as unknown as { __benchLongTasks: number[] };
      w.__benchLongTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__benchLongTasks.push(e.duration);
        }).observe({ type: 'longtask' as PerformanceObserverInit['type'], buffered: true });
      } catch {
        // not supported: the trace still answers
      }
    });

    // A connected profile, picked up by the page as after a restart (as the e2e specs do).
    const admin = sandbox.accounts[0].agents[0];
    await testCore.core.accounts.getOrCreate('Bench');
    await testCore.core.accounts.authorize('Bench', { subdomain: 'acme', apiKey: admin.apiKey });
    await page.goto(server.url);
    await page.getByTestId('connection-status').filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 });
    const list = page.getByTestId('queue-list');
    await list.waitFor({ timeout: 20_000 });
    const idle = () =>
      page.waitForFunction(() => document.querySelector('[data-testid=queue-list]')?.getAttribute('aria-busy') === 'false', undefined, {
        timeout: 30_000,
      });
    await idle();

    await page.getByLabel('Per page').selectOption(String(perPage));
    await idle();
    await page.getByLabel('View').selectOption('updated');
    await idle();
    // The measured load: the whole helpdesk's queue, first page.
    await page.evaluate(() => {
      performance.clearMeasures('queue:render');
      performance.clearMarks('queue:data');
    });
    await page.getByLabel('Since', { exact: true }).fill(QUEUE_SINCE);
    await idle();
    await page.waitForFunction(() => performance.getEntriesByName('queue:render', 'measure').length > 0, undefined, { timeout: 10_000 });
    const first = (await renderMeasures(page))[0];
    if (!first || first.count === 0) throw new Error('the queue painted no rows for "All updated since…"');

    // 1. Load the whole queue as a person does (endless scroll), untimed: in the harness each page
    //    arrives through a Playwright binding, which the page compiles as a script (a cost that
    //    Electron's IPC does not have), so page arrivals are judged by their own render measure.
    const loaded = await page.evaluate(async (limit) => {
      const el = document.querySelector('[data-testid=queue-list]') as HTMLElement;
      const footer = document.querySelector('[data-testid=queue-count]') as HTMLElement;
      const count = () => Number(/\((\d+) loaded\)/.exec(el.getAttribute('aria-label') ?? '')?.[1] ?? 0);
      const deadline = performance.now() + 180_000;
      while (performance.now() < deadline) {
        const done = /that is all/.test(footer.textContent ?? '') && el.getAttribute('aria-busy') === 'false';
        if (done || count() >= limit) return { count: count(), timedOut: false };
        el.scrollTop = el.scrollHeight;
        await new Promise((r) => setTimeout(r, 20));
      }
      return { count: count(), timedOut: true };
    }, opts.scrollLimit ?? Number.MAX_SAFE_INTEGER);
    if (loaded.timedOut) throw new Error(`the queue did not load to its end within 3 minutes (${loaded.count} tickets loaded)`);

    // 2. Scroll the loaded queue from the top to its end, one viewport per frame, traced.
    await page.evaluate(async () => {
      const el = document.querySelector('[data-testid=queue-list]') as HTMLElement;
      el.scrollTop = 0;
      await new Promise((r) => setTimeout(r, 100));
      (window as unknown as { __benchLongTasks: number[] }).__benchLongTasks.length = 0;
    });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const frames = await page.evaluate(async () => {
      const el = document.querySelector('[data-testid=queue-list]') as HTMLElement;
      let n = 0;
      while (el.scrollTop + el.clientHeight < el.scrollHeight - 2) {
        el.scrollTop = Math.min(el.scrollTop + el.clientHeight, el.scrollHeight);
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        n++;
      }
      await new Promise((r) => setTimeout(r, 100));
      return n;
    });
    const trace = (await browser.stopTracing()).toString('utf8');
    if (opts.traceFile) writeFileSync(opts.traceFile, trace);
    if (pageErrors.length) throw new Error(`the page threw while scrolling: ${pageErrors[0]}`);

    const measures = await renderMeasures(page);
    const longTasks = await page.evaluate(() => (window as unknown as { __benchLongTasks: number[] }).__benchLongTasks.slice());
    const traced = longestMainThreadTask(trace);
    return {
      first_rows_ms: first.ms,
      longest_task_ms: traced.wall > 0 ? traced.wall : Math.max(0, ...longTasks),
      longest_task_cpu_ms: traced.cpu,
      page_render_max_ms: Math.max(...measures.map((m) => m.ms)),
      long_tasks: longTasks.length,
      tickets: loaded.count,
      pages: measures.length,
      scroll_frames: frames,
    };
  } finally {
    await context.close().catch(() => undefined);
    await server.close();
    await testCore.cleanup();
    await sandbox.close();
    if (ownBrowser) await browser.close();
  }
}
