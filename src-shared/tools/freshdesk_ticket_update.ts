// PUT /api/v2/tickets/:id: change a ticket's fields (status, priority, assignment, tags…).
import { z } from 'zod';
import { defineTool, withoutKeys } from './define';
import { recordId } from './fields';
import { checkDueDates, ticketFields } from './freshdesk_ticket_create';

const updatable = {
  ...ticketFields,
  subject: ticketFields.subject.optional(),
  description: ticketFields.description.optional(),
};

export const schema = z
  .object({ ticket_id: recordId('ticket id'), ...updatable })
  .strict()
  .superRefine((v, ctx) => {
    // Freshdesk answers an update without fields with missing_params.
    if (Object.entries(v).every(([k, val]) => k === 'ticket_id' || val === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `Nothing to update: give at least one field to change (${Object.keys(updatable).join(', ')}).`,
        params: { code: 'missing_params' },
      });
    }
    checkDueDates(v, ctx, false);
  });

export const freshdesk_ticket_update = defineTool({
  name: 'freshdesk_ticket_update',
  description: [
    'Change fields of an existing Freshdesk ticket: status, priority, assignment (responder_id, group_id), type, tags (replaces the list), custom_fields, subject/description, due dates.',
    'Use to triage, assign, resolve or close a ticket. Send only the fields that change, with ticket_id; cc_emails cannot be changed here. It does not post anything to the customer (use freshdesk_tickets_reply for that).',
    'status: 2 Open, 3 Pending, 4 Resolved, 5 Closed or an account status; priority 1 Low, 2 Medium, 3 High, 4 Urgent.',
    "Cost: 1 API credit. Any agent may update tickets within their ticket scope; spam or deleted tickets cannot be updated. Writes to the helpdesk: needs the agent's approval.",
  ].join(' '),
  schema,
  effect: 'write',
  customerVisible: false,
  adminOnly: false,
  scoped: true,
  action: 'update this ticket',
  target: (input) => `Ticket ${input.ticket_id}`,
  request: (input) => ({ method: 'PUT', path: `/api/v2/tickets/${input.ticket_id}`, body: withoutKeys(input, 'ticket_id') }),
});
