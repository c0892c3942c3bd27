// Each tool's input and output, by name: what `tools:execute` takes and answers, typed per tool.
// Inputs come straight from the tools' zod schemas; outputs are Freshdesk's JSON for that call
// (src-shared/freshdesk.ts). Type-only: the renderer imports these without loading zod.
import type { z } from 'zod';
import type { ToolName, ToolResultShape } from '../contract/tools';
import type { AgentRow, Contact, Conversation, Role, Ticket } from '../freshdesk';
import type { toolRegistry } from './registry';

/** A tool's input as a caller writes it (before zod's defaults and transforms). */
export type ToolInput<N extends ToolName> = z.input<(typeof toolRegistry)[N]['schema']>;

/** What a successful call of each tool carries as `data` (Freshdesk's answer, as sent). */
export interface ToolOutputs {
  freshdesk_ticket_create: Ticket;
  freshdesk_ticket_get: Ticket;
  freshdesk_ticket_update: Ticket;
  freshdesk_tickets_list: Ticket[];
  freshdesk_tickets_reply: Conversation;
  freshdesk_contact_create: Contact;
  freshdesk_agent_create: AgentRow;
  /** 204 No Content */
  freshdesk_agent_delete: null;
  freshdesk_agents_list: AgentRow[];
  freshdesk_roles_list: Role[];
}

/** Fails to type-check when a tool has no output type above, or a name there is no tool. */
export const toolOutputsComplete: [ToolName] extends [keyof ToolOutputs] ? ([keyof ToolOutputs] extends [ToolName] ? true : false) : false =
  true;

type Ok = Extract<ToolResultShape, { ok: true }>;
type Failed = Extract<ToolResultShape, { ok: false }>;

/** The result of one tool, by name: a discriminated union on `ok`, with that tool's data. */
export type ToolResultOf<N extends ToolName> =
  (Omit<Ok, 'tool' | 'data'> & { tool: N; data: ToolOutputs[N] }) | (Omit<Failed, 'tool'> & { tool: N });

/** One `tools:execute` request, by name: a discriminated union over the ten tools. */
export type ToolCall = { [N in ToolName]: { name: N; input: ToolInput<N> } }[ToolName];
