import { includeCount, type Route, type RouteMethod } from './context.js';
import { agentsMe, createAgent, deleteAgent, listAgents, listRoles, updateAgent, viewAgent, viewRole } from './handlers/agents.js';
import { createContact, listContacts, MULTIPART_CONTACT_TYPES, viewContact } from './handlers/contacts.js';
import { MULTIPART_REPLY_TYPES, replyToTicket } from './handlers/conversations.js';
import { listCompanies, listGroups, listTicketFields, viewCompany, viewGroup } from './handlers/directory.js';
import { MULTIPART_TICKET_TYPES } from './handlers/ticket-input.js';
import {
  createTicket,
  deleteTicket,
  LIST_INCLUDES,
  listConversations,
  listTickets,
  updateTicket,
  VIEW_INCLUDES,
  viewTicket,
} from './handlers/tickets.js';

/** Every Freshdesk endpoint the sandbox serves. `:id` matches a positive integer. */
export const ROUTES: readonly Route[] = [
  { segments: ['agents', 'me'], methods: { GET: { handler: agentsMe } } },
  {
    segments: ['agents'],
    methods: { GET: { handler: listAgents, privilege: 'admin' }, POST: { handler: createAgent, privilege: 'admin' } },
  },
  {
    segments: ['agents', ':id'],
    methods: {
      GET: { handler: viewAgent, privilege: 'admin' },
      PUT: { handler: updateAgent, privilege: 'admin' },
      DELETE: { handler: deleteAgent, privilege: 'admin' },
    },
  },
  { segments: ['roles'], methods: { GET: { handler: listRoles, privilege: 'admin' } } },
  { segments: ['roles', ':id'], methods: { GET: { handler: viewRole, privilege: 'admin' } } },
  {
    segments: ['tickets'],
    methods: {
      GET: {
        handler: listTickets,
        privilege: 'view_tickets',
        subLimit: 'ticketsList',
        cost: (q) => 1 + 2 * includeCount(q.get('include'), LIST_INCLUDES),
      },
      POST: {
        handler: createTicket,
        privilege: 'create_ticket',
        subLimit: 'ticketCreate',
        multipart: true,
        multipartTypes: MULTIPART_TICKET_TYPES,
      },
    },
  },
  {
    segments: ['tickets', ':id'],
    methods: {
      GET: { handler: viewTicket, privilege: 'view_tickets', cost: (q) => 1 + includeCount(q.get('include'), VIEW_INCLUDES) },
      PUT: {
        handler: updateTicket,
        privilege: 'edit_ticket',
        subLimit: 'ticketUpdate',
        multipart: true,
        multipartTypes: MULTIPART_TICKET_TYPES,
      },
      DELETE: { handler: deleteTicket, privilege: 'delete_ticket' },
    },
  },
  {
    segments: ['tickets', ':id', 'reply'],
    methods: { POST: { handler: replyToTicket, privilege: 'reply_ticket', multipart: true, multipartTypes: MULTIPART_REPLY_TYPES } },
  },
  { segments: ['tickets', ':id', 'conversations'], methods: { GET: { handler: listConversations, privilege: 'view_tickets' } } },
  {
    segments: ['contacts'],
    methods: {
      GET: { handler: listContacts, subLimit: 'contactsList' },
      POST: { handler: createContact, privilege: 'manage_contacts', multipart: true, multipartTypes: MULTIPART_CONTACT_TYPES },
    },
  },
  { segments: ['contacts', ':id'], methods: { GET: { handler: viewContact } } },
  { segments: ['companies'], methods: { GET: { handler: listCompanies } } },
  { segments: ['companies', ':id'], methods: { GET: { handler: viewCompany } } },
  { segments: ['groups'], methods: { GET: { handler: listGroups } } },
  { segments: ['groups', ':id'], methods: { GET: { handler: viewGroup } } },
  { segments: ['ticket_fields'], methods: { GET: { handler: listTicketFields } } },
];

export interface RouteMatch {
  route: Route;
  id: number;
}

const API_PREFIX = '/api/v2/';
const ID_RE = /^[1-9]\d{0,15}$/;

/** Matches a path like /api/v2/tickets/42 (no trailing slash). */
export function matchRoute(path: string): RouteMatch | undefined {
  if (!path.startsWith(API_PREFIX)) return undefined;
  const parts = path.slice(API_PREFIX.length).split('/');
  outer: for (const route of ROUTES) {
    if (route.segments.length !== parts.length) continue;
    let id = 0;
    for (let i = 0; i < parts.length; i++) {
      const seg = route.segments[i] as string;
      const part = parts[i] as string;
      if (seg === ':id') {
        if (!ID_RE.test(part) || !Number.isSafeInteger(Number(part))) continue outer;
        id = Number(part);
      } else if (seg !== part) continue outer;
    }
    return { route, id };
  }
  return undefined;
}

export function allowedMethods(route: Route): string[] {
  return Object.keys(route.methods);
}

export function methodOf(route: Route, method: string): RouteMethod | undefined {
  return Object.prototype.hasOwnProperty.call(route.methods, method) ? route.methods[method] : undefined;
}
