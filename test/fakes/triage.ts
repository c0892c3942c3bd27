// Scripting Claude's propose_triage for the fake Messages API from what it was actually sent
// (integration tests, e2e specs and the bench).
import type { RecordedRequest, ScriptedMessage } from './anthropic';
import { toolUse } from './anthropic';

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
