// Rows of the performance table: which figure, its target, what it means; and how samples from
// several runs become a row (median, min, max, pass/miss), a console table, a Markdown table and
// bench/results.json.
import { round, spread } from './stats';

export type Comparison = '<=' | '>=';

export interface RowSpec {
  /** dotted key in results.json, e.g. `tool_overhead.ratio` */
  key: string;
  label: string;
  unit: string;
  digits: number;
  target?: { op: Comparison; value: number; text?: string };
  /** one line for the README: what the figure means */
  meaning: string;
}

export interface RowResult {
  key: string;
  label: string;
  unit: string;
  median: number | null;
  min: number | null;
  max: number | null;
  samples: number;
  target: string | null;
  pass: boolean | null;
  /** why there is no figure ("not measured: …") */
  note?: string;
}

export const ROWS: RowSpec[] = [
  {
    key: 'tool_overhead.ratio',
    label: 'tool call ÷ bare GET (median)',
    unit: '×',
    digits: 3,
    target: { op: '<=', value: 1.25 },
    meaning:
      'core.tools.execute(…, "freshdesk_ticket_get") against a bare keep-alive GET of the same sandbox URL and auth, ≥ 2,000 of each, interleaved.',
  },
  {
    key: 'tool_overhead.overhead_us',
    label: 'tool call overhead',
    unit: 'µs',
    digits: 0,
    target: { op: '<=', value: 150 },
    meaning: 'The same medians as a difference: validation, vault decrypt, governor, parsing and result mapping per call.',
  },
  {
    key: 'governor.utilization',
    label: 'governor: budget used',
    unit: '',
    digits: 3,
    target: { op: '>=', value: 0.9 },
    meaning:
      '5 profiles on one helpdesk, limit 50 per 2-s window, 3× that demand for 3 windows: successful calls inside the windows ÷ (50 × 3).',
  },
  {
    key: 'governor.http_429',
    label: 'governor: 429 answers',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 3, text: '≤ 3 (1 per window)' },
    meaning: '429s the sandbox sent while the governor paced the same load (at most one per window to find where the window ends).',
  },
  {
    key: 'governor.failed',
    label: 'governor: failed calls',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 0, text: '0' },
    meaning: 'Calls that ended in an error (calls still queued when the last window closes are cancelled, and counted apart).',
  },
  {
    key: 'naive.http_429',
    label: 'no governor: 429 answers',
    unit: '',
    digits: 0,
    meaning: 'The same schedule through a bare client without a governor (baseline, no target).',
  },
  {
    key: 'naive.failed',
    label: 'no governor: failed calls',
    unit: '',
    digits: 0,
    meaning: 'Calls of the baseline that did not succeed.',
  },
  {
    key: 'credits.ticket_full_context.requests',
    label: 'open ticket: requests',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 1 },
    meaning: 'Requests to open a ticket with conversations, requester, company and stats (one call with include=…).',
  },
  {
    key: 'credits.ticket_full_context.credits',
    label: 'open ticket: credits',
    unit: '',
    digits: 0,
    meaning: 'Rate-limit credits for the same (X-RateLimit-Used-CurrentRequest, summed by the sandbox).',
  },
  {
    key: 'credits.ticket_full_context.naive_requests',
    label: 'open ticket, naive: requests',
    unit: '',
    digits: 0,
    meaning: 'The naive way: ticket, conversations, requester and company fetched one by one.',
  },
  {
    key: 'credits.ticket_full_context.naive_credits',
    label: 'open ticket, naive: credits',
    unit: '',
    digits: 0,
    meaning: 'Credits of the naive way.',
  },
  {
    key: 'credits.queue_page.requests',
    label: 'queue page: requests',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 1 },
    meaning: 'Requests for one 30-ticket queue page with requester names (include=requester).',
  },
  {
    key: 'credits.queue_page.credits',
    label: 'queue page: credits',
    unit: '',
    digits: 0,
    meaning: 'Credits for the same.',
  },
  {
    key: 'credits.queue_page.naive_requests',
    label: 'queue page, naive: requests',
    unit: '',
    digits: 0,
    meaning: 'The naive way: the list, then one contact per requester on the page.',
  },
  {
    key: 'credits.queue_page.naive_credits',
    label: 'queue page, naive: credits',
    unit: '',
    digits: 0,
    meaning: 'Credits of the naive way.',
  },
  {
    key: 'llm.list_bytes_ratio',
    label: 'model bytes: 30-ticket list ÷ raw',
    unit: '×',
    digits: 3,
    target: { op: '<=', value: 0.25 },
    meaning: 'Bytes of the compact projection Claude receives for a 30-ticket list ÷ the raw Freshdesk JSON for the same query.',
  },
  {
    key: 'llm.tool_defs_bytes',
    label: 'model bytes: tool definitions',
    unit: 'B',
    digits: 0,
    meaning: 'All ten tool definitions (name, description, JSON Schema) as sent with every model request.',
  },
  {
    key: 'triage.model_calls',
    label: 'triage 30 tickets: model calls',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 1 },
    meaning: 'Messages API requests of one triage run of 30 sandbox tickets (scripted proposal for every ticket).',
  },
  {
    key: 'triage.ticket_bytes_per_ticket',
    label: 'triage: ticket data per ticket',
    unit: 'B',
    digits: 0,
    target: { op: '<=', value: 1500 },
    meaning: 'Bytes of compact, quoted ticket data Claude receives per ticket (subject, cut description, requester, fields, tags, age).',
  },
  {
    key: 'triage.request_bytes_per_ticket',
    label: 'triage: all bytes to the model per ticket',
    unit: 'B',
    digits: 0,
    meaning: 'Every byte of the run’s Messages requests ÷ 30, system prompt and tool definitions included (cached after the first run).',
  },
  {
    key: 'triage.read_requests',
    label: 'triage: Freshdesk requests to read',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 2 },
    meaning: 'The tickets list with descriptions (100 a page) and the ticket fields (groups, types, agents), from the sandbox log.',
  },
  {
    key: 'triage.read_credits',
    label: 'triage: credits to read',
    unit: '',
    digits: 0,
    meaning: 'Rate-limit credits of those requests (includes cost credits).',
  },
  {
    key: 'triage.apply_ms',
    label: 'triage: apply 30 updates',
    unit: 'ms',
    digits: 0,
    meaning: 'Wall time of core.triage.apply on a fresh 50/min trial minute: the changed-since check and 30 updates through the governor.',
  },
  {
    key: 'triage.apply_floor_ms',
    label: 'triage: apply, limit’s floor',
    unit: 'ms',
    digits: 0,
    meaning: 'The least time the 50/min limit allows for the same requests (windows that must pass before the last one).',
  },
  {
    key: 'triage.apply_failed',
    label: 'triage: apply failures',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 0, text: '0' },
    meaning: 'Accepted rows not applied.',
  },
  {
    key: 'triage.apply_429',
    label: 'triage: apply 429s',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 0, text: '0' },
    meaning: '429 answers during the apply (sandbox log).',
  },
  {
    key: 'triage.chat.model_calls',
    label: 'chat one by one, 30 tickets: model calls',
    unit: '',
    digits: 0,
    meaning: 'The chat doing the same: per ticket a turn that reads it, then an update card (auto-approved here), then a reply.',
  },
  {
    key: 'triage.chat.request_bytes_per_ticket',
    label: 'chat one by one: bytes to the model per ticket',
    unit: 'B',
    digits: 0,
    meaning: 'Every byte of those Messages requests ÷ 30 (the thread’s history is re-sent with each call).',
  },
  {
    key: 'triage.chat.read_requests',
    label: 'chat one by one: Freshdesk requests to read',
    unit: '',
    digits: 0,
    meaning: 'GETs the chat made (one per ticket).',
  },
  {
    key: 'triage.chat.read_credits',
    label: 'chat one by one: credits to read',
    unit: '',
    digits: 0,
    meaning: 'Their credits.',
  },
  {
    key: 'triage.big.failed',
    label: 'triage 100 tickets, 50/window: failed writes',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 0, text: '0' },
    meaning:
      '100 tickets as two runs of 50 on a trial account (50 per 3-s window, scaled from a minute), read to applied: rows not applied.',
  },
  {
    key: 'triage.big.http_429',
    label: 'triage 100 tickets: 429s',
    unit: '',
    digits: 0,
    meaning: '429 answers the sandbox sent (the governor finds a window’s end by one probe at most).',
  },
  {
    key: 'triage.big.ms',
    label: 'triage 100 tickets: read to applied',
    unit: 'ms',
    digits: 0,
    meaning: 'Wall time of both runs, start to last write.',
  },
  {
    key: 'triage.big.floor_ms',
    label: 'triage 100 tickets: limit’s floor',
    unit: 'ms',
    digits: 0,
    meaning: 'The least time 50 per 3-s window allows for the same requests.',
  },
  {
    key: 'renderer.initial_js_gzip_bytes',
    label: 'initial JS (gzip -9)',
    unit: 'B',
    digits: 0,
    target: { op: '<=', value: 250_000 },
    meaning: 'Entry script + modulepreload links of out/renderer/index.html, each gzipped at level 9, summed.',
  },
  {
    key: 'renderer.queue_first_rows_ms',
    label: '5,000-ticket queue: first rows',
    unit: 'ms',
    digits: 1,
    target: { op: '<=', value: 200 },
    meaning: 'Chromium, 5,000-ticket helpdesk, 100 per page: from the first page of tickets arriving in the page to its rows painted.',
  },
  {
    key: 'renderer.queue_longest_task_ms',
    label: '5,000-ticket queue: longest task',
    unit: 'ms',
    digits: 1,
    target: { op: '<=', value: 50 },
    meaning: 'Longest renderer main-thread task (Chromium trace) while scrolling the loaded queue from top to end, a screen per frame.',
  },
  {
    key: 'renderer.queue_longest_task_cpu_ms',
    label: '5,000-ticket queue: longest task, CPU',
    unit: 'ms',
    digits: 1,
    meaning: 'The same longest task in main-thread CPU time: what the page itself cost, without time a busy machine kept it waiting.',
  },
  {
    key: 'renderer.queue_page_render_max_ms',
    label: '5,000-ticket queue: slowest page',
    unit: 'ms',
    digits: 1,
    meaning: 'Slowest data → rows painted of any of the ~50 pages appended while loading the queue to its end.',
  },
  {
    key: 'sandbox.rps',
    label: 'sandbox GET ticket',
    unit: 'req/s',
    digits: 0,
    target: { op: '>=', value: 3000 },
    meaning: 'GET /api/v2/tickets/:id answered per second, one keep-alive client, one request at a time.',
  },
  {
    key: 'vault.open_ms_50_profiles',
    label: 'core start, 50 profiles',
    unit: 'ms',
    digits: 2,
    target: { op: '<=', value: 50 },
    meaning: 'Open the conf store, createTriageCore and accounts.list() with 50 stored profiles.',
  },
  {
    key: 'vault.decrypts_on_open',
    label: 'core start: keys decrypted',
    unit: '',
    digits: 0,
    target: { op: '<=', value: 0, text: '0' },
    meaning: 'cipher.decrypt calls during that start (no key is decrypted until a call needs it).',
  },
];

export function targetText(spec: RowSpec): string | null {
  if (!spec.target) return null;
  if (spec.target.text) return spec.target.text;
  const v = spec.target.value.toLocaleString('en-US');
  return `${spec.target.op === '<=' ? '≤' : '≥'} ${v}${spec.unit && spec.unit !== '×' ? ' ' + spec.unit : ''}`;
}

export function buildRow(spec: RowSpec, samples: number[] | undefined, note?: string): RowResult {
  const base = { key: spec.key, label: spec.label, unit: spec.unit, target: targetText(spec) };
  if (!samples || samples.length === 0) {
    return { ...base, median: null, min: null, max: null, samples: 0, pass: null, note: note ?? 'not measured' };
  }
  const s = spread(samples);
  const pass = spec.target ? (spec.target.op === '<=' ? s.median <= spec.target.value : s.median >= spec.target.value) : null;
  return {
    ...base,
    median: round(s.median, spec.digits),
    min: round(s.min, spec.digits),
    max: round(s.max, spec.digits),
    samples: s.n,
    pass,
    ...(note ? { note } : {}),
  };
}

function fmt(v: number | null, digits: number): string {
  if (v === null) return '–';
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function status(r: RowResult): string {
  if (r.median === null) return r.note ?? 'not measured';
  if (r.pass === null) return '';
  return r.pass ? 'ok' : 'MISS';
}

function cells(r: RowResult): string[] {
  const spec = ROWS.find((s) => s.key === r.key);
  const d = spec?.digits ?? 2;
  const unit = r.unit && r.unit !== '×' ? ` ${r.unit}` : r.unit;
  return [
    r.label,
    fmt(r.median, d) + (r.median === null ? '' : unit),
    fmt(r.min, d),
    fmt(r.max, d),
    String(r.samples),
    r.target ?? '',
    status(r),
  ];
}

const HEADER = ['figure', 'median', 'min', 'max', 'n', 'target', ''];

export function consoleTable(rows: RowResult[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => (i === 0 || i === row.length - 1 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(table[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1).map(line)].join('\n');
}

export function markdownTable(rows: RowResult[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['| figure | median | min | max | n | target | |', '|---|--:|--:|--:|--:|---|---|'];
  for (const r of rows) out.push('| ' + cells(r).map(esc).join(' | ') + ' |');
  return out.join('\n');
}

/** Sets `obj.a.b.c = value` for key `a.b.c`. */
export function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/** Thrown by a measurement that cannot run here; its rows say why instead of showing a number. */
export class NotMeasured extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotMeasured';
  }
}
