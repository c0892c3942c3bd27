// The ticket forms' field choices: GET /api/v2/ticket_fields, the helpdesk's own choices for a
// ticket's group and type. Not one of the ten tools (so it lives outside tools/): it is never
// offered to the model and not in tools.list(); it runs through the same credentials, client,
// governor and error mapping.
import { z } from 'zod';
import { defineTool } from '../../src-shared/tools/define';

export const schema = z.object({}).strict();

export const helpdesk_ticket_fields = defineTool({
  name: 'helpdesk_ticket_fields',
  description: "The helpdesk's ticket fields, for the choices of group and type.",
  schema,
  effect: 'read',
  customerVisible: false,
  adminOnly: false,
  action: 'read the ticket fields',
  request: () => ({ method: 'GET', path: '/api/v2/ticket_fields' }),
});

const MAX_GROUPS = 5000;
const MAX_TYPES = 1000;

export interface TicketFieldChoices {
  /** `{ id, name }` of each group, by name (the `group` field's choices: name → id) */
  groups: { id: number; name: string }[];
  /** the helpdesk's ticket types, in its order (the `ticket_type` field's choices) */
  types: string[];
}

/** The group and type choices in a ticket_fields answer; anything malformed is left out. */
export function ticketFieldChoices(data: unknown): TicketFieldChoices {
  const fields = Array.isArray(data) ? data : [];
  const choicesOf = (name: string): unknown =>
    (fields.find((f) => f && typeof f === 'object' && (f as { name?: unknown }).name === name) as { choices?: unknown } | undefined)
      ?.choices;

  const groups: TicketFieldChoices['groups'] = [];
  const g = choicesOf('group');
  if (g && typeof g === 'object' && !Array.isArray(g)) {
    for (const [name, id] of Object.entries(g)) {
      if (typeof id === 'number' && Number.isInteger(id) && id > 0) groups.push({ id, name: name.slice(0, 200) });
    }
  }
  groups.sort((a, b) => a.name.localeCompare(b.name));

  const t = choicesOf('ticket_type');
  const types = Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string' && x !== '').map((x) => x.slice(0, 200)) : [];
  // as many as the IPC contract carries: a huge helpdesk gets its first ones, never an error
  return { groups: groups.slice(0, MAX_GROUPS), types: types.slice(0, MAX_TYPES) };
}
