import type { HelpdeskAccount } from './account.js';
import type { AgentRecord, AttachmentRecord, Privilege, SubLimitName, TicketRecord, UserRecord } from './model.js';
import type { FieldError, Reply } from './replies.js';
import type { Body } from './validation.js';

/** Everything a Freshdesk endpoint handler sees: the caller is an authenticated agent. */
export interface ApiContext {
  account: HelpdeskAccount;
  caller: AgentRecord;
  callerUser: UserRecord;
  privileges: ReadonlySet<Privilege>;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON or multipart body for POST/PUT ({} when empty). */
  body: Body;
  /** True when the request body was empty (PUT → missing_params). */
  bodyEmpty: boolean;
  /** Files from a multipart body, already turned into attachment records. */
  files: AttachmentRecord[];
  /** Numeric id from the path, when the route has one. */
  id: number;
  /** Scheme + host the client used, for Location and Link. */
  origin: string;
  now: () => number;
}

export interface RouteMethod {
  handler: (ctx: ApiContext) => Reply;
  privilege?: Privilege;
  /** Rate-limit credits (1 by default). */
  cost?: (query: URLSearchParams) => number;
  subLimit?: SubLimitName;
  multipart?: boolean;
  /**
   * Multipart values arrive as strings: these fields are converted back to JSON types
   * before validation, as Freshdesk does.
   */
  multipartTypes?: Readonly<Record<string, 'int' | 'bool'>>;
}

export interface Route {
  /** Literal segments, or ':id' for a numeric id. */
  segments: readonly string[];
  methods: Readonly<Partial<Record<string, RouteMethod>>>;
}

/** Ticket visibility by the agent's ticket_scope: 1 global, 2 group, 3 restricted. */
export function canSeeTicket(agent: AgentRecord, t: TicketRecord): boolean {
  if (agent.ticketScope === 1) return true;
  if (t.responderId === agent.id) return true;
  return agent.ticketScope === 2 && t.groupId !== null && agent.groupIds.includes(t.groupId);
}

/** Page of `items`, plus the Link header when a further row exists (one-row look-ahead). */
export function paginate<T>(
  ctx: ApiContext,
  items: readonly T[],
  page: number,
  perPage: number,
): { pageItems: T[]; headers: Record<string, string> } {
  const start = (page - 1) * perPage;
  const pageItems = items.slice(start, start + perPage);
  const headers: Record<string, string> = {};
  if (items.length > start + perPage) headers.Link = nextLink(ctx, page);
  return { pageItems, headers };
}

export function nextLink(ctx: ApiContext, page: number): string {
  const params = new URLSearchParams(ctx.query);
  params.set('page', String(page + 1));
  return `<${ctx.origin}${ctx.path}?${params.toString()}>; rel="next"`;
}

export function location(ctx: ApiContext, resource: string, id: number): Record<string, string> {
  return { Location: `${ctx.origin}/api/v2/${resource}/${id}` };
}

/**
 * Parses `include`. Returns the set, or an error naming the allowed values (joined with ', ').
 */
export function parseInclude(raw: string | null, allowed: readonly string[]): Set<string> | FieldError {
  const out = new Set<string>();
  if (raw === null) return out;
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !allowed.includes(p))) {
    return { field: 'include', message: `It should be one of these values: '${allowed.join(', ')}'`, code: 'invalid_value' };
  }
  for (const p of parts) out.add(p);
  return out;
}

/** Credits for include: valid, distinct values only. */
export function includeCount(raw: string | null, allowed: readonly string[]): number {
  if (raw === null) return 0;
  const seen = new Set<string>();
  for (const p of raw.split(',')) {
    const v = p.trim();
    if (allowed.includes(v)) seen.add(v);
  }
  return seen.size;
}
