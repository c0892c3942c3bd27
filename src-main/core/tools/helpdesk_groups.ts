// GET /api/v2/groups: the helpdesk's agent groups, for the ticket panel's group picker.
// Not one of the ten tools: it is never offered to the model and not in tools.list(); it runs
// through the same credentials, client, governor and error mapping as they do.
import { z } from 'zod';
import { defineTool } from './define';

export const schema = z.object({ page: z.number().int().min(1).max(50).optional() }).strict();

export const helpdesk_groups = defineTool({
  name: 'helpdesk_groups',
  description: "The helpdesk's agent groups (id, name) for picking a ticket's group by name.",
  schema,
  effect: 'read',
  customerVisible: false,
  adminOnly: false,
  action: 'list groups',
  paginated: true,
  request: (input) => ({ method: 'GET', path: '/api/v2/groups', query: { per_page: 100, ...(input.page ? { page: input.page } : {}) } }),
});

/** `{ id, name }` of each well-formed group in a groups answer, by name. */
export function groupChoices(data: unknown): { id: number; name: string }[] {
  if (!Array.isArray(data)) return [];
  const out: { id: number; name: string }[] = [];
  for (const g of data) {
    if (g && typeof g === 'object') {
      const { id, name } = g as { id?: unknown; name?: unknown };
      if (typeof id === 'number' && Number.isInteger(id) && id > 0 && typeof name === 'string') out.push({ id, name: name.slice(0, 200) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
