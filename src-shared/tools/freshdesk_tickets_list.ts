// GET /api/v2/tickets: a page of tickets, filtered and ordered.
import { z } from 'zod';
import { asQuery, defineTool, withoutKeys } from './define';
import { dateTime, email, includeList, page, perPage, recordId } from './fields';

export const TICKETS_LIST_INCLUDES = ['description', 'requester', 'stats'] as const;

export const schema = z
  .object({
    filter: z
      .enum(['new_and_my_open', 'watching', 'spam', 'deleted'], {
        error: 'filter must be one of new_and_my_open, watching, spam, deleted.',
      })
      .optional()
      .describe('Predefined view: new_and_my_open, watching, spam, deleted.'),
    requester_id: recordId('requester id').optional(),
    email: email("requester's email address").optional().describe('Tickets of the requester with this email.'),
    company_id: recordId('company id').optional(),
    updated_since: dateTime('updated_since')
      .optional()
      .describe('Only tickets updated at or after this date-time; also reaches tickets older than 30 days.'),
    order_by: z
      .enum(['created_at', 'due_by', 'updated_at', 'status'], { error: 'order_by must be one of created_at, due_by, updated_at, status.' })
      .optional(),
    order_type: z.enum(['asc', 'desc'], { error: 'order_type must be asc or desc.' }).optional(),
    include: includeList(TICKETS_LIST_INCLUDES).optional(),
    page: page(300).optional(),
    per_page: perPage.optional(),
  })
  .strict();

export const freshdesk_tickets_list = defineTool({
  name: 'freshdesk_tickets_list',
  description: [
    'List Freshdesk tickets, newest first by default, one page at a time (per_page up to 100, default 30; the result says if there is a next page).',
    'Use to find tickets of a requester (requester_id or email) or company, recently updated tickets (updated_since), or a view (filter: new_and_my_open, watching, spam, deleted).',
    'Without filter, requester_id, email, company_id or updated_since only tickets created in the last 30 days are returned. Items carry no description unless include=description.',
    'order_by: created_at, due_by, updated_at, status; order_type: asc or desc.',
    'Cost: 1 API credit plus 2 per include. Any agent; only tickets within their ticket scope are listed.',
  ].join(' '),
  schema,
  effect: 'read',
  customerVisible: false,
  adminOnly: false,
  action: 'list tickets',
  paginated: true,
  request: (input) => ({ method: 'GET', path: '/api/v2/tickets', query: asQuery(withoutKeys(input)) }),
});
