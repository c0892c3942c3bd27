// GET /api/v2/tickets/:id: one ticket, optionally with its conversations, requester, company, stats.
import { z } from 'zod';
import { defineTool, withoutKeys } from './define';
import { includeList, recordId } from './fields';

export const TICKET_GET_INCLUDES = ['conversations', 'requester', 'company', 'stats'] as const;

export const schema = z
  .object({
    ticket_id: recordId('ticket id'),
    include: includeList(TICKET_GET_INCLUDES).optional(),
  })
  .strict();

export const freshdesk_ticket_get = defineTool({
  name: 'freshdesk_ticket_get',
  description: [
    'Read one Freshdesk ticket by its id: subject, status, priority, requester, assignment, dates and description.',
    'Use before replying to or updating a ticket, or when the agent asks about a specific ticket.',
    'include (comma-separated, no spaces) adds: conversations (up to the 10 oldest replies and notes), requester (name, email, phone), company, stats (responded/resolved/closed times).',
    'Cost: 1 API credit plus 1 per include (include=conversations,requester costs 3). Any agent may read tickets they can see (their ticket scope).',
  ].join(' '),
  schema,
  effect: 'read',
  customerVisible: false,
  adminOnly: false,
  scoped: true,
  action: 'view this ticket',
  target: (input) => `Ticket ${input.ticket_id}`,
  request: (input) => ({ method: 'GET', path: `/api/v2/tickets/${input.ticket_id}`, query: withoutKeys(input, 'ticket_id') }),
});
