// Triage plans against the chat, on the same sandbox tickets, with Claude played by the fake
// Messages API (scripted: a proposal for every ticket; the chat reads and updates each ticket):
//  - a triage run of 30 tickets: model calls, bytes sent to the model per ticket (the ticket data
//    alone, and everything with the cached system prompt and tools), Freshdesk requests and
//    credits to read, then the apply of 30 updates on a 50/min trial account: wall time against
//    the limit's floor, failures and 429s (the sandbox's own request log);
//  - the chat doing the same one ticket at a time (a get, then an update, per ticket);
//  - 100 tickets (two runs of 50) on a 50-per-window trial account, window shortened to keep the
//    bench short: it must finish with 0 failed writes.
import { startFakeAnthropic, type FakeAnthropic } from '../test/fakes/anthropic';
import { say, toolUse } from '../test/fakes/anthropic';
import { propose } from '../test/fakes/triage';
import { newBenchCore, UNLIMITED_PER_MINUTE, type BenchCore, type BenchEnv } from './lib/env';

export interface TriageBenchOptions {
  tickets?: number;
  /** the 100-ticket part: tickets and the trial account's window (ms) */
  bigTickets?: number;
  bigWindowMs?: number;
  /** skip the chat comparison (the smoke test) */
  withChat?: boolean;
}

export interface TriageBenchSample {
  model_calls: number;
  ticket_bytes_per_ticket: number;
  request_bytes_per_ticket: number;
  read_requests: number;
  read_credits: number;
  apply_ms: number;
  apply_floor_ms: number;
  apply_failed: number;
  apply_429: number;
  chat_model_calls?: number;
  chat_request_bytes_per_ticket?: number;
  chat_read_requests?: number;
  chat_read_credits?: number;
  big_tickets: number;
  big_failed: number;
  big_429: number;
  big_ms: number;
  big_floor_ms: number;
}

const TRIAL_PER_WINDOW = 50;
const KEY = 'sk-ant-api03-bench0123456789abcdef';

/** The least time a limit of `perWindow` requests per `windowMs` allows for `requests` requests
 *  (all sent at once in a fresh window): the windows that must pass before the last one. */
export const limitFloorMs = (requests: number, perWindow: number, windowMs: number) =>
  Math.max(0, Math.ceil(requests / perWindow) - 1) * windowMs;

/** Ids of the n most recently updated tickets (what a queue view sorted by update shows). */
async function recentIds(bench: BenchCore, who: string, n: number, page = 1): Promise<number[]> {
  const r = await bench.core.tools.execute(who, 'freshdesk_tickets_list', { per_page: n, page, order_by: 'updated_at' });
  if (!r.ok) throw new Error(`listing tickets failed: ${r.error.message}`);
  return (r.data as { id: number }[]).map((t) => t.id);
}

const proposeAll = () =>
  propose((tickets) =>
    tickets.map((t) => ({ ticket_id: t.id, changes: { priority: t.priority?.startsWith('4') ? 3 : 4, tags: ['triaged'] } })),
  );

async function runAndApply(bench: BenchCore, fake: FakeAnthropic, who: string, ids: number[]) {
  fake.script(proposeAll());
  const plan = await bench.core.triage.start(who, { ticketIds: ids });
  for (const row of plan.rows) if (row.state === 'proposed') await bench.core.triage.decide(who, plan.id, row.ticketId, 'accept');
  const started = performance.now();
  const done = await bench.core.triage.apply(who, plan.id);
  return { plan: done, applyMs: performance.now() - started };
}

export async function measureTriage(env: BenchEnv, opts: TriageBenchOptions = {}): Promise<TriageBenchSample> {
  const n = opts.tickets ?? 30;
  const bigN = opts.bigTickets ?? 100;
  const bigWindowMs = opts.bigWindowMs ?? 3000;
  const fake = await startFakeAnthropic();
  const agent = env.agent('acme');
  const cores: BenchCore[] = [];
  try {
    await env.setLimits('acme', UNLIMITED_PER_MINUTE);
    // ---- one triage run of n tickets, then its apply on a fresh trial-account minute -------------
    const bench = await newBenchCore(env, 'triage', { anthropicBaseURL: fake.url });
    cores.push(bench);
    await bench.core.accounts.authorize('triage', { subdomain: 'acme', apiKey: agent.apiKey });
    await bench.core.chat.setApiKey('triage', KEY);
    const ids = await recentIds(bench, 'triage', n);
    fake.requests.length = 0;
    await env.clearRequestLog();
    fake.script(proposeAll());
    const plan = await bench.core.triage.start('triage', { ticketIds: ids });
    const readLog = await env.requestLog('acme');
    const modelRequests = fake.messageRequests();
    const requestBytes = modelRequests.reduce((sum, r) => sum + Buffer.byteLength(r.raw), 0);
    for (const row of plan.rows) if (row.state === 'proposed') await bench.core.triage.decide('triage', plan.id, row.ticketId, 'accept');
    const accepted = plan.rows.filter((r) => r.state === 'proposed').length;

    await env.setLimits('acme', TRIAL_PER_WINDOW); // a trial account's minute, fresh
    await env.clearRequestLog();
    const started = performance.now();
    const applied = await bench.core.triage.apply('triage', plan.id);
    const applyMs = performance.now() - started;
    const applyLog = await env.requestLog('acme');
    const sample: TriageBenchSample = {
      model_calls: modelRequests.length,
      ticket_bytes_per_ticket: (plan.stats?.ticketBytes ?? 0) / n,
      request_bytes_per_ticket: requestBytes / n,
      read_requests: readLog.length,
      read_credits: readLog.reduce((s, e) => s + e.credits, 0),
      apply_ms: applyMs,
      apply_floor_ms: limitFloorMs(applyLog.length, TRIAL_PER_WINDOW, 60_000),
      apply_failed:
        applied.rows.filter((r) => r.state === 'failed').length + (accepted - applied.rows.filter((r) => r.state === 'applied').length),
      apply_429: applyLog.filter((e) => e.status === 429).length,
      big_tickets: 0,
      big_failed: 0,
      big_429: 0,
      big_ms: 0,
      big_floor_ms: 0,
    };

    // ---- the chat, one ticket at a time: read it, then an update card (auto-approved here) ------
    if (opts.withChat !== false) {
      await env.setLimits('acme', UNLIMITED_PER_MINUTE);
      const chat = await newBenchCore(env, 'triage-chat', { anthropicBaseURL: fake.url });
      cores.push(chat);
      await chat.core.accounts.authorize('chat', { subdomain: 'acme', apiKey: agent.apiKey });
      await chat.core.chat.setApiKey('chat', KEY);
      chat.core.settings.update({ autoApproveTools: ['freshdesk_ticket_update'] });
      fake.requests.length = 0;
      await env.clearRequestLog();
      for (const id of ids) {
        fake.script(
          toolUse('freshdesk_ticket_get', { ticket_id: id }),
          toolUse('freshdesk_ticket_update', { ticket_id: id, priority: 4, tags: ['triaged'] }),
          say(`Ticket #${id} triaged.`),
        );
        const end = await chat.core.chat.send('chat', 'triage-one-by-one', `Triage ticket #${id}`);
        if (end !== 'end_turn') throw new Error(`the chat turn for #${id} ended with ${end}`);
      }
      const log = await env.requestLog('acme');
      const reads = log.filter((e) => e.method === 'GET');
      sample.chat_model_calls = fake.messageRequests().length;
      sample.chat_request_bytes_per_ticket = fake.messageRequests().reduce((s, r) => s + Buffer.byteLength(r.raw), 0) / ids.length;
      sample.chat_read_requests = reads.length;
      sample.chat_read_credits = reads.reduce((s, e) => s + e.credits, 0);
    }

    // ---- 100 tickets, two runs of 50, on a 50-per-window trial account --------------------------
    if (bigN > 0) {
      await env.setLimits('acme', UNLIMITED_PER_MINUTE);
      const big = await newBenchCore(env, 'triage-big', { anthropicBaseURL: fake.url, freshdeskRateWindowMs: bigWindowMs });
      cores.push(big);
      await big.core.accounts.authorize('big', { subdomain: 'acme', apiKey: agent.apiKey });
      await big.core.chat.setApiKey('big', KEY);
      const half = Math.ceil(bigN / 2);
      const bigIds = [...(await recentIds(big, 'big', 100))].slice(0, bigN);
      await env.setLimits('acme', TRIAL_PER_WINDOW, bigWindowMs);
      await env.clearRequestLog();
      const t0 = performance.now();
      let failed = 0;
      let appliedCount = 0;
      for (const part of [bigIds.slice(0, half), bigIds.slice(half)]) {
        if (part.length === 0) continue;
        const { plan: p } = await runAndApply(big, fake, 'big', part);
        failed += p.rows.filter((r) => r.state === 'failed' || r.state === 'accepted').length;
        appliedCount += p.rows.filter((r) => r.state === 'applied').length;
      }
      const bigLog = await env.requestLog('acme');
      sample.big_ms = performance.now() - t0;
      sample.big_tickets = appliedCount;
      sample.big_failed = failed;
      sample.big_429 = bigLog.filter((e) => e.status === 429).length;
      sample.big_floor_ms = limitFloorMs(bigLog.filter((e) => e.status !== 429).length, TRIAL_PER_WINDOW, bigWindowMs);
    }
    return sample;
  } finally {
    for (const c of cores) await c.close();
    await fake.close();
    await env.setLimits('acme', UNLIMITED_PER_MINUTE);
  }
}
