// POST /api/v2/contacts: add a customer (contact) to the helpdesk.
import { z } from 'zod';
import { defineTool, withoutKeys } from './define';
import { customFields, email, recordId, requireOneOf, tagList, text } from './fields';

const IDENTIFIERS = ['email', 'phone', 'mobile', 'twitter_id', 'unique_external_id'] as const;

export const schema = z
  .object({
    name: text("the contact's name", 255)
      .refine((s) => s.trim() !== '', { error: 'The name must not be blank.' })
      .refine((s) => !s.includes('"'), { error: 'The name must not contain double quotes (").' })
      .refine((s) => !/(https?:\/\/|www\.)/i.test(s), { error: 'The name must not contain a web address.' }),
    email: email().optional().describe('Primary email; must not belong to another contact.'),
    phone: text('phone', 255).min(1).optional(),
    mobile: text('mobile', 255).min(1).optional(),
    twitter_id: text('twitter_id', 255).min(1).optional(),
    unique_external_id: text('unique_external_id', 255).min(1).optional(),
    other_emails: z
      .array(email(), { error: 'other_emails must be a list of email addresses.' })
      .optional()
      .describe('Additional emails; needs email.'),
    company_id: recordId('company id').optional(),
    view_all_tickets: z
      .boolean({ error: 'view_all_tickets must be true or false.' })
      .optional()
      .describe("Lets the contact see all of their company's tickets; needs company_id."),
    address: text('address', 255).optional(),
    job_title: text('job_title', 255).optional(),
    description: text('description').optional(),
    language: text('language', 10).optional().describe('Language code, e.g. en, de.'),
    time_zone: text('time_zone', 255).optional(),
    tags: tagList.optional(),
    custom_fields: customFields.optional(),
  })
  .strict()
  .superRefine(
    requireOneOf([...IDENTIFIERS], 'email', 'Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields.'),
  )
  .superRefine((v, ctx) => {
    if (v.other_emails !== undefined && v.email === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: "It should not be blank if 'other_emails' is set.",
        params: { code: 'missing_field' },
      });
    }
    if (v.view_all_tickets === true && v.company_id === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['company_id'],
        message: 'Company ID is required for a contact to view all tickets.',
        params: { code: 'missing_field' },
      });
    }
  });

export const freshdesk_contact_create = defineTool({
  name: 'freshdesk_contact_create',
  description: [
    'Create a Freshdesk contact (a customer who can raise tickets).',
    "Needs name and at least one of email, phone, mobile, twitter_id, unique_external_id. If the email is already used, Freshdesk refuses and the error gives the existing contact's id; use that contact instead.",
    "Cost: 1 API credit. Agents with the contact-management privilege (all built-in roles). Writes to the helpdesk: needs the agent's approval.",
  ].join(' '),
  schema,
  effect: 'write',
  customerVisible: false,
  adminOnly: false,
  action: 'create contacts',
  request: (input) => ({ method: 'POST', path: '/api/v2/contacts', body: withoutKeys(input) }),
});
