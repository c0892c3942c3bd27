// The checks every proposed row passes before the agent sees it (docs/triage.md, "Checks"):
// the ticket is in the run, each change is valid for this helpdesk (its choices and the update
// tool's own schema), every evidence quote is in the ticket's text, and no-op changes are dropped.
import { z } from 'zod';
import { ticketFields } from '../../../src-shared/tools/freshdesk_ticket_create';
import { validateToolInput } from '../tools';
import {
  TRIAGE_DRAFT_MAX,
  TRIAGE_EVIDENCE_MAX,
  TRIAGE_FIELDS,
  TRIAGE_MAX_TAGS,
  TRIAGE_QUOTE_MAX,
  TRIAGE_SUMMARY_MAX,
  type TriageChanges,
  type TriageConfidence,
  type TriageCurrent,
} from '../../../src-shared/contract/triage';
import { normalizeTriageText, triageQuoteForm } from '../../../src-shared/triage';
import type { ReadTicket } from './read';
import type { TicketFieldChoices } from '../field-choices';

export const PROPOSE_TOOL = 'propose_triage';

/** The changes a plan may carry: the update tool's own field rules, and nothing else. */
export const ChangesSchema = z
  .object({
    priority: ticketFields.priority,
    status: ticketFields.status,
    type: ticketFields.type,
    group_id: ticketFields.group_id,
    responder_id: ticketFields.responder_id,
    tags: ticketFields.tags,
  })
  .strict();

/** What Claude sends per ticket (loosely typed: every field is checked below). */
const ProposalRow = z.object({
  ticket_id: z.number().int(),
  changes: z.record(z.string(), z.unknown()).optional(),
  summary: z.string(),
  evidence: z.array(z.string()),
  confidence: z.enum(['high', 'medium', 'low']),
  draft_reply: z.string().optional(),
});

export const ProposalInput = z.object({ tickets: z.array(z.unknown()).max(200) });

/** The tool definition Claude is offered; main handles every call (it never reaches Freshdesk). */
export const proposeToolDefinition = {
  name: PROPOSE_TOOL,
  description: [
    'Propose triage for the tickets of this run: one entry per ticket, in one call.',
    'changes holds only fields to change: priority (1 Low, 2 Medium, 3 High, 4 Urgent), status (2 Open, 3 Pending, 4 Resolved, 5 Closed or an account status), type (one of the helpdesk types), group_id and responder_id (from the helpdesk choices), tags (the full new list).',
    "summary: one line for the agent, at most 160 characters. evidence: 1 to 3 short quotes copied verbatim from that ticket's subject or text. confidence: high, medium or low.",
    'draft_reply (optional, HTML): a suggested reply; it is never sent from the plan, the agent decides.',
    'Nothing is changed in Freshdesk until the agent reviews the plan and applies it.',
  ].join(' '),
  input_schema: {
    type: 'object' as const,
    properties: {
      tickets: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            ticket_id: { type: 'integer' },
            changes: {
              type: 'object',
              properties: {
                priority: { type: 'integer', enum: [1, 2, 3, 4] },
                status: { type: 'integer' },
                type: { type: 'string' },
                group_id: { type: 'integer' },
                responder_id: { type: 'integer' },
                tags: { type: 'array', items: { type: 'string' } },
              },
              additionalProperties: false,
            },
            summary: { type: 'string', maxLength: TRIAGE_SUMMARY_MAX },
            evidence: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: TRIAGE_EVIDENCE_MAX },
            confidence: { type: 'string', enum: ['high', 'medium', 'low'] },
            draft_reply: { type: 'string' },
          },
          required: ['ticket_id', 'changes', 'summary', 'evidence', 'confidence'],
        },
      },
    },
    required: ['tickets'],
  },
};

export type Choices = Required<TicketFieldChoices>;

export interface CheckedRow {
  ticketId: number;
  changes: TriageChanges;
  summary: string;
  evidence: string[];
  confidence: TriageConfidence;
  draftReply?: string;
}

export type RowCheck = { ok: true; row: CheckedRow } | { ok: false; ticketId?: number; problems: string[] };

const sameTags = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * Checks changes against the helpdesk and the ticket: valid values from the choices and the
 * update tool's rules; changes equal to the current value are dropped (not a problem).
 */
export function checkChanges(
  raw: unknown,
  current: TriageCurrent,
  choices: Choices,
  ticketId: number,
): { changes: TriageChanges; problems: string[] } {
  const problems: string[] = [];
  const parsed = ChangesSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 6)) {
      if (issue.code === 'unrecognized_keys') {
        problems.push(`changes may only hold ${TRIAGE_FIELDS.join(', ')}; not ${issue.keys.join(', ')}`);
      } else {
        problems.push(`${issue.path.join('.') || 'changes'}: ${issue.message}`);
      }
    }
    return { changes: {}, problems };
  }
  const c = parsed.data;
  if (c.tags !== undefined && c.tags.length > TRIAGE_MAX_TAGS) problems.push(`tags: at most ${TRIAGE_MAX_TAGS} tags`);
  if (c.group_id !== undefined && !choices.groups.some((g) => g.id === c.group_id)) {
    problems.push(`group_id ${c.group_id} is not a group of this helpdesk`);
  }
  if (c.responder_id !== undefined && !choices.agents.some((a) => a.id === c.responder_id)) {
    problems.push(`responder_id ${c.responder_id} is not an agent of this helpdesk`);
  }
  if (c.type !== undefined && !choices.types.includes(c.type)) {
    problems.push(`type "${c.type.slice(0, 60)}" is not one of this helpdesk's types (${choices.types.slice(0, 12).join(', ')})`);
  }
  if (c.status !== undefined && choices.statuses.length > 0 && !choices.statuses.some((s) => s.id === c.status)) {
    problems.push(`status ${c.status} is not a status of this helpdesk`);
  }
  // The update tool's own rules, on exactly what would be sent.
  if (problems.length === 0 && Object.keys(c).length > 0) {
    const v = validateToolInput('freshdesk_ticket_update', { ticket_id: ticketId, ...c });
    for (const f of v.fields.slice(0, 6)) problems.push(`${f.field ? `${f.field}: ` : ''}${f.message}`);
  }
  if (problems.length > 0) return { changes: {}, problems };
  const changes: TriageChanges = {};
  if (c.priority !== undefined && c.priority !== current.priority) changes.priority = c.priority;
  if (c.status !== undefined && c.status !== current.status) changes.status = c.status;
  if (c.type !== undefined && c.type !== current.type) changes.type = c.type;
  if (c.group_id !== undefined && c.group_id !== current.group_id) changes.group_id = c.group_id;
  if (c.responder_id !== undefined && c.responder_id !== current.responder_id) changes.responder_id = c.responder_id;
  if (c.tags !== undefined && !sameTags(c.tags, current.tags)) changes.tags = [...new Set(c.tags)];
  return { changes, problems };
}

/** One row of a propose_triage call, checked against the run. */
export function checkProposalRow(raw: unknown, tickets: Map<number, ReadTicket>, choices: Choices): RowCheck {
  const parsed = ProposalRow.safeParse(raw);
  if (!parsed.success) {
    const id = raw && typeof raw === 'object' ? (raw as { ticket_id?: unknown }).ticket_id : undefined;
    const problems = parsed.error.issues.slice(0, 6).map((i) => `${i.path.join('.') || 'row'}: ${i.message}`);
    return { ok: false, ticketId: typeof id === 'number' ? id : undefined, problems };
  }
  const p = parsed.data;
  const ticket = tickets.get(p.ticket_id);
  if (!ticket) return { ok: false, ticketId: p.ticket_id, problems: [`ticket ${p.ticket_id} is not in this run`] };

  const { changes, problems } = checkChanges(p.changes, ticket.current, choices, ticket.id);
  const summary = p.summary.replace(/\s+/g, ' ').trim();
  if (summary === '') problems.push('summary is empty');
  if (summary.length > TRIAGE_SUMMARY_MAX) problems.push(`summary is longer than ${TRIAGE_SUMMARY_MAX} characters`);
  if (p.evidence.length < 1 || p.evidence.length > TRIAGE_EVIDENCE_MAX) problems.push(`give 1 to ${TRIAGE_EVIDENCE_MAX} evidence quotes`);
  const haystack = normalizeTriageText(ticket.text.replace(/…$/, ''));
  // Each quote is stored in the form that was checked (so what passes here also fits the row's schema).
  const evidence = p.evidence.slice(0, TRIAGE_EVIDENCE_MAX).map(triageQuoteForm);
  evidence.forEach((form, i) => {
    const q = normalizeTriageText(form);
    if (form.length > TRIAGE_QUOTE_MAX || q.length > TRIAGE_QUOTE_MAX) {
      problems.push(`evidence quote is longer than ${TRIAGE_QUOTE_MAX} characters`);
    } else if (q === '' || !haystack.includes(q)) {
      problems.push(`evidence "${p.evidence[i].slice(0, 80)}" is not in the text of ticket ${ticket.id}`);
    }
  });
  if (p.draft_reply !== undefined && p.draft_reply.length > TRIAGE_DRAFT_MAX) {
    problems.push(`draft_reply is longer than ${TRIAGE_DRAFT_MAX} characters`);
  }
  if (problems.length > 0) return { ok: false, ticketId: ticket.id, problems };
  return {
    ok: true,
    row: {
      ticketId: ticket.id,
      changes,
      summary,
      evidence,
      confidence: p.confidence,
      draftReply: p.draft_reply?.trim() ? p.draft_reply : undefined,
    },
  };
}
