// GET /api/v2/agents: a page of the helpdesk's agents (admin only).
import { z } from 'zod';
import { asQuery, defineTool, withoutKeys } from './define';
import { email, page, perPage, text } from './fields';

export const schema = z
  .object({
    email: email().optional().describe('Only the agent with this email.'),
    mobile: text('mobile', 255).min(1).optional(),
    phone: text('phone', 255).min(1).optional(),
    state: z.enum(['fulltime', 'occasional'], { error: 'state must be fulltime or occasional.' }).optional(),
    page: page().optional(),
    per_page: perPage.optional(),
  })
  .strict();

export const freshdesk_agents_list = defineTool({
  name: 'freshdesk_agents_list',
  description: [
    "List the helpdesk's agents alphabetically, one page at a time (per_page up to 100, default 30; the result says if there is a next page).",
    "Use to find an agent's id (e.g. to assign a ticket or before deleting an agent); filter by email, mobile, phone or state (fulltime, occasional).",
    'Cost: 1 API credit. Administrators only.',
  ].join(' '),
  schema,
  effect: 'read',
  customerVisible: false,
  adminOnly: true,
  action: 'list agents',
  paginated: true,
  request: (input) => ({ method: 'GET', path: '/api/v2/agents', query: asQuery(withoutKeys(input)) }),
});
