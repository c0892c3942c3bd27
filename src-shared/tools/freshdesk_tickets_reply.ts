// POST /api/v2/tickets/:id/reply: a public reply, e-mailed to the customer.
import { z } from 'zod';
import { defineTool, withoutKeys } from './define';
import { email, emailList, html, recordId } from './fields';

export const schema = z
  .object({
    ticket_id: recordId('ticket id'),
    body: html('body').describe('The reply (HTML). The customer receives it by email.'),
    cc_emails: emailList('cc_emails').optional(),
    bcc_emails: emailList('bcc_emails').optional(),
    from_email: email('from_email address')
      .optional()
      .describe("Support address to send from; default is the helpdesk's global support address."),
    user_id: recordId('user id').optional().describe('Agent on whose behalf the reply is posted; default is the connected agent.'),
  })
  .strict();

export const freshdesk_tickets_reply = defineTool({
  name: 'freshdesk_tickets_reply',
  description: [
    'Post a public reply on a Freshdesk ticket. The customer (and any cc/bcc) receives it by email immediately; it cannot be taken back.',
    'Use only when the agent wants to answer the customer. Read the ticket first; write the reply for the customer in HTML. It does not change the ticket status (use freshdesk_ticket_update).',
    "Cost: 1 API credit. Any agent who can see the ticket. Always needs the agent's explicit approval.",
  ].join(' '),
  schema,
  effect: 'write',
  customerVisible: true,
  adminOnly: false,
  scoped: true,
  action: 'reply to this ticket',
  target: (input) => `Ticket ${input.ticket_id}`,
  request: (input) => ({ method: 'POST', path: `/api/v2/tickets/${input.ticket_id}/reply`, body: withoutKeys(input, 'ticket_id') }),
});
