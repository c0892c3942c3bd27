// Reading a triage run's tickets cheaply: one tickets list with include=description (100 a page)
// and the helpdesk's field choices, then one compact, capped row per ticket for the model.
// See docs/triage.md ("Read").
import type { ExecuteOptions, ToolResult } from '../types';
import { CoreError } from '../types';
import { htmlToText, excerpt, tidy } from '../tools/html';
import type { TicketFieldChoices } from '../field-choices';
import { priorityName, statusName } from '../tools/projection';
import { TRIAGE_MAX_TICKETS, type TriageCurrent } from '../../../src-shared/contract/triage';

/** Description text Claude sees per ticket; the rest of the row stays well under 1,500 bytes. */
export const TRIAGE_TEXT_CHARS = 600;
/** Longest description looked at at all: every later pass over customer text is linear in this. */
const RAW_TEXT_MAX = 20_000;
/** Pages of the list read to find a view's tickets before falling back to one read each. */
const MAX_LIST_PAGES = 3;

export interface ReadTools {
  execute(identifier: string, name: string, input: unknown, opts?: ExecuteOptions): Promise<ToolResult>;
  fieldChoices(identifier: string, opts?: ExecuteOptions): Promise<ToolResult>;
}

/** One ticket as read: what the plan stores and what the model is given. */
export interface ReadTicket {
  id: number;
  subject: string;
  requester?: string;
  company?: string;
  updatedAt?: string;
  createdAt?: string;
  current: TriageCurrent;
  /** subject + cut description: what Claude saw, and where evidence must be found */
  text: string;
  description: string;
}

export interface TriageRead {
  tickets: ReadTicket[];
  choices: Required<TicketFieldChoices>;
  /** Freshdesk requests made to read (list pages, single reads, field choices) */
  requests: number;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

function failure(r: ToolResult, what: string): CoreError {
  const e = r.ok ? undefined : r.error;
  return new CoreError(e?.kind ?? 'server', `${what}: ${e?.message ?? 'Freshdesk gave no usable answer.'}`);
}

/** Plain, capped description text: the text copy when Freshdesk sends one, else the HTML's text. */
function descriptionOf(t: Rec): string {
  const plain = str(t.description_text);
  const raw = plain !== undefined ? plain : htmlToText((str(t.description) ?? '').slice(0, RAW_TEXT_MAX));
  return excerpt(tidy(raw.slice(0, RAW_TEXT_MAX)), TRIAGE_TEXT_CHARS);
}

export function readTicket(t: Rec): ReadTicket | undefined {
  const id = int(t.id);
  if (id === null || id <= 0) return undefined;
  const subject = (str(t.subject) ?? '').slice(0, 300);
  const requester = isRec(t.requester) ? (str(t.requester.name) ?? str(t.requester.email)) : undefined;
  const company = isRec(t.company) ? str(t.company.name) : undefined;
  const description = descriptionOf(t);
  return {
    id,
    subject,
    requester: requester?.slice(0, 200),
    company: company?.slice(0, 200),
    updatedAt: str(t.updated_at)?.slice(0, 40),
    createdAt: str(t.created_at)?.slice(0, 40),
    current: {
      priority: int(t.priority),
      status: int(t.status),
      type: str(t.type) ?? null,
      group_id: int(t.group_id),
      responder_id: int(t.responder_id),
      tags: Array.isArray(t.tags) ? t.tags.filter((x): x is string => typeof x === 'string').slice(0, 100) : [],
    },
    text: `${subject}\n${description}`.slice(0, 4000),
    description,
  };
}

const LIST_INCLUDE = 'description,requester';

/**
 * The run's tickets. With ids (a queue view): the view's filter (or else the most recently updated
 * tickets), a page of 100 at a time, until all are found (one page usually does); any still
 * missing are read one by one. With only a filter: its first page, at most 50 tickets.
 */
export async function readTickets(
  tools: ReadTools,
  identifier: string,
  scope: { ticketIds?: number[]; filter?: string },
  opts: ExecuteOptions,
): Promise<TriageRead> {
  let requests = 0;
  const found = new Map<number, ReadTicket>();
  const list = async (input: Rec): Promise<{ items: Rec[]; nextPage?: number }> => {
    requests++;
    const r = await tools.execute(identifier, 'freshdesk_tickets_list', { ...input, include: LIST_INCLUDE, per_page: 100 }, opts);
    if (!r.ok) throw failure(r, 'The tickets could not be read');
    return { items: Array.isArray(r.data) ? r.data.filter(isRec) : [], nextPage: r.meta.nextPage };
  };

  const choicesP = tools.fieldChoices(identifier, opts).then((r) => {
    requests++;
    if (!r.ok) throw failure(r, "The helpdesk's groups, types and agents could not be read");
    const c = r.data as TicketFieldChoices;
    return { groups: c.groups, types: c.types, agents: c.agents ?? [], statuses: c.statuses ?? [] };
  });
  // An early failure of the list must not leave the choices' rejection unhandled.
  choicesP.catch(() => undefined);

  let order: number[];
  if (scope.ticketIds && scope.ticketIds.length > 0) {
    order = [...new Set(scope.ticketIds)].slice(0, TRIAGE_MAX_TICKETS);
    const wanted = new Set(order);
    // The view's own filter when it has one; else newest updates first (updated_since lifts the
    // list's 30-day window).
    const base: Rec = scope.filter
      ? { filter: scope.filter }
      : { updated_since: '2000-01-01T00:00:00Z', order_by: 'updated_at', order_type: 'desc' };
    let page = 1;
    for (;;) {
      const { items, nextPage } = await list({ ...base, page });
      for (const item of items) {
        const t = readTicket(item);
        if (t && wanted.has(t.id)) found.set(t.id, t);
      }
      if (found.size === wanted.size || !nextPage || page >= MAX_LIST_PAGES) break;
      page = nextPage;
    }
    for (const id of order) {
      if (found.has(id)) continue;
      requests++;
      const r = await tools.execute(identifier, 'freshdesk_ticket_get', { ticket_id: id, include: 'requester' }, opts);
      if (r.ok && isRec(r.data)) {
        const t = readTicket(r.data);
        if (t) found.set(id, t);
      } else if (!r.ok && (r.error.kind === 'revoked' || r.error.kind === 'not_connected')) {
        throw failure(r, 'The tickets could not be read');
      }
    }
  } else {
    const filter = scope.filter ?? 'new_and_my_open';
    const { items } = await list({ filter });
    order = [];
    for (const item of items.slice(0, TRIAGE_MAX_TICKETS)) {
      const t = readTicket(item);
      if (t) {
        found.set(t.id, t);
        order.push(t.id);
      }
    }
  }
  const choices = await choicesP;
  return { tickets: order.flatMap((id) => (found.has(id) ? [found.get(id)!] : [])), choices, requests };
}

/** "3h", "2d": the ticket's age, short. */
function age(createdAt: string | undefined, now: number): string | undefined {
  const t = createdAt ? Date.parse(createdAt) : Number.NaN;
  if (!Number.isFinite(t)) return undefined;
  const minutes = Math.max(0, Math.round((now - t) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)}h`;
  return `${Math.round(minutes / 1440)}d`;
}

/** One ticket for the model: short keys, names instead of codes, nothing empty. */
export function compactForModel(t: ReadTicket, now: number): Rec {
  const c = t.current;
  const out: Rec = {
    id: t.id,
    subject: t.subject,
    requester: t.requester,
    company: t.company,
    status: c.status === null || c.status === undefined ? undefined : `${c.status} ${statusName(c.status)}`,
    priority: c.priority === null || c.priority === undefined ? undefined : `${c.priority} ${priorityName(c.priority)}`,
    type: c.type ?? undefined,
    group_id: c.group_id ?? undefined,
    responder_id: c.responder_id ?? undefined,
    tags: c.tags && c.tags.length > 0 ? c.tags : undefined,
    age: age(t.createdAt, now),
    text: t.description || undefined,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
