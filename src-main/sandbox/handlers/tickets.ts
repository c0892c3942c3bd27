import type { HelpdeskAccount } from '../account.js';
import { canSeeTicket, location, paginate, parseInclude, type ApiContext } from '../context.js';
import { emptyTicketStats, type TicketRecord, type UserRecord } from '../model.js';
import { accessDenied, methodNotAllowed, missingParams, notFound, validationFailed, type FieldError, type Reply } from '../replies.js';
import { baseUser } from '../seed.js';
import { companyEmbedJson, conversationJson, requesterJson, statsJson, ticketJson } from '../serialize.js';
import { htmlToText } from '../text.js';
import { HOUR_MS, startOfTodayMinusOneMonth } from '../time.js';
import { emailQuery, enumMessage, parsePaging, parseQueryInt, unknownQueryKeys, updatedSinceQuery } from '../validation.js';
import { CREATE_FIELDS, UPDATE_FIELDS, unknownTicketKeys, validateTicketInput, type TicketInput } from './ticket-input.js';

export const VIEW_INCLUDES = ['conversations', 'requester', 'company', 'stats'] as const;
/** `company` on the list is accepted by the server though absent from the Docs (§7.6). */
export const LIST_INCLUDES = ['requester', 'stats', 'description', 'company'] as const;
const LIST_FILTERS = ['new_and_my_open', 'watching', 'spam', 'deleted'] as const;
const ORDER_BY = ['created_at', 'due_by', 'updated_at', 'status'] as const;
const ORDER_TYPE = ['asc', 'desc'] as const;
const LIST_QUERY = new Set([
  'filter',
  'requester_id',
  'email',
  'company_id',
  'updated_since',
  'order_by',
  'order_type',
  'include',
  'page',
  'per_page',
]);
const VIEW_QUERY = new Set(['include']);
const CONVERSATIONS_QUERY = new Set(['page', 'per_page']);
const MAX_INCLUDED_CONVERSATIONS = 10;

/** Looks the ticket up and applies the caller's scope (404, then 403). */
function visibleTicket(ctx: ApiContext): TicketRecord | Reply {
  const t = ctx.account.tickets.get(ctx.id);
  if (!t) return notFound();
  if (!canSeeTicket(ctx.caller, t)) return accessDenied();
  return t;
}

function isReply(x: TicketRecord | Reply): x is Reply {
  return !('subject' in x);
}

export function viewTicket(ctx: ApiContext): Reply {
  const t = visibleTicket(ctx);
  if (isReply(t)) return t;
  const unknown = unknownQueryKeys(ctx.query, VIEW_QUERY);
  if (unknown.length > 0) return validationFailed(unknown);
  const include = parseInclude(ctx.query.get('include'), VIEW_INCLUDES);
  if (!(include instanceof Set)) return validationFailed([include]);
  const out = ticketJson(ctx.account, t, 'full');
  if (include.has('conversations')) {
    out.conversations = t.conversations.slice(0, MAX_INCLUDED_CONVERSATIONS).map((c) => conversationJson(ctx.account, c));
  }
  if (include.has('requester')) out.requester = requesterJson(ctx.account.users.get(t.requesterId));
  if (include.has('company')) out.company = companyEmbedJson(t.companyId === null ? undefined : ctx.account.companies.get(t.companyId));
  if (include.has('stats')) out.stats = statsJson(t);
  return { status: 200, body: out };
}

export function listTickets(ctx: ApiContext): Reply {
  const { account, query } = ctx;
  const unknown = unknownQueryKeys(query, LIST_QUERY);
  if (unknown.length > 0) return validationFailed(unknown);
  const errors: FieldError[] = [];
  const filter = query.get('filter');
  if (filter !== null && !(LIST_FILTERS as readonly string[]).includes(filter)) {
    errors.push({ field: 'filter', message: enumMessage(LIST_FILTERS), code: 'invalid_value' });
  }
  const intParam = (name: string): number | undefined => {
    const raw = query.get(name);
    if (raw === null) return undefined;
    const v = parseQueryInt(name, raw);
    if (typeof v === 'number') return v;
    errors.push(v);
    return undefined;
  };
  const requesterId = intParam('requester_id');
  const companyId = intParam('company_id');
  const email = emailQuery(query, errors);
  const updatedSince = updatedSinceQuery(query, errors);
  const orderBy = query.get('order_by') ?? 'created_at';
  if (!(ORDER_BY as readonly string[]).includes(orderBy))
    errors.push({ field: 'order_by', message: enumMessage(ORDER_BY), code: 'invalid_value' });
  const orderType = query.get('order_type') ?? 'desc';
  if (!(ORDER_TYPE as readonly string[]).includes(orderType))
    errors.push({ field: 'order_type', message: enumMessage(ORDER_TYPE), code: 'invalid_value' });
  const include = parseInclude(query.get('include'), LIST_INCLUDES);
  if (!(include instanceof Set)) errors.push(include);
  const { page, perPage } = parsePaging(query, errors, 300);
  if (errors.length > 0 || !(include instanceof Set)) return validationFailed(errors);

  // Narrowing values must name existing records.
  let emailUser: UserRecord | undefined;
  if (email !== null) {
    emailUser = account.userByEmail(email);
    if (!emailUser) errors.push({ field: 'email', message: "can't be blank", code: 'invalid_value' });
  }
  if (requesterId !== undefined && !account.users.has(requesterId))
    errors.push({ field: 'requester_id', message: "can't be blank", code: 'invalid_value' });
  if (companyId !== undefined && !account.companies.has(companyId))
    errors.push({ field: 'company_id', message: "can't be blank", code: 'invalid_value' });
  if (errors.length > 0) return validationFailed(errors);

  const windowApplies =
    filter === null && companyId === undefined && requesterId === undefined && email === null && updatedSince === undefined;
  const cutoff = windowApplies ? startOfTodayMinusOneMonth(ctx.now(), ctx.callerUser.timeZone) : Number.NEGATIVE_INFINITY;
  const caller = ctx.caller;
  const matches = (t: TicketRecord): boolean => {
    if (filter === 'spam') {
      if (!t.spam || t.deleted) return false;
    } else if (filter === 'deleted') {
      if (!t.deleted) return false;
    } else if (t.spam || t.deleted) return false;
    if (filter === 'new_and_my_open' && !(t.status === 2 && (t.responderId === null || t.responderId === caller.id))) return false;
    if (filter === 'watching' && !t.watchers.has(caller.id)) return false;
    if (t.createdAt < cutoff) return false;
    if (requesterId !== undefined && t.requesterId !== requesterId) return false;
    if (emailUser !== undefined && t.requesterId !== emailUser.id) return false;
    if (companyId !== undefined && t.companyId !== companyId) return false;
    if (updatedSince !== undefined && t.updatedAt < updatedSince) return false;
    return canSeeTicket(caller, t);
  };

  const wanted = page * perPage + 1; // one row of look-ahead
  let selected: TicketRecord[];
  if (orderBy === 'created_at') {
    // Tickets are stored in creation order: walk from the right end and stop early.
    selected = [];
    const order = account.ticketOrder;
    if (orderType === 'desc') {
      for (let i = order.length - 1; i >= 0 && selected.length < wanted; i--) {
        const t = order[i] as TicketRecord;
        if (matches(t)) selected.push(t);
      }
    } else {
      for (let i = 0; i < order.length && selected.length < wanted; i++) {
        const t = order[i] as TicketRecord;
        if (matches(t)) selected.push(t);
      }
    }
  } else {
    const key = (t: TicketRecord): number => (orderBy === 'due_by' ? (t.dueBy ?? 0) : orderBy === 'updated_at' ? t.updatedAt : t.status);
    const dir = orderType === 'asc' ? 1 : -1;
    selected = account.ticketOrder.filter(matches).sort((a, b) => dir * (key(a) - key(b) || a.id - b.id));
  }

  const { pageItems, headers } = paginate(ctx, selected, page, perPage);
  const withDescription = include.has('description');
  const body = pageItems.map((t) => {
    const out = ticketJson(account, t, 'list', withDescription);
    if (include.has('requester')) out.requester = requesterJson(account.users.get(t.requesterId));
    if (include.has('stats')) out.stats = statsJson(t);
    if (include.has('company')) out.company = companyEmbedJson(t.companyId === null ? undefined : account.companies.get(t.companyId));
    return out;
  });
  return { status: 200, body, headers };
}

function materializeRequester(account: HelpdeskAccount, input: TicketInput, now: number): UserRecord | undefined {
  const r = input.requester;
  if (!r) return undefined;
  if (r.kind === 'existing') return r.user;
  const user = baseUser(account.nextUserId, r.user.name, r.user.email ?? null, now, account.timeZone);
  user.phone = r.user.phone ?? null;
  user.twitterId = r.user.twitterId ?? null;
  user.uniqueExternalId = r.user.uniqueExternalId ?? null;
  account.addUser(user);
  return user;
}

function defaultDueDates(t: TicketRecord): void {
  const hours = [0, 24, 12, 8, 4][t.priority] ?? 24;
  t.frDueBy = t.createdAt + hours * HOUR_MS;
  t.dueBy = t.createdAt + hours * 3 * HOUR_MS;
}

function applyStatus(t: TicketRecord, status: number, now: number): void {
  if (status === t.status) return;
  const s = t.stats;
  if ((t.status === 4 || t.status === 5) && status !== 4 && status !== 5) s.reopenedAt = now;
  t.status = status;
  s.statusUpdatedAt = now;
  if (status === 4) s.resolvedAt = now;
  if (status === 5) {
    s.closedAt = now;
    s.resolvedAt ??= now;
  }
  s.pendingSince = status === 3 ? now : null;
}

export function createTicket(ctx: ApiContext): Reply {
  const { account, body } = ctx;
  const unknown = unknownTicketKeys(account, body, CREATE_FIELDS);
  if (unknown.length > 0) return validationFailed(unknown);
  const now = ctx.now();
  const input = validateTicketInput(account, body, undefined, now);
  if (Array.isArray(input)) return validationFailed(input);
  const requester = materializeRequester(account, input, now) as UserRecord;
  const description = input.description ?? '';
  const customFields: Record<string, unknown> = {};
  for (const def of account.customFields) customFields[def.name] = input.customFields?.[def.name] ?? null;
  const t: TicketRecord = {
    id: account.nextTicketId,
    subject: input.subject ?? '',
    description,
    descriptionText: htmlToText(description),
    requesterId: requester.id,
    responderId: input.responderId ?? null,
    groupId: input.groupId ?? null,
    companyId: input.companyId ?? requester.companyId,
    status: 2,
    priority: input.priority ?? 1,
    source: input.source ?? 2,
    type: input.type ?? null,
    tags: input.tags ?? [],
    ccEmails: input.ccEmails ?? [],
    fwdEmails: [],
    replyCcEmails: input.ccEmails?.slice() ?? [],
    ticketCcEmails: input.ccEmails?.slice() ?? [],
    toEmails: null,
    emailConfigId: null,
    productId: null,
    parentId: input.parentId ?? null,
    frEscalated: false,
    isEscalated: false,
    spam: false,
    deleted: false,
    urgent: false,
    dueBy: input.dueBy ?? null,
    frDueBy: input.frDueBy ?? null,
    customFields,
    attachments: ctx.files.slice(),
    watchers: new Set<number>(),
    conversations: [],
    stats: emptyTicketStats(),
    createdAt: now,
    updatedAt: now,
  };
  if (input.status !== undefined && input.status !== 2) applyStatus(t, input.status, now);
  account.addTicket(t);
  const out = ticketJson(account, t, 'full');
  // Freshdesk answers with null due dates and fills them in shortly after.
  if (t.dueBy === null) defaultDueDates(t);
  return { status: 201, body: out, headers: location(ctx, 'tickets', t.id) };
}

function stateGuard(t: TicketRecord, method: string): Reply | undefined {
  if (t.spam || t.deleted) return methodNotAllowed(method, ['GET']);
  return undefined;
}

export function updateTicket(ctx: ApiContext): Reply {
  const { account, body } = ctx;
  const t = visibleTicket(ctx);
  if (isReply(t)) return t;
  const blocked = stateGuard(t, 'PUT');
  if (blocked) return blocked;
  if (ctx.bodyEmpty || (Object.keys(body).length === 0 && ctx.files.length === 0)) return missingParams();
  const unknown = unknownTicketKeys(account, body, UPDATE_FIELDS);
  if (unknown.length > 0) return validationFailed(unknown);
  const now = ctx.now();
  const input = validateTicketInput(account, body, t, now);
  if (Array.isArray(input)) return validationFailed(input);
  const requester = materializeRequester(account, input, now);
  if (requester) {
    t.requesterId = requester.id;
    if (input.companyId === undefined) t.companyId = requester.companyId;
  }
  if (input.subject !== undefined) t.subject = input.subject;
  if (input.description !== undefined) {
    t.description = input.description;
    t.descriptionText = htmlToText(input.description);
  }
  if (input.type !== undefined) t.type = input.type;
  if (input.priority !== undefined) t.priority = input.priority;
  if (input.source !== undefined) t.source = input.source;
  if (input.responderId !== undefined) t.responderId = input.responderId;
  if (input.groupId !== undefined) t.groupId = input.groupId;
  if (input.companyId !== undefined) t.companyId = input.companyId;
  if (input.parentId !== undefined) t.parentId = input.parentId;
  if (input.tags !== undefined) t.tags = input.tags;
  if (input.customFields !== undefined) t.customFields = { ...t.customFields, ...input.customFields };
  if (input.dueBy !== undefined) t.dueBy = input.dueBy;
  if (input.frDueBy !== undefined) t.frDueBy = input.frDueBy;
  if (input.status !== undefined) applyStatus(t, input.status, now);
  if (ctx.files.length > 0) t.attachments.push(...ctx.files);
  t.updatedAt = now;
  return { status: 200, body: ticketJson(account, t, 'full') };
}

export function deleteTicket(ctx: ApiContext): Reply {
  const t = visibleTicket(ctx);
  if (isReply(t)) return t;
  const blocked = stateGuard(t, 'DELETE');
  if (blocked) return blocked;
  t.deleted = true;
  t.updatedAt = ctx.now();
  return { status: 204 };
}

export function listConversations(ctx: ApiContext): Reply {
  const t = visibleTicket(ctx);
  if (isReply(t)) return t;
  const unknown = unknownQueryKeys(ctx.query, CONVERSATIONS_QUERY);
  if (unknown.length > 0) return validationFailed(unknown);
  const errors: FieldError[] = [];
  const { page, perPage } = parsePaging(ctx.query, errors);
  if (errors.length > 0) return validationFailed(errors);
  const { pageItems, headers } = paginate(ctx, t.conversations, page, perPage);
  return { status: 200, body: pageItems.map((c) => conversationJson(ctx.account, c)), headers };
}

export { stateGuard, visibleTicket, isReply };
