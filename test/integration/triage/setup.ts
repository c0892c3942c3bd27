// Triage rig: the chat suite's world (real sandbox + fake Messages API) and core, plus helpers
// to script Claude's propose_triage from what it was actually sent.
import http from 'node:http';
import type { RecordedRequest, ScriptedMessage } from '../../fakes/anthropic';
import { toolUse } from '../../fakes/anthropic';
import type { World } from '../chat/setup';

export interface SentTicket {
  id: number;
  subject: string;
  text?: string;
  group_id?: number;
  responder_id?: number;
  priority?: string;
  tags?: string[];
}

/** The tickets Claude received in the run's first message (inside the untrusted marker). */
export function ticketsSent(req: RecordedRequest): SentTicket[] {
  const first = req.body.messages?.[0];
  const text =
    typeof first?.content === 'string' ? first.content : ((first?.content ?? []).find((b) => b.type === 'text') as { text: string }).text;
  const start = text.indexOf('<untrusted_freshdesk_data tool="triage_tickets">');
  const end = text.lastIndexOf('</untrusted_freshdesk_data>');
  return text
    .slice(start, end)
    .split('\n')
    .slice(1)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as SentTicket);
}

/** A quote that is certainly in the ticket's text: the first words of its subject. */
export const quoteOf = (t: SentTicket) => t.subject.split(/\s+/).slice(0, 3).join(' ');

export interface RowSpec {
  ticket_id: number;
  changes: Record<string, unknown>;
  summary?: string;
  evidence?: string[];
  confidence?: 'high' | 'medium' | 'low';
  draft_reply?: string;
}

/** One propose_triage call, built from the request the fake received. */
export function propose(build: (tickets: SentTicket[]) => RowSpec[]): (req: RecordedRequest) => ScriptedMessage {
  return (req) => {
    // every request of a run carries its first message, with the tickets
    const tickets = ticketsSent(req);
    const rows = build(tickets).map((r) => {
      const t = tickets.find((x) => x.id === r.ticket_id);
      return {
        summary: `Triage for #${r.ticket_id}`,
        evidence: t ? [quoteOf(t)] : ['not there'],
        confidence: 'high' as const,
        ...r,
      };
    });
    return toolUse('propose_triage', { tickets: rows });
  };
}

/** PUT straight to the sandbox with an agent's key: a colleague's change. */
export async function rawFreshdeskPut(world: World, subdomain: string, apiKey: string, path: string, body: unknown): Promise<number> {
  const url = new URL(path, world.sandbox.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'PUT',
        headers: {
          host: `${subdomain}.localhost:${world.sandbox.port}`,
          authorization: `Basic ${Buffer.from(`${apiKey}:X`).toString('base64')}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
