// GET /api/v2/roles: the helpdesk's roles (admin only).
import { z } from 'zod';
import { defineTool } from './define';

export const schema = z.object({}).strict();

export const freshdesk_roles_list = defineTool({
  name: 'freshdesk_roles_list',
  description: [
    "List the helpdesk's agent roles (id, name, description), e.g. Account Administrator, Administrator, Supervisor, Agent.",
    'Use to find role ids before creating an agent. Takes no input.',
    'Cost: 1 API credit. Administrators only.',
  ].join(' '),
  schema,
  effect: 'read',
  customerVisible: false,
  adminOnly: true,
  action: 'list roles',
  paginated: true,
  request: () => ({ method: 'GET', path: '/api/v2/roles' }),
});
