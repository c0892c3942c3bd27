// The ten tools by name, and their JSON Schemas for the model (Anthropic input_schema).
import { z } from 'zod';
import { TOOL_NAMES, type ToolName } from '../contract/tools';
import { validateInput, type FieldError, type ToolDefinition, type ToolDescriptor } from './define';
import { freshdesk_ticket_create } from './freshdesk_ticket_create';
import { freshdesk_ticket_get } from './freshdesk_ticket_get';
import { freshdesk_ticket_update } from './freshdesk_ticket_update';
import { freshdesk_tickets_list } from './freshdesk_tickets_list';
import { freshdesk_tickets_reply } from './freshdesk_tickets_reply';
import { freshdesk_contact_create } from './freshdesk_contact_create';
import { freshdesk_agent_create } from './freshdesk_agent_create';
import { freshdesk_agent_delete } from './freshdesk_agent_delete';
import { freshdesk_agents_list } from './freshdesk_agents_list';
import { freshdesk_roles_list } from './freshdesk_roles_list';

export const toolRegistry = {
  freshdesk_ticket_create,
  freshdesk_ticket_get,
  freshdesk_ticket_update,
  freshdesk_tickets_list,
  freshdesk_tickets_reply,
  freshdesk_contact_create,
  freshdesk_agent_create,
  freshdesk_agent_delete,
  freshdesk_agents_list,
  freshdesk_roles_list,
} as const satisfies Record<ToolName, ToolDefinition>;

export { TOOL_NAMES, type ToolName };

export function isToolName(name: string): name is ToolName {
  return Object.prototype.hasOwnProperty.call(toolRegistry, name);
}

export function getTool(name: string): ToolDefinition | undefined {
  return isToolName(name) ? (toolRegistry[name] as unknown as ToolDefinition) : undefined;
}

/** What toolInputSchema gives for a name that is no tool: refuses every input, saying why. */
const noSuchTool = z.custom<never>(() => false, { error: 'There is no tool with this name.' });

/**
 * The zod schema of a tool's input (the UI and chat re-validate edited input with it). For an
 * unknown name, a schema that refuses everything, so callers need no undefined check.
 */
export function toolInputSchema(name: string): z.ZodType {
  return getTool(name)?.schema ?? noSuchTool;
}

/** Checks input with the tool's own rules without sending anything. */
export function validateToolInput(name: string, input: unknown): { ok: boolean; fields: FieldError[] } {
  const def = getTool(name);
  if (!def)
    return { ok: false, fields: [{ field: 'name', message: `There is no tool named "${name.slice(0, 60)}".`, code: 'unknown_tool' }] };
  const v = validateInput(def, input);
  return v.ok ? { ok: true, fields: [] } : { ok: false, fields: v.fields };
}

/** Zod's JSON Schema, trimmed of what the model does not need ($schema, long e-mail regexes, 2^53 bounds). */
function trimSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(trimSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const src = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(src)) {
    if (k === '$schema') continue;
    if (k === 'pattern' && src.format === 'email') continue;
    if ((k === 'maximum' && v === Number.MAX_SAFE_INTEGER) || (k === 'minimum' && v === Number.MIN_SAFE_INTEGER)) continue;
    if (k === 'exclusiveMinimum' && v === 0 && src.type === 'integer') {
      out.minimum = 1;
      continue;
    }
    out[k] = trimSchema(v);
  }
  return out;
}

export function toolJsonSchema(def: ToolDefinition): Record<string, unknown> {
  const schema = trimSchema(z.toJSONSchema(def.schema, { io: 'input' })) as Record<string, unknown>;
  return { ...schema, type: 'object', properties: schema.properties ?? {} };
}

const descriptors: ToolDescriptor[] = TOOL_NAMES.map((name) => {
  const def = getTool(name)!;
  return {
    name,
    description: def.description,
    inputSchema: toolJsonSchema(def),
    effect: def.effect,
    customerVisible: def.customerVisible,
    adminOnly: def.adminOnly,
  };
});

/** The ten tools, without profile-specific availability. Fresh copies: callers may mutate them. */
export function describeTools(): ToolDescriptor[] {
  return descriptors.map((d) => structuredClone(d));
}
