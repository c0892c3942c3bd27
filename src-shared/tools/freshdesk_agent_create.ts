// POST /api/v2/agents: invite a new agent (admin only).
import { z } from 'zod';
import { defineTool, withoutKeys } from './define';
import { agentType, email, idList, text, ticketScope } from './fields';

export const schema = z
  .object({
    email: email("the agent's email address"),
    name: text("the agent's name", 255).refine((s) => s.trim() !== '', { error: "The agent's name must not be blank." }),
    ticket_scope: ticketScope,
    role_ids: idList('role id')
      .min(1, { error: 'Give at least one role id (see freshdesk_roles_list).' })
      .optional()
      .describe('Role ids from freshdesk_roles_list; default is the Agent role.'),
    group_ids: idList('group id').optional(),
    skill_ids: idList('skill id').optional(),
    occasional: z
      .boolean({ error: 'occasional must be true or false.' })
      .optional()
      .describe('Freshdesk defaults to true (an occasional agent, no seat used); send false for a full-time agent.'),
    agent_type: agentType.optional(),
    signature: text('signature').optional().describe('Signature (HTML).'),
    language: text('language', 10).optional(),
    time_zone: text('time_zone', 255).optional(),
    focus_mode: z.boolean({ error: 'focus_mode must be true or false.' }).optional(),
    phone: text('phone', 255).optional(),
    mobile: text('mobile', 255).optional(),
    job_title: text('job_title', 255).optional(),
  })
  .strict();

export const freshdesk_agent_create = defineTool({
  name: 'freshdesk_agent_create',
  description: [
    'Add a new agent to the helpdesk; Freshdesk emails them an invitation.',
    "Needs email, name and ticket_scope (1 Global: all tickets, 2 Group: their groups' tickets, 3 Restricted: only tickets assigned to them). role_ids come from freshdesk_roles_list (default: Agent).",
    'Send occasional:false for a full-time agent (uses a paid seat; Freshdesk refuses when seats are full); Freshdesk otherwise creates an occasional agent.',
    "If the email already belongs to an agent, the error gives that agent's id.",
    "Cost: 1 API credit. Administrators only. Needs the agent's approval.",
  ].join(' '),
  schema,
  effect: 'write',
  customerVisible: false,
  adminOnly: true,
  action: 'create agents',
  request: (input) => ({ method: 'POST', path: '/api/v2/agents', body: withoutKeys(input) }),
});
