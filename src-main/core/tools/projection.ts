// The compact view of each tool's answer for the model: ids, subject, status/priority names,
// requester name + email, dates and short plain-text excerpts. The UI gets Freshdesk's full JSON;
// the model gets this, so a 30-ticket page costs a fraction of the raw bytes.
import { excerpt, htmlToText } from './html';
import { AGENT_TYPE_NAMES, priorityLabel, sourceLabel, statusLabel, TICKET_SCOPE_NAMES } from '../../../src-shared/freshdesk';

/** Longest text excerpt for descriptions and conversation bodies. */
export const EXCERPT_CHARS = 300;
/** Shorter excerpts in lists: a page of 100 tickets must still be cheap to read. */
export const LIST_EXCERPT_CHARS = 120;

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Drops undefined, null, false-y flags we do not need and empty lists, so the model reads less. */
function clean<T extends Rec>(o: T): Partial<T> {
  const out: Rec = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isRec(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as Partial<T>;
}

export function statusName(n: unknown): string | undefined {
  const v = num(n);
  if (v === undefined) return undefined;
  return statusLabel(v);
}

export function priorityName(n: unknown): string | undefined {
  const v = num(n);
  return v === undefined ? undefined : priorityLabel(v);
}

/** Cuts plain-text e-mail history ("On … wrote:" and "> " lines): it repeats earlier turns. */
function dropQuotedText(text: string): string {
  const m = /\n[^\n]{0,20}On [^\n]{5,200} wrote:\s*(\n|$)/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  return head
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
}

/** Plain text of a description or body: the HTML with quoted history removed, else the text copy. */
function plainText(html: unknown, text: unknown): string | undefined {
  const h = str(html);
  const fromHtml = h !== undefined ? htmlToText(h) : undefined;
  const t = fromHtml !== undefined && fromHtml !== '' ? fromHtml : str(text) !== undefined ? dropQuotedText(str(text)!) : undefined;
  return t === undefined || t.trim() === '' ? undefined : excerpt(t, EXCERPT_CHARS);
}

function person(v: unknown): Rec | undefined {
  if (!isRec(v)) return undefined;
  return clean({ id: num(v.id), name: str(v.name), email: str(v.email) });
}

export function compactConversation(c: unknown): unknown {
  if (!isRec(c)) return c;
  return clean({
    id: num(c.id),
    kind: c.private === true ? 'private note' : c.incoming === true ? 'from customer' : 'public reply',
    user_id: num(c.user_id),
    from_email: str(c.from_email),
    created_at: str(c.created_at),
    body: plainText(c.body, c.body_text),
  });
}

export function compactTicket(t: unknown): unknown {
  if (!isRec(t)) return t;
  const stats = isRec(t.stats)
    ? clean({
        first_responded_at: str(t.stats.first_responded_at),
        resolved_at: str(t.stats.resolved_at),
        closed_at: str(t.stats.closed_at),
      })
    : undefined;
  const company = isRec(t.company) ? clean({ id: num(t.company.id), name: str(t.company.name) }) : undefined;
  return clean({
    id: num(t.id),
    subject: str(t.subject),
    status: statusName(t.status),
    priority: priorityName(t.priority),
    source: num(t.source) !== undefined ? sourceLabel(num(t.source)!) : undefined,
    type: str(t.type),
    requester: person(t.requester) ?? (num(t.requester_id) !== undefined ? { id: num(t.requester_id) } : undefined),
    responder_id: num(t.responder_id),
    group_id: num(t.group_id),
    company_id: company ? undefined : num(t.company_id),
    company,
    tags: Array.isArray(t.tags) ? t.tags.filter((x) => typeof x === 'string') : undefined,
    spam: t.spam === true ? true : undefined,
    deleted: t.deleted === true ? true : undefined,
    created_at: str(t.created_at),
    updated_at: str(t.updated_at),
    due_by: str(t.due_by),
    description: plainText(t.description, t.description_text),
    stats,
    conversations: Array.isArray(t.conversations) ? t.conversations.map(compactConversation) : undefined,
  });
}

/** "Name <email>", or whichever of the two is known. */
function requesterLabel(v: unknown): string | undefined {
  if (!isRec(v)) return undefined;
  const name = str(v.name);
  const mail = str(v.email);
  if (name && mail) return `${name} <${mail}>`;
  return name ?? mail;
}

/** "2026-11-28T13:39:05Z" → "2026-11-28T13:39Z": minutes are enough to order a queue. */
function toMinute(v: unknown): string | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}(?:\.\d+)?Z$/.exec(s);
  return m ? `${m[1]}Z` : s;
}

/** One row of a ticket list: what triage needs to pick the next ticket, nothing more. */
export function compactTicketRow(t: unknown): unknown {
  if (!isRec(t)) return t;
  const description = plainText(t.description, t.description_text);
  return clean({
    id: num(t.id),
    subject: str(t.subject),
    status: statusName(t.status),
    priority: priorityName(t.priority),
    requester: requesterLabel(t.requester),
    requester_id: requesterLabel(t.requester) ? undefined : num(t.requester_id),
    responder_id: num(t.responder_id),
    tags: Array.isArray(t.tags) ? t.tags.filter((x) => typeof x === 'string') : undefined,
    spam: t.spam === true ? true : undefined,
    // created_at is left to freshdesk_ticket_get: lists are ordered by it by default, and the
    // model reads a page of 30–100 rows.
    updated_at: toMinute(t.updated_at),
    description: description === undefined ? undefined : excerpt(description, LIST_EXCERPT_CHARS),
  });
}

export function compactContact(c: unknown): unknown {
  if (!isRec(c)) return c;
  return clean({
    id: num(c.id),
    name: str(c.name),
    email: str(c.email),
    phone: str(c.phone),
    mobile: str(c.mobile),
    company_id: num(c.company_id),
    job_title: str(c.job_title),
    created_at: str(c.created_at),
  });
}

export function compactAgent(a: unknown): unknown {
  if (!isRec(a)) return a;
  const contact = isRec(a.contact) ? a.contact : {};
  return clean({
    id: num(a.id),
    name: str(contact.name) ?? str(a.name),
    email: str(contact.email) ?? str(a.email),
    ticket_scope: num(a.ticket_scope) !== undefined ? (TICKET_SCOPE_NAMES[num(a.ticket_scope)!] ?? num(a.ticket_scope)) : undefined,
    occasional: typeof a.occasional === 'boolean' ? a.occasional : undefined,
    type: str(a.type) ?? (num(a.agent_type) !== undefined ? AGENT_TYPE_NAMES[num(a.agent_type)!] : undefined),
    role_ids: Array.isArray(a.role_ids) ? a.role_ids : undefined,
    group_ids: Array.isArray(a.group_ids) ? a.group_ids : undefined,
    available: typeof a.available === 'boolean' ? a.available : undefined,
    deactivated: a.deactivated === true ? true : undefined,
    last_active_at: str(a.last_active_at),
  });
}

export function compactRole(r: unknown): unknown {
  if (!isRec(r)) return r;
  return clean({
    id: num(r.id),
    name: str(r.name),
    description: str(r.description) ? excerpt(str(r.description)!, 120) : undefined,
    default: r.default === true ? true : undefined,
  });
}

function page(key: string, items: unknown, each: (x: unknown) => unknown, nextPage?: number): unknown {
  const list = Array.isArray(items) ? items : [];
  return clean({ count: list.length, [key]: list.map(each), next_page: nextPage });
}

export interface ProjectionContext {
  /** the validated input the call was made with */
  input?: unknown;
  /** from the result's meta, for list tools */
  nextPage?: number;
}

/**
 * The compact form of a tool's answer for the model. Unknown tools and unexpected shapes pass
 * through unchanged rather than being lost.
 */
export function projectForModel(toolName: string, data: unknown, context: ProjectionContext = {}): unknown {
  const input = isRec(context.input) ? context.input : {};
  switch (toolName) {
    case 'freshdesk_ticket_create':
    case 'freshdesk_ticket_get':
    case 'freshdesk_ticket_update':
      return compactTicket(data);
    case 'freshdesk_tickets_list':
      return page('tickets', data, compactTicketRow, context.nextPage);
    case 'freshdesk_tickets_reply':
      if (!isRec(data)) return data;
      return clean({
        id: num(data.id),
        ticket_id: num(data.ticket_id) ?? num(input.ticket_id),
        posted: 'public reply sent to the customer',
        to_emails: Array.isArray(data.to_emails) ? data.to_emails : undefined,
        cc_emails: Array.isArray(data.cc_emails) ? data.cc_emails : undefined,
        created_at: str(data.created_at),
        body: plainText(data.body, data.body_text),
      });
    case 'freshdesk_contact_create':
      return compactContact(data);
    case 'freshdesk_agent_create':
      return compactAgent(data);
    case 'freshdesk_agent_delete':
      return clean({
        deleted: true,
        agent_id: num(input.agent_id),
        note: 'The agent was downgraded to a contact; their tickets and history remain.',
      });
    case 'freshdesk_agents_list':
      return page('agents', data, compactAgent, context.nextPage);
    case 'freshdesk_roles_list':
      return page('roles', data, compactRole, context.nextPage);
    default:
      return data;
  }
}
