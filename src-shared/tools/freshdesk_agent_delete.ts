// DELETE /api/v2/agents/:id: remove an agent (admin only). Freshdesk keeps the person as a contact.
import { z } from 'zod';
import { defineTool } from './define';
import { recordId } from './fields';

export const schema = z.object({ agent_id: recordId('agent id') }).strict();

export const freshdesk_agent_delete = defineTool({
  name: 'freshdesk_agent_delete',
  description: [
    'Remove an agent from the helpdesk. Freshdesk downgrades them to a contact: their tickets and history stay, but they can no longer sign in as an agent and their API key stops working.',
    'Use only when the agent explicitly asks to remove a named agent; look the id up with freshdesk_agents_list first. You cannot delete yourself.',
    'Cost: 1 API credit. Administrators only. Destructive: needs a typed confirmation from the agent.',
  ].join(' '),
  schema,
  effect: 'destructive',
  customerVisible: false,
  adminOnly: true,
  action: 'delete agents',
  target: (input) => `Agent ${input.agent_id}`,
  request: (input) => ({ method: 'DELETE', path: `/api/v2/agents/${input.agent_id}` }),
});
