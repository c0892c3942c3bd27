// Throughput of the sandbox helpdesk itself: GET /api/v2/tickets/:id answered per second for one
// keep-alive client sending one request at a time. Every other benchmark and test stands on the
// sandbox, so it must never be the slow part.
import { createBareClient } from './lib/bare-http';
import { UNLIMITED_PER_MINUTE, type BenchEnv } from './lib/env';
import { nowMs } from './lib/stats';
import { firstTicketId } from './tool-overhead';

export interface SandboxRpsOptions {
  durationMs?: number;
  warmupMs?: number;
}

export interface SandboxRpsSample {
  rps: number;
  requests: number;
  elapsed_ms: number;
}

export async function measureSandboxRps(env: BenchEnv, opts: SandboxRpsOptions = {}): Promise<SandboxRpsSample> {
  const durationMs = opts.durationMs ?? 2000;
  const warmupMs = opts.warmupMs ?? Math.min(300, durationMs);
  await env.setLimits('acme', UNLIMITED_PER_MINUTE);
  const agent = env.agent('acme');
  const ticketId = await firstTicketId(env, 'acme', agent.apiKey);
  const path = `/api/v2/tickets/${ticketId}`;
  const bare = createBareClient({ port: env.port, subdomain: 'acme', maxSockets: 1 });
  try {
    const run = async (ms: number) => {
      const start = nowMs();
      let n = 0;
      let now = start;
      while (now - start < ms) {
        const r = await bare.get(path, agent.apiKey);
        if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status} during the benchmark`);
        n++;
        now = nowMs();
      }
      return { n, elapsed: now - start };
    };
    await run(warmupMs);
    await env.clearRequestLog();
    const { n, elapsed } = await run(durationMs);
    await env.clearRequestLog();
    return { rps: (n / elapsed) * 1000, requests: n, elapsed_ms: elapsed };
  } finally {
    bare.close();
  }
}
