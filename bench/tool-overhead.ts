// What the core adds to one read: core.tools.execute('freshdesk_ticket_get') against a bare
// keep-alive GET of the same sandbox URL with the same Basic auth. The two are interleaved
// (alternating which goes first) so machine noise hits both alike; the figure is the ratio of
// the medians and the difference in microseconds.
import { createBareClient } from './lib/bare-http';
import { newBenchCore, UNLIMITED_PER_MINUTE, type BenchEnv } from './lib/env';
import { median, nowUs } from './lib/stats';

export interface ToolOverheadOptions {
  /** timed calls of each kind (the issue asks for ≥ 2,000) */
  pairs?: number;
  /** untimed calls of each kind first (JIT, sockets, caches) */
  warmup?: number;
}

export interface ToolOverheadSample {
  ratio: number;
  overhead_us: number;
  median_tool_us: number;
  median_bare_us: number;
  pairs: number;
}

/** An ordinary open ticket of `subdomain`, found the way any client would. */
export async function firstTicketId(env: BenchEnv, subdomain: string, apiKey: string): Promise<number> {
  const bare = createBareClient({ port: env.port, subdomain });
  try {
    const r = await bare.get('/api/v2/tickets?per_page=1', apiKey);
    const list = JSON.parse(r.body) as { id: number }[];
    if (r.status !== 200 || !Array.isArray(list) || list.length === 0) {
      throw new Error(`could not find a ticket on ${subdomain} (GET /api/v2/tickets → ${r.status})`);
    }
    return list[0].id;
  } finally {
    bare.close();
  }
}

export async function measureToolOverhead(env: BenchEnv, opts: ToolOverheadOptions = {}): Promise<ToolOverheadSample> {
  const pairs = opts.pairs ?? 2000;
  const warmup = opts.warmup ?? Math.min(200, pairs);
  await env.setLimits('acme', UNLIMITED_PER_MINUTE);
  const agent = env.agent('acme');
  const bench = await newBenchCore(env, 'tool-overhead');
  const bare = createBareClient({ port: env.port, subdomain: 'acme', maxSockets: 1 });
  try {
    await bench.core.accounts.authorize('overhead', { subdomain: 'acme', apiKey: agent.apiKey });
    const ticketId = await firstTicketId(env, 'acme', agent.apiKey);
    const path = `/api/v2/tickets/${ticketId}`;
    const input = { ticket_id: ticketId };

    const viaTool = async () => {
      const t0 = nowUs();
      const r = await bench.core.tools.execute('overhead', 'freshdesk_ticket_get', input);
      const dt = nowUs() - t0;
      if (!r.ok) throw new Error(`freshdesk_ticket_get failed during the benchmark: ${r.error.kind}: ${r.error.message}`);
      return dt;
    };
    const viaBare = async () => {
      const t0 = nowUs();
      const r = await bare.get(path, agent.apiKey);
      const dt = nowUs() - t0;
      if (r.status !== 200) throw new Error(`bare GET ${path} answered ${r.status} during the benchmark`);
      return dt;
    };

    for (let i = 0; i < warmup; i++) {
      await viaTool();
      await viaBare();
    }
    await env.clearRequestLog();

    const tool: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < pairs; i++) {
      if (i % 2 === 0) {
        tool.push(await viaTool());
        bareTimes.push(await viaBare());
      } else {
        bareTimes.push(await viaBare());
        tool.push(await viaTool());
      }
    }
    const mt = median(tool);
    const mb = median(bareTimes);
    return { ratio: mt / mb, overhead_us: mt - mb, median_tool_us: mt, median_bare_us: mb, pairs };
  } finally {
    bare.close();
    await bench.close();
  }
}
