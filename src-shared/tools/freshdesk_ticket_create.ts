// POST /api/v2/tickets: open a ticket on behalf of a requester.
import { z } from 'zod';
import { defineTool, withoutKeys } from './define';
import {
  customFields,
  dateTime,
  email,
  emailList,
  html,
  parseFreshdeskDate,
  priority,
  recordId,
  requireOneOf,
  source,
  status,
  tagList,
  text,
} from './fields';

const REQUESTER_KEYS = ['requester_id', 'email', 'phone', 'twitter_id', 'facebook_id', 'unique_external_id'] as const;

export const ticketFields = {
  requester_id: recordId('requester (contact) id').optional(),
  email: email("requester's email address").optional().describe("Requester's email; an unknown address creates a new contact."),
  phone: text('phone', 255).min(1).optional().describe("Requester's phone; without email, name is required."),
  twitter_id: text('twitter_id', 255).min(1).optional(),
  facebook_id: text('facebook_id', 255).min(1).optional(),
  unique_external_id: text('unique_external_id', 255).min(1).optional(),
  name: text("requester's name", 255).optional().describe("Requester's name (needed when only phone identifies them)."),
  subject: text('subject', 255).refine((s) => s.trim() !== '', { error: 'The subject must not be blank.' }),
  description: html('description').describe('Ticket body (HTML).'),
  type: text('type', 255).optional().describe("One of the account's ticket types, e.g. Question, Problem."),
  status: status.optional(),
  priority: priority.optional(),
  source: source.optional(),
  responder_id: recordId('responder (agent) id').optional().describe('Agent to assign.'),
  group_id: recordId('group id').optional(),
  email_config_id: recordId('email_config_id').optional(),
  product_id: recordId('product_id').optional(),
  company_id: recordId('company_id').optional(),
  tags: tagList.optional(),
  custom_fields: customFields.optional(),
  due_by: dateTime('due_by').optional().describe('Resolution due date-time; send together with fr_due_by.'),
  fr_due_by: dateTime('fr_due_by').optional().describe('First-response due date-time, not after due_by; send together with due_by.'),
};

/** Due dates: both or neither, and the first response is due no later than the resolution. */
export function checkDueDates(v: { due_by?: string; fr_due_by?: string }, ctx: z.RefinementCtx, bothRequired: boolean): void {
  if (bothRequired && v.fr_due_by !== undefined && v.due_by === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['due_by'],
      message: 'It should not be blank if fr_due_by is given.',
      params: { code: 'missing_field' },
    });
  }
  if (bothRequired && v.due_by !== undefined && v.fr_due_by === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['fr_due_by'],
      message: 'It should not be blank if due_by is given.',
      params: { code: 'missing_field' },
    });
  }
  if (v.due_by !== undefined && v.fr_due_by !== undefined && parseFreshdeskDate(v.fr_due_by) > parseFreshdeskDate(v.due_by)) {
    ctx.addIssue({ code: 'custom', path: ['fr_due_by'], message: "fr_due_by must not be later than the ticket's due_by." });
  }
}

export const schema = z
  .object({ ...ticketFields, cc_emails: emailList('cc_emails').optional() })
  .strict()
  .superRefine(requireOneOf([...REQUESTER_KEYS], 'requester_id', `Please fill at least 1 of ${REQUESTER_KEYS.join(', ')}.`))
  .superRefine((v, ctx) => {
    if (v.phone !== undefined && v.email === undefined && v.requester_id === undefined && v.name === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'It should not be blank if phone is only given.',
        params: { code: 'missing_field' },
      });
    }
    checkDueDates(v, ctx, true);
  });

export const freshdesk_ticket_create = defineTool({
  name: 'freshdesk_ticket_create',
  description: [
    'Create a new Freshdesk ticket for a requester.',
    'Use when the agent asks to open a ticket (e.g. logging a phone call or splitting off an issue); do not use it to answer an existing ticket (use freshdesk_tickets_reply).',
    'Needs subject, description (HTML) and at least one requester identifier: requester_id, email, phone (with name), twitter_id, facebook_id or unique_external_id. An unknown email or phone creates a new contact.',
    'status defaults to 2 (Open), priority to 1 (Low), source to 2 (Portal). due_by and fr_due_by go together.',
    "Cost: 1 API credit. Any agent role may create tickets. Writes to the helpdesk: needs the agent's approval.",
  ].join(' '),
  schema,
  effect: 'write',
  customerVisible: false,
  adminOnly: false,
  action: 'create tickets',
  request: (input) => ({ method: 'POST', path: '/api/v2/tickets', body: withoutKeys(input) }),
});
