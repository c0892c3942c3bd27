import { paginate, type ApiContext } from '../context.js';
import { notFound, validationFailed, type FieldError, type Reply } from '../replies.js';
import { companyJson, groupJson } from '../serialize.js';
import { isoSeconds } from '../time.js';
import { parsePaging, unknownQueryKeys } from '../validation.js';
import { TICKET_PRIORITIES, TICKET_SOURCES } from './ticket-input.js';
import { PRIORITY_NAMES, SOURCE_NAMES } from '../../../src-shared/freshdesk';

const PAGING_QUERY = new Set(['page', 'per_page']);

function pagedList<T>(ctx: ApiContext, items: readonly T[], toJson: (item: T) => unknown): Reply {
  const unknown = unknownQueryKeys(ctx.query, PAGING_QUERY);
  if (unknown.length > 0) return validationFailed(unknown);
  const errors: FieldError[] = [];
  const { page, perPage } = parsePaging(ctx.query, errors);
  if (errors.length > 0) return validationFailed(errors);
  const { pageItems, headers } = paginate(ctx, items, page, perPage);
  return { status: 200, body: pageItems.map(toJson), headers };
}

export function listGroups(ctx: ApiContext): Reply {
  return pagedList(ctx, [...ctx.account.groups.values()], (g) => groupJson(ctx.account, g));
}

export function viewGroup(ctx: ApiContext): Reply {
  const g = ctx.account.groups.get(ctx.id);
  return g ? { status: 200, body: groupJson(ctx.account, g) } : notFound();
}

export function listCompanies(ctx: ApiContext): Reply {
  return pagedList(ctx, [...ctx.account.companies.values()], companyJson);
}

export function viewCompany(ctx: ApiContext): Reply {
  const c = ctx.account.companies.get(ctx.id);
  return c ? { status: 200, body: companyJson(c) } : notFound();
}

/** GET /api/v2/ticket_fields: the default fields plus the account's custom ones. */
export function listTicketFields(ctx: ApiContext): Reply {
  const unknown = unknownQueryKeys(ctx.query, new Set(['type']));
  if (unknown.length > 0) return validationFailed(unknown);
  const { account } = ctx;
  const created = isoSeconds(Math.min(...[...account.roles.values()].map((r) => r.createdAt)));
  const base = (id: number, name: string, label: string, type: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    id: id,
    name,
    label,
    description: null,
    position: id % 1000,
    required_for_closure: false,
    required_for_agents: name === 'subject' || name === 'requester',
    type,
    default: !type.startsWith('custom_'),
    customers_can_edit: name === 'subject' || name === 'description',
    label_for_customers: label,
    required_for_customers: false,
    displayed_to_customers: true,
    created_at: created,
    updated_at: created,
    ...extra,
  });
  const idBase = Math.floor(([...account.roles.keys()][0] ?? 0) / 1000) * 1000 + 400;
  const statusChoices: Record<string, string[]> = {
    '2': ['Open', 'Being Processed'],
    '3': ['Pending', 'Awaiting your Reply'],
    '4': ['Resolved', 'This ticket has been Resolved'],
    '5': ['Closed', 'This ticket has been Closed'],
  };
  for (const s of account.customStatuses) statusChoices[String(s.id)] = [s.name, s.name];
  const fields: Record<string, unknown>[] = [
    base(idBase + 1, 'requester', 'Search a requester', 'default_requester', { portal_cc: false, portalcc_to: 'company' }),
    base(idBase + 2, 'subject', 'Subject', 'default_subject'),
    base(idBase + 3, 'ticket_type', 'Type', 'default_ticket_type', { choices: account.ticketTypes.slice() }),
    base(idBase + 4, 'source', 'Source', 'default_source', {
      choices: Object.fromEntries(TICKET_SOURCES.map((s) => [SOURCE_NAMES[s], s])),
    }),
    base(idBase + 5, 'status', 'Status', 'default_status', { choices: statusChoices }),
    base(idBase + 6, 'priority', 'Priority', 'default_priority', {
      choices: Object.fromEntries(TICKET_PRIORITIES.map((p) => [PRIORITY_NAMES[p], p])),
    }),
    base(idBase + 7, 'group', 'Group', 'default_group', {
      choices: Object.fromEntries([...account.groups.values()].map((g) => [g.name, g.id])),
    }),
    base(idBase + 8, 'agent', 'Agent', 'default_agent', {
      choices: Object.fromEntries([...account.agents.keys()].map((id) => [account.users.get(id)?.name ?? String(id), id])),
    }),
    base(idBase + 9, 'description', 'Description', 'default_description'),
  ];
  account.customFields.forEach((f, i) => {
    const type =
      f.kind === 'dropdown'
        ? 'custom_dropdown'
        : f.kind === 'text'
          ? 'custom_text'
          : f.kind === 'number'
            ? 'custom_number'
            : f.kind === 'checkbox'
              ? 'custom_checkbox'
              : 'custom_date';
    fields.push(
      base(idBase + 20 + i, f.name, f.label, type, {
        required_for_closure: f.requiredForClosure,
        ...(f.choices ? { choices: f.choices.slice() } : {}),
      }),
    );
  });
  const filterType = ctx.query.get('type');
  return { status: 200, body: filterType === null ? fields : fields.filter((f) => f.type === filterType) };
}
