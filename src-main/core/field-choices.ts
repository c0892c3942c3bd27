// The ticket forms' field choices: GET /api/v2/ticket_fields, the helpdesk's own choices for a
// ticket's group and type (and agents and statuses, for checking triage plans). Not one of the
// ten tools (so it lives outside tools/): it is never offered to the model and not in
// tools.list(); it runs through the same credentials, client, governor and error mapping.
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
  /** `{ id, name }` of each agent a ticket can be assigned to (the `agent` field's choices) */
  agents?: { id: number; name: string }[];
  /** `{ id, name }` of each status, built-in and the account's own (the `status` field's choices) */
  statuses?: { id: number; name: string }[];
}

/** The group and type choices in a ticket_fields answer; anything malformed is left out. */
export function ticketFieldChoices(data: unknown): TicketFieldChoices {
  const fields = Array.isArray(data) ? data : [];
  const choicesOf = (name: string): unknown =>
    (fields.find((f) => f && typeof f === 'object' && (f as { name?: unknown }).name === name) as { choices?: unknown } | undefined)
      ?.choices;

  /** a `name → id` choices map as `{ id, name }` sorted by name */
  const byName = (choices: unknown): { id: number; name: string }[] => {
    const out: { id: number; name: string }[] = [];
    if (choices && typeof choices === 'object' && !Array.isArray(choices)) {
      for (const [name, id] of Object.entries(choices)) {
        if (typeof id === 'number' && Number.isInteger(id) && id > 0) out.push({ id, name: name.slice(0, 200) });
      }
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  };
  const groups = byName(choicesOf('group'));
  const agents = byName(choicesOf('agent'));
  // status choices are keyed by the status number: { "2": ["Open", "Being Processed"], … }
  const statuses: { id: number; name: string }[] = [];
  const s = choicesOf('status');
  if (s && typeof s === 'object' && !Array.isArray(s)) {
    for (const [key, labels] of Object.entries(s)) {
      const id = Number(key);
      const name = Array.isArray(labels) && typeof labels[0] === 'string' ? labels[0] : undefined;
      if (Number.isInteger(id) && id > 0 && name) statuses.push({ id, name: name.slice(0, 200) });
    }
  }

  const t = choicesOf('ticket_type');
  const types = Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string' && x !== '').map((x) => x.slice(0, 200)) : [];
  // as many as the IPC contract carries: a huge helpdesk gets its first ones, never an error
  return {
    groups: groups.slice(0, MAX_GROUPS),
    types: types.slice(0, MAX_TYPES),
    ...(agents.length > 0 ? { agents: agents.slice(0, MAX_GROUPS) } : {}),
    ...(statuses.length > 0 ? { statuses: statuses.slice(0, MAX_TYPES) } : {}),
  };
}
