// Rate-limit credits and requests the app spends on its two most frequent screens, counted by the
// sandbox itself (its request log records X-RateLimit-Used-CurrentRequest for every request):
//  - opening a ticket with conversations, requester, company and stats;
//  - one queue page with requester names.
// The naive way asks for each piece separately: the ticket, its conversations, its requester,
// its company; the ticket list, then each requester on the page.
import { createBareClient, type BareClient } from './lib/bare-http';
import { newBenchCore, UNLIMITED_PER_MINUTE, type BenchEnv } from './lib/env';

export interface CreditsOptions {
  /** tickets on one queue page (Freshdesk's default page size) */
  perPage?: number;
}

export interface CreditsSample {
  ticket_full_context_requests: number;
  ticket_full_context_credits: number;
  ticket_full_context_naive_requests: number;
  ticket_full_context_naive_credits: number;
  queue_page_requests: number;
  queue_page_credits: number;
  queue_page_naive_requests: number;
  queue_page_naive_credits: number;
}

interface Spent {
  requests: number;
  credits: number;
}

async function spentBy(env: BenchEnv, work: () => Promise<void>): Promise<Spent> {
  await env.clearRequestLog();
  await work();
  const log = await env.requestLog('acme');
  return { requests: log.length, credits: log.reduce((sum, e) => sum + e.credits, 0) };
}

async function bareJson(bare: BareClient, path: string, apiKey: string): Promise<unknown> {
  const r = await bare.get(path, apiKey);
  if (r.status !== 200) throw new Error(`naive GET ${path} answered ${r.status}`);
  return JSON.parse(r.body);
}

export async function measureCredits(env: BenchEnv, opts: CreditsOptions = {}): Promise<CreditsSample> {
  const perPage = opts.perPage ?? 30;
  await env.setLimits('acme', UNLIMITED_PER_MINUTE);
  const agent = env.agent('acme');
  const ticketId = env.account('acme').fixtures.richTicketId;
  const bench = await newBenchCore(env, 'credits');
  const bare = createBareClient({ port: env.port, subdomain: 'acme' });
  try {
    await bench.core.accounts.authorize('credits', { subdomain: 'acme', apiKey: agent.apiKey });

    const full = await spentBy(env, async () => {
      const r = await bench.core.tools.execute('credits', 'freshdesk_ticket_get', {
        ticket_id: ticketId,
        include: 'conversations,requester,company,stats',
      });
      if (!r.ok) throw new Error(`opening ticket ${ticketId} failed: ${r.error.message}`);
    });
    const fullNaive = await spentBy(env, async () => {
      const t = (await bareJson(bare, `/api/v2/tickets/${ticketId}`, agent.apiKey)) as { requester_id: number; company_id: number | null };
      await bareJson(bare, `/api/v2/tickets/${ticketId}/conversations`, agent.apiKey);
      await bareJson(bare, `/api/v2/contacts/${t.requester_id}`, agent.apiKey);
      if (t.company_id !== null) await bareJson(bare, `/api/v2/companies/${t.company_id}`, agent.apiKey);
    });

    const page = await spentBy(env, async () => {
      const r = await bench.core.tools.execute('credits', 'freshdesk_tickets_list', { include: 'requester', per_page: perPage });
      if (!r.ok) throw new Error(`listing the queue failed: ${r.error.message}`);
    });
    const pageNaive = await spentBy(env, async () => {
      const list = (await bareJson(bare, `/api/v2/tickets?per_page=${perPage}`, agent.apiKey)) as { requester_id: number }[];
      for (const requesterId of new Set(list.map((t) => t.requester_id))) {
        await bareJson(bare, `/api/v2/contacts/${requesterId}`, agent.apiKey);
      }
    });

    return {
      ticket_full_context_requests: full.requests,
      ticket_full_context_credits: full.credits,
      ticket_full_context_naive_requests: fullNaive.requests,
      ticket_full_context_naive_credits: fullNaive.credits,
      queue_page_requests: page.requests,
      queue_page_credits: page.credits,
      queue_page_naive_requests: pageNaive.requests,
      queue_page_naive_credits: pageNaive.credits,
    };
  } finally {
    bare.close();
    await bench.close();
  }
}
