// One small iteration of every `npm run bench` measurement, so the benchmark code cannot rot
// between full runs. Figures here are not compared with targets (the machine is shared); the
// checks are what every run must show whatever the machine: counts that follow from the API,
// and timings that are positive and finite.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureCredits } from '../../bench/credits';
import { measureGovernor } from '../../bench/governor';
import { openBenchEnv, type BenchEnv } from '../../bench/lib/env';
import { buildRow, consoleTable, markdownTable, ROWS } from '../../bench/lib/report';
import { measureLlmBytes } from '../../bench/llm-bytes';
import { chromiumExecutable } from '../../src-browser/chromium';
import { initialScriptUrls, measureRendererBundle, RENDERER_OUT_DIR } from '../../bench/renderer-bundle';
import { longestMainThreadTask, measureQueuePerf } from '../../bench/renderer-queue';
import { measureSandboxRps } from '../../bench/sandbox-rps';
import { measureToolOverhead } from '../../bench/tool-overhead';
import { limitFloorMs, measureTriage } from '../../bench/triage';
import { measureVaultOpen } from '../../bench/vault-open';

const positive = (n: number) => Number.isFinite(n) && n > 0;

describe('bench smoke (one small iteration of each measurement)', () => {
  let env: BenchEnv;
  beforeAll(async () => {
    env = await openBenchEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('tool_overhead: times tool calls and bare GETs of the same ticket', async () => {
    const s = await measureToolOverhead(env, { pairs: 30, warmup: 5 });
    expect(s.pairs).toBe(30);
    expect(positive(s.median_tool_us) && positive(s.median_bare_us)).toBe(true);
    expect(s.ratio).toBeCloseTo(s.median_tool_us / s.median_bare_us, 6);
    expect(s.overhead_us).toBeCloseTo(s.median_tool_us - s.median_bare_us, 6);
  });

  it('governor: paces a shared budget where the bare client meets 429s', async () => {
    const s = await measureGovernor(env, { profiles: 5, perWindow: 10, windowMs: 500, windows: 2, demandFactor: 2 });
    expect(s.offered).toBe(40);
    expect(s.succeeded).toBeGreaterThan(0);
    expect(s.succeeded + s.failed + s.unfinished).toBeLessThanOrEqual(s.offered);
    // Twice the budget offered without a governor: the sandbox must refuse about half.
    expect(s.naive_http_429).toBeGreaterThanOrEqual(10);
    expect(s.naive_failed).toBeGreaterThanOrEqual(s.naive_http_429);
    expect(s.utilization).toBeCloseTo(s.succeeded / 20, 6);
  });

  it('credits: one request opens a ticket with its context and shows a queue page', async () => {
    const s = await measureCredits(env);
    expect(s.ticket_full_context_requests).toBe(1);
    // 1 + one credit per include (conversations, requester, company, stats)
    expect(s.ticket_full_context_credits).toBe(5);
    expect(s.ticket_full_context_naive_requests).toBeGreaterThanOrEqual(3);
    expect(s.queue_page_requests).toBe(1);
    expect(s.queue_page_credits).toBe(3); // 1 + 2 for include=requester
    expect(s.queue_page_naive_requests).toBeGreaterThan(1);
    expect(s.queue_page_naive_credits).toBe(s.queue_page_naive_requests);
  });

  it('llm: measures the compact list against the raw JSON, and the tool definitions', async () => {
    const s = await measureLlmBytes(env);
    expect(s.tickets).toBe(30);
    expect(s.list_bytes_raw).toBeGreaterThan(s.list_bytes_projection);
    expect(s.list_bytes_ratio).toBeCloseTo(s.list_bytes_compact / s.list_bytes_raw, 6);
    expect(s.tool_defs_bytes).toBeGreaterThan(1000);
  });

  it('triage: one model call and two reads for a run; the chat one by one; a small run on a tight limit with no failed write', async () => {
    const s = await measureTriage(env, { tickets: 5, bigTickets: 12, bigWindowMs: 400 });
    expect(s.model_calls).toBe(1);
    expect(s.read_requests).toBe(2);
    expect(s.ticket_bytes_per_ticket).toBeGreaterThan(0);
    expect(s.ticket_bytes_per_ticket).toBeLessThanOrEqual(1500);
    expect(s.apply_failed).toBe(0);
    expect(s.apply_429).toBe(0);
    // one turn per ticket: a get, an update, a closing answer
    expect(s.chat_model_calls).toBe(15);
    expect(s.chat_read_requests).toBe(5);
    expect(s.big_tickets).toBe(12);
    expect(s.big_failed).toBe(0);
    expect(limitFloorMs(101, 50, 1000)).toBe(2000);
    expect(limitFloorMs(50, 50, 1000)).toBe(0);
  }, 30_000);

  it('sandbox: counts GETs per second for one keep-alive client', async () => {
    const s = await measureSandboxRps(env, { durationMs: 150, warmupMs: 50 });
    expect(s.requests).toBeGreaterThan(0);
    expect(positive(s.rps)).toBe(true);
  });

  it('vault: restarts the core on stored profiles without decrypting a key', async () => {
    const s = await measureVaultOpen(env, { profiles: 5, opens: 2, warmup: 1 });
    expect(s.open_ms).toHaveLength(2);
    expect(s.open_ms.every(positive)).toBe(true);
    expect(s.decrypts_on_open).toBe(0);
  });
});

// Needs the built renderer (npm run build:renderer; `npm test` builds it for e2e after the unit
// run) and a Chromium. Without either the test is skipped, and says so in the report.
const rendererBuilt = existsSync(path.join(RENDERER_OUT_DIR, 'index.html'));
const chromiumFound = chromiumExecutable !== undefined;

describe('renderer queue in Chromium', () => {
  let env: BenchEnv;
  beforeAll(async () => {
    env = await openBenchEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it.skipIf(!rendererBuilt || !chromiumFound)(
    'measures first rows and the longest task of a small queue',
    async () => {
      const s = await measureQueuePerf(env, { tickets: 300 });
      expect(s.tickets).toBeGreaterThanOrEqual(300);
      expect(s.pages).toBeGreaterThanOrEqual(3);
      expect(positive(s.first_rows_ms)).toBe(true);
      expect(positive(s.longest_task_ms)).toBe(true);
      expect(s.longest_task_cpu_ms).toBeLessThanOrEqual(s.longest_task_ms + 1);
    },
    60_000,
  );

  it('finds the longest task of the renderer main thread in a trace', () => {
    const trace = {
      traceEvents: [
        { ph: 'M', name: 'thread_name', pid: 1, tid: 7, ts: 0, args: { name: 'CrRendererMain' } },
        { ph: 'M', name: 'thread_name', pid: 1, tid: 9, ts: 0, args: { name: 'Compositor' } },
        { ph: 'X', name: 'RunTask', pid: 1, tid: 7, ts: 10, dur: 12_000, tdur: 11_000 },
        { ph: 'X', name: 'RunTask', pid: 1, tid: 7, ts: 50, dur: 30_000, tdur: 4_000 },
        { ph: 'X', name: 'RunTask', pid: 1, tid: 9, ts: 60, dur: 90_000, tdur: 90_000 },
        { ph: 'X', name: 'FunctionCall', pid: 1, tid: 7, ts: 70, dur: 80_000 },
      ],
    };
    expect(longestMainThreadTask(JSON.stringify(trace))).toEqual({ wall: 30, cpu: 11 });
  });
});

describe('renderer bundle size', () => {
  it('counts the entry script and modulepreload links, not lazy chunks or styles', () => {
    const html = `<!doctype html><html><head>
      <script type="module" crossorigin src="./assets/index-abc.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/vendor-def.js">
      <link rel=stylesheet href="./assets/index.css">
      </head><body><div id="root"></div></body></html>`;
    expect(initialScriptUrls(html)).toEqual(['./assets/index-abc.js', './assets/vendor-def.js']);
  });

  it('gzips each initial script at level 9 and sums them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-bundle-'));
    try {
      mkdirSync(path.join(dir, 'assets'));
      writeFileSync(
        path.join(dir, 'index.html'),
        '<script type="module" src="./assets/a.js"></script><link rel="modulepreload" href="./assets/b.js">',
      );
      writeFileSync(path.join(dir, 'assets', 'a.js'), 'export const a = 1;\n'.repeat(500));
      writeFileSync(path.join(dir, 'assets', 'b.js'), 'export const b = 2;\n'.repeat(500));
      writeFileSync(path.join(dir, 'assets', 'lazy.js'), 'x'.repeat(100_000));
      const s = measureRendererBundle(dir);
      expect(s.files.map((f) => f.file)).toEqual(['assets/a.js', 'assets/b.js']);
      expect(s.initial_js_bytes).toBe(2 * 20 * 500);
      expect(s.initial_js_gzip_bytes).toBe(s.files[0].gzip_bytes + s.files[1].gzip_bytes);
      expect(s.initial_js_gzip_bytes).toBeLessThan(s.initial_js_bytes / 10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench report', () => {
  it('marks a miss against its target and says why a row has no figure', () => {
    const ratio = ROWS.find((r) => r.key === 'tool_overhead.ratio')!;
    const miss = buildRow(ratio, [1.3, 1.4, 1.2]);
    expect(miss).toMatchObject({ median: 1.3, min: 1.2, max: 1.4, pass: false, samples: 3 });
    const ok = buildRow(ratio, [1.1]);
    expect(ok.pass).toBe(true);
    const none = buildRow(ratio, undefined, 'not measured: no Chromium');
    expect(none).toMatchObject({ median: null, pass: null, note: 'not measured: no Chromium' });
    expect(consoleTable([miss, ok, none])).toMatch(/MISS[\s\S]*ok[\s\S]*not measured: no Chromium/);
    expect(markdownTable([miss]).split('\n')).toHaveLength(3);
  });
});
