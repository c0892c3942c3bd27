// Account-wide rate limits: five profiles on one helpdesk share one budget. The sandbox is set
// to `perWindow` credits per short window, and the profiles together offer `demandFactor` times
// that, spread evenly, for `windows` windows. Through the core (one RateGovernor per helpdesk)
// every call should eventually succeed, the budget should be used, and at most one 429 per
// window should be spent learning where the window ends. The same schedule through a bare client
// without a governor shows what the governor saves.
import { setMaxListeners } from 'node:events';
import { createBareClient } from './lib/bare-http';
import { newBenchCore, UNLIMITED_PER_MINUTE, type BenchEnv } from './lib/env';
import { nowMs, sleep } from './lib/stats';

export interface GovernorOptions {
  profiles?: number;
  perWindow?: number;
  windowMs?: number;
  windows?: number;
  /** offered calls per window ÷ perWindow */
  demandFactor?: number;
}

export interface GovernorSample {
  /** successful calls completed inside the measured windows ÷ (perWindow × windows) */
  utilization: number;
  succeeded: number;
  http_429: number;
  failed: number;
  /** calls still waiting when the last window ended (cancelled; not failures) */
  unfinished: number;
  offered: number;
  windows: number;
  naive_utilization: number;
  naive_succeeded: number;
  naive_http_429: number;
  naive_failed: number;
}

type Result = 'ok' | 'failed' | 'cancelled';

interface Outcome {
  at: number;
  result: Result;
}

/** Calls offered at a steady rate, round-robin over the profiles, whatever happens to earlier ones. */
async function offerLoad(
  count: number,
  spanMs: number,
  call: (i: number) => Promise<Result>,
): Promise<{ start: number; outcomes: Outcome[] }> {
  const start = nowMs();
  const gap = spanMs / count;
  const pending: Promise<void>[] = [];
  const outcomes: Outcome[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * gap;
    const wait = due - nowMs();
    if (wait > 1) await sleep(wait);
    pending.push(
      call(i).then(
        (result) => void outcomes.push({ at: nowMs(), result }),
        () => void outcomes.push({ at: nowMs(), result: 'failed' }),
      ),
    );
  }
  await Promise.all(pending);
  return { start, outcomes };
}

export async function measureGovernor(env: BenchEnv, opts: GovernorOptions = {}): Promise<GovernorSample> {
  const profiles = opts.profiles ?? 5;
  const perWindow = opts.perWindow ?? 50;
  const windowMs = opts.windowMs ?? 2000;
  const windows = opts.windows ?? 3;
  const demandFactor = opts.demandFactor ?? 3;
  const spanMs = windowMs * windows;
  const offered = Math.ceil(perWindow * windows * demandFactor);
  const budget = perWindow * windows;

  await env.setLimits('acme', UNLIMITED_PER_MINUTE);
  const agents = Array.from({ length: profiles }, (_, i) => env.agent('acme', i));
  // The app assumes Freshdesk's one-minute window; here both sides use the short window.
  const bench = await newBenchCore(env, 'governor', { freshdeskRateWindowMs: windowMs });
  try {
    const ids = agents.map((_, i) => `agent-${i + 1}`);
    for (let i = 0; i < profiles; i++) {
      await bench.core.accounts.authorize(ids[i], { subdomain: 'acme', apiKey: agents[i].apiKey });
    }
    const ticketIds = await readableTicketIds(env, agents[0].apiKey);

    // --- through the core: one governor shared by all five profiles --------------------------
    await env.setLimits('acme', perWindow, windowMs);
    await env.clearRequestLog();
    const stop = new AbortController();
    setMaxListeners(0, stop.signal); // one signal cancels every waiting call
    const governed = offerLoad(offered, spanMs, async (i) => {
      const r = await bench.core.tools.execute(
        ids[i % profiles],
        'freshdesk_ticket_get',
        { ticket_id: ticketIds[i % ticketIds.length] },
        { signal: stop.signal },
      );
      return r.ok ? 'ok' : r.error.code === 'cancelled' ? 'cancelled' : 'failed';
    });
    // Calls still waiting in the governor when the last window ends are cancelled.
    const stopTimer = setTimeout(() => stop.abort(), spanMs);
    const g = await governed;
    clearTimeout(stopTimer);
    // The measured windows start with the first call (the sandbox opens a window on its first request).
    const deadline = g.start + spanMs;
    const gLog = await env.requestLog('acme');
    const succeeded = g.outcomes.filter((o) => o.result === 'ok' && o.at <= deadline).length;
    const failed = g.outcomes.filter((o) => o.result === 'failed').length;
    const unfinished = g.outcomes.filter((o) => o.result === 'cancelled').length;
    const http429 = gLog.filter((e) => e.status === 429).length;

    // --- the same schedule without a governor ------------------------------------------------
    await env.setLimits('acme', perWindow, windowMs); // also starts a fresh window
    await env.clearRequestLog();
    const bare = createBareClient({ port: env.port, subdomain: 'acme', maxSockets: 64 });
    let naive429 = 0;
    const n = await offerLoad(offered, spanMs, async (i) => {
      const r = await bare.get(`/api/v2/tickets/${ticketIds[i % ticketIds.length]}`, agents[i % profiles].apiKey);
      if (r.status === 429) naive429++;
      return r.status === 200 ? 'ok' : 'failed';
    });
    bare.close();
    const nDeadline = n.start + spanMs;
    const naiveSucceeded = n.outcomes.filter((o) => o.result === 'ok' && o.at <= nDeadline).length;

    return {
      utilization: succeeded / budget,
      succeeded,
      http_429: http429,
      failed,
      unfinished,
      offered,
      windows,
      naive_utilization: naiveSucceeded / budget,
      naive_succeeded: naiveSucceeded,
      naive_http_429: naive429,
      naive_failed: n.outcomes.filter((o) => o.result === 'failed').length,
    };
  } finally {
    await bench.close();
    await env.setLimits('acme', UNLIMITED_PER_MINUTE);
  }
}

/** A few ticket ids every one of the profiles may read (spreads the load over records). */
async function readableTicketIds(env: BenchEnv, apiKey: string): Promise<number[]> {
  const bare = createBareClient({ port: env.port, subdomain: 'acme' });
  try {
    const r = await bare.get('/api/v2/tickets?per_page=20', apiKey);
    const list = JSON.parse(r.body) as { id: number }[];
    if (r.status !== 200 || list.length === 0) throw new Error(`could not list acme tickets (${r.status})`);
    return list.map((t) => t.id);
  } finally {
    bare.close();
  }
}
