// `npm run bench`: runs every measurement several times in one process, prints the table
// (median, min, max, target, misses) and writes the same figures to bench/results.json.
//
//   npm run bench                       full run (a few minutes; keep the machine otherwise quiet)
//   npm run bench -- --quick            fewer runs and iterations, for a look while developing
//   npm run bench -- --only governor,sandbox_rps
//   npm run bench -- --runs 3           override every measurement's run count
//   npm run bench -- --no-build         use out/renderer as it is
//   npm run bench -- --update-readme    also replace the table in README.md's Performance section
//   BENCH_QUEUE_TRACE=/tmp/queue.json   keep the Chromium trace of the queue scroll (Perfetto)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { measureCredits } from './credits';
import { measureGovernor } from './governor';
import { openBenchEnv, type BenchEnv } from './lib/env';
import { buildRow, consoleTable, markdownTable, NotMeasured, ROWS, setPath, type RowResult } from './lib/report';
import { median, round } from './lib/stats';
import { measureLlmBytes } from './llm-bytes';
import { measureRendererBundle, RENDERER_OUT_DIR } from './renderer-bundle';
import { launchChromium, measureQueuePerf } from './renderer-queue';
import { measureSandboxRps } from './sandbox-rps';
import { measureToolOverhead } from './tool-overhead';
import { measureTriage } from './triage';
import { measureVaultOpen } from './vault-open';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS_PATH = path.join(ROOT, 'bench', 'results.json');
const README_PATH = path.join(ROOT, 'README.md');
const README_START = '<!-- bench:table:start -->';
const README_END = '<!-- bench:table:end -->';

/** Figures of one run, by dotted results.json key; an array is several samples from that run. */
type Figures = Record<string, number | number[]>;

interface BenchDef {
  id: string;
  /** results.json key prefixes this measurement fills (its rows share its note when it cannot run) */
  owns: string[];
  runs: number;
  quickRuns: number;
  measure(env: BenchEnv, quick: boolean): Promise<Figures>;
  /** after the last run (e.g. close the browser kept across runs) */
  teardown?(): Promise<void>;
}

let queueBrowser: Browser | undefined;

const BENCHES: BenchDef[] = [
  {
    id: 'renderer_bundle',
    owns: ['renderer.initial_js'],
    runs: 1, // a file size: the same every run
    quickRuns: 1,
    async measure() {
      const s = measureRendererBundle();
      return {
        'renderer.initial_js_gzip_bytes': s.initial_js_gzip_bytes,
        'renderer.initial_js_bytes': s.initial_js_bytes,
        'renderer.initial_js_files': s.files.length,
      };
    },
  },
  {
    id: 'vault',
    owns: ['vault'],
    runs: 1, // one store, many timed opens (each open is a sample)
    quickRuns: 1,
    async measure(env, quick) {
      const s = await measureVaultOpen(env, { profiles: 50, opens: quick ? 8 : 30 });
      return { 'vault.open_ms_50_profiles': s.open_ms, 'vault.decrypts_on_open': s.decrypts_on_open, 'vault.profiles': s.profiles };
    },
  },
  {
    id: 'credits',
    owns: ['credits'],
    runs: 3,
    quickRuns: 1,
    async measure(env) {
      const s = await measureCredits(env);
      return {
        'credits.ticket_full_context.requests': s.ticket_full_context_requests,
        'credits.ticket_full_context.credits': s.ticket_full_context_credits,
        'credits.ticket_full_context.naive_requests': s.ticket_full_context_naive_requests,
        'credits.ticket_full_context.naive_credits': s.ticket_full_context_naive_credits,
        'credits.queue_page.requests': s.queue_page_requests,
        'credits.queue_page.credits': s.queue_page_credits,
        'credits.queue_page.naive_requests': s.queue_page_naive_requests,
        'credits.queue_page.naive_credits': s.queue_page_naive_credits,
      };
    },
  },
  {
    id: 'llm',
    owns: ['llm'],
    runs: 3,
    quickRuns: 1,
    async measure(env) {
      const s = await measureLlmBytes(env);
      return {
        'llm.list_bytes_ratio': s.list_bytes_ratio,
        'llm.list_bytes_compact': s.list_bytes_compact,
        'llm.list_bytes_projection': s.list_bytes_projection,
        'llm.list_bytes_raw': s.list_bytes_raw,
        'llm.tool_defs_bytes': s.tool_defs_bytes,
      };
    },
  },
  {
    id: 'triage',
    owns: ['triage'],
    runs: 3,
    quickRuns: 1,
    async measure(env, quick) {
      const s = await measureTriage(env, quick ? { bigTickets: 100, bigWindowMs: 1500 } : {});
      return {
        'triage.model_calls': s.model_calls,
        'triage.ticket_bytes_per_ticket': s.ticket_bytes_per_ticket,
        'triage.request_bytes_per_ticket': s.request_bytes_per_ticket,
        'triage.read_requests': s.read_requests,
        'triage.read_credits': s.read_credits,
        'triage.apply_ms': s.apply_ms,
        'triage.apply_floor_ms': s.apply_floor_ms,
        'triage.apply_failed': s.apply_failed,
        'triage.apply_429': s.apply_429,
        'triage.chat.model_calls': s.chat_model_calls ?? Number.NaN,
        'triage.chat.request_bytes_per_ticket': s.chat_request_bytes_per_ticket ?? Number.NaN,
        'triage.chat.read_requests': s.chat_read_requests ?? Number.NaN,
        'triage.chat.read_credits': s.chat_read_credits ?? Number.NaN,
        'triage.big.tickets': s.big_tickets,
        'triage.big.failed': s.big_failed,
        'triage.big.http_429': s.big_429,
        'triage.big.ms': s.big_ms,
        'triage.big.floor_ms': s.big_floor_ms,
      };
    },
  },
  {
    id: 'sandbox_rps',
    owns: ['sandbox'],
    runs: 5,
    quickRuns: 2,
    async measure(env, quick) {
      const s = await measureSandboxRps(env, { durationMs: quick ? 500 : 2000 });
      return { 'sandbox.rps': s.rps, 'sandbox.requests': s.requests };
    },
  },
  {
    id: 'tool_overhead',
    owns: ['tool_overhead'],
    runs: 5,
    quickRuns: 2,
    async measure(env, quick) {
      const s = await measureToolOverhead(env, { pairs: quick ? 300 : 2000 });
      return {
        'tool_overhead.ratio': s.ratio,
        'tool_overhead.overhead_us': s.overhead_us,
        'tool_overhead.median_tool_us': s.median_tool_us,
        'tool_overhead.median_bare_us': s.median_bare_us,
        'tool_overhead.pairs': s.pairs,
      };
    },
  },
  {
    id: 'governor',
    owns: ['governor', 'naive'],
    runs: 3,
    quickRuns: 1,
    async measure(env) {
      const s = await measureGovernor(env);
      return {
        'governor.utilization': s.utilization,
        'governor.succeeded': s.succeeded,
        'governor.http_429': s.http_429,
        'governor.failed': s.failed,
        'governor.unfinished': s.unfinished,
        'governor.offered': s.offered,
        'naive.utilization': s.naive_utilization,
        'naive.succeeded': s.naive_succeeded,
        'naive.http_429': s.naive_http_429,
        'naive.failed': s.naive_failed,
      };
    },
  },
  {
    id: 'renderer_queue',
    owns: ['renderer.queue'],
    runs: 3,
    quickRuns: 1,
    async measure(env) {
      queueBrowser ??= await launchChromium();
      const s = await measureQueuePerf(env, { tickets: 5000, browser: queueBrowser, traceFile: process.env['BENCH_QUEUE_TRACE'] });
      return {
        'renderer.queue_first_rows_ms': s.first_rows_ms,
        'renderer.queue_longest_task_ms': s.longest_task_ms,
        'renderer.queue_longest_task_cpu_ms': s.longest_task_cpu_ms,
        'renderer.queue_page_render_max_ms': s.page_render_max_ms,
        'renderer.queue_long_tasks': s.long_tasks,
        'renderer.queue_tickets': s.tickets,
        'renderer.queue_pages': s.pages,
        'renderer.queue_scroll_frames': s.scroll_frames,
      };
    },
    async teardown() {
      await queueBrowser?.close();
      queueBrowser = undefined;
    },
  },
];

interface Args {
  quick: boolean;
  only?: Set<string>;
  runs?: number;
  build: boolean;
  updateReadme: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, build: true, updateReadme: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--no-build') args.build = false;
    else if (a === '--update-readme') args.updateReadme = true;
    else if (a === '--only') args.only = new Set(argv[++i]?.split(',').map((s) => s.trim()));
    else if (a.startsWith('--only='))
      args.only = new Set(
        a
          .slice(7)
          .split(',')
          .map((s) => s.trim()),
      );
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a.startsWith('--runs=')) args.runs = Number(a.slice(7));
    else throw new Error(`unknown option ${a}; see the top of bench/run.ts`);
  }
  if (args.runs !== undefined && !(Number.isInteger(args.runs) && args.runs > 0)) throw new Error('--runs needs a positive whole number');
  if (args.only) {
    const known = new Set(BENCHES.map((b) => b.id));
    for (const id of args.only) if (!known.has(id)) throw new Error(`--only: no benchmark "${id}" (known: ${[...known].join(', ')})`);
  }
  return args;
}

/** One readable line of an error (Playwright messages carry a call log after the first line). */
function firstLine(text: string): string {
  const ansiColour = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');
  const line = text.replace(ansiColour, '').split('\n')[0].trim();
  return line.length > 160 ? line.slice(0, 157) + '…' : line;
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when out/renderer is missing or older than its sources. */
function ensureRendererBuild(): void {
  const index = path.join(RENDERER_OUT_DIR, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (
    built > 0 &&
    built >= newestMtime(path.join(ROOT, 'src-renderer')) &&
    built >= newestMtime(path.join(ROOT, 'src-preload')) &&
    built >= newestMtime(path.join(ROOT, 'src-shared'))
  )
    return;
  console.log(built ? 'out/renderer is older than its sources; rebuilding…' : 'building the renderer (npm run build:renderer)…');
  execFileSync('npm', ['run', '--silent', 'build:renderer'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const selected = BENCHES.filter((b) => !args.only || args.only.has(b.id));
  const samples = new Map<string, number[]>();
  const notes = new Map<string, string>(); // owned prefix → reason
  const runsDone = new Map<string, number>(); // bench id → runs
  let broken = false;

  if (args.build && selected.some((b) => b.id.startsWith('renderer'))) {
    try {
      ensureRendererBuild();
    } catch (err) {
      console.error(`renderer build failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  const env = await openBenchEnv();
  try {
    for (const bench of selected) {
      const runs = args.runs ?? (args.quick ? bench.quickRuns : bench.runs);
      process.stdout.write(`${bench.id}: `);
      const started = Date.now();
      let done = 0;
      for (let run = 0; run < runs; run++) {
        try {
          const figures = await bench.measure(env, args.quick);
          for (const [key, value] of Object.entries(figures)) {
            const list = samples.get(key) ?? [];
            list.push(...(Array.isArray(value) ? value : [value]));
            samples.set(key, list);
          }
          done++;
          process.stdout.write('.');
        } catch (err) {
          const reason =
            err instanceof NotMeasured
              ? `not measured: ${err.message}`
              : `error: ${firstLine(err instanceof Error ? err.message : String(err))}`;
          if (!(err instanceof NotMeasured)) broken = true;
          for (const prefix of bench.owns) notes.set(prefix, reason);
          process.stdout.write(` ${reason}`);
          break;
        }
      }
      await bench.teardown?.().catch(() => undefined);
      runsDone.set(bench.id, done);
      process.stdout.write(` (${done} run${done === 1 ? '' : 's'}, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    }
  } finally {
    await env.close();
  }

  const noteFor = (key: string) => [...notes.entries()].find(([prefix]) => key.startsWith(prefix))?.[1];
  const rows: RowResult[] = ROWS.filter((spec) => selected.some((b) => b.owns.some((p) => spec.key.startsWith(p)))).map((spec) =>
    buildRow(spec, noteFor(spec.key) ? undefined : samples.get(spec.key), noteFor(spec.key)),
  );

  const results: Record<string, unknown> = {};
  for (const [key, values] of samples) {
    if (!noteFor(key)) setPath(results, key, round(median(values), 4));
  }
  for (const bench of selected) {
    const note = noteFor(bench.owns[0]);
    for (const prefix of bench.owns) {
      const group = prefix.split('.')[0];
      if (note) setPath(results, prefix === group ? `${group}.not_measured` : `${prefix}_not_measured`, note);
      setPath(results, prefix === group ? `${group}.runs` : `${prefix}_runs`, runsDone.get(bench.id) ?? 0);
    }
  }
  results.rows = rows;
  results.meta = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    load_avg_1m: round(os.loadavg()[0], 2),
    quick: args.quick,
    only: args.only ? [...args.only] : undefined,
  };

  console.log('\n' + consoleTable(rows));
  const misses = rows.filter((r) => r.pass === false);
  const missing = rows.filter((r) => r.median === null);
  console.log(
    `\n${rows.length - misses.length - missing.length} of ${rows.length} figures measured without a miss` +
      (misses.length ? `; MISS: ${misses.map((r) => r.key).join(', ')}` : '') +
      (missing.length ? `; no figure: ${missing.map((r) => r.key).join(', ')}` : ''),
  );

  // A partial run (--only) keeps the other figures of the previous results.json.
  let merged: Record<string, unknown> = results;
  if (args.only && existsSync(RESULTS_PATH)) {
    try {
      const previous = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as Record<string, unknown>;
      const prevRows = Array.isArray(previous.rows) ? (previous.rows as RowResult[]) : [];
      const keep = prevRows.filter((r) => !rows.some((n) => n.key === r.key));
      merged = { ...previous, ...results, rows: ROWS.map((s) => [...keep, ...rows].find((r) => r.key === s.key)).filter(Boolean) };
    } catch {
      merged = results;
    }
  }
  writeFileSync(RESULTS_PATH, JSON.stringify(merged, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, RESULTS_PATH)}`);

  if (args.updateReadme) updateReadme((merged.rows as RowResult[]) ?? rows, merged.meta as Record<string, unknown>);
  return broken ? 1 : 0;
}

function updateReadme(rows: RowResult[], meta: Record<string, unknown>): void {
  if (!existsSync(README_PATH)) {
    console.log('README.md not found; table not copied');
    return;
  }
  const text = readFileSync(README_PATH, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) {
    console.log(`README.md has no ${README_START} … ${README_END} markers; table not copied`);
    return;
  }
  const when = `Measured ${String(meta.date).slice(0, 10)} on ${String(meta.cpus)} shared CPUs, Node ${String(meta.node)}${meta.quick ? ' (quick run)' : ''}.`;
  const block = `${README_START}\n${markdownTable(rows)}\n\n${when}\n${README_END}`;
  writeFileSync(README_PATH, text.slice(0, start) + block + text.slice(end + README_END.length));
  console.log('updated the table in README.md');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
