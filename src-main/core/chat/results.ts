// A ToolResult as the model receives it (compact projection inside the untrusted marker, or a
// plain is_error explanation) and as the tool card summarises it.
import type { ConnectedAccount, ToolResult } from '../types';
import { quoteJson, wrapUntrusted } from './untrusted';

/** Keep one result from flooding the context window. */
const MAX_RESULT_CHARS = 60_000;
const MAX_DETAIL_CHARS = 4_000;

export interface ModelResult {
  content: string;
  isError: boolean;
  /** the compact data, for harvesting values the model may copy */
  projected?: unknown;
  summary: string;
  detail?: string;
  error?: { kind: string; message: string };
}

export function modelResultFor(
  result: ToolResult,
  project: (tool: string, data: unknown, context: { input?: unknown; nextPage?: number }) => unknown,
  account: ConnectedAccount | undefined,
  input: unknown,
): ModelResult {
  if (result.ok) {
    // The tools' compact projection (list tools carry next_page inside it).
    const projected = project(result.tool, result.data, { input, nextPage: result.meta.nextPage });
    let content = wrapUntrusted(result.tool, projected);
    if (content.length > MAX_RESULT_CHARS) {
      const json = quoteJson(projected).slice(0, MAX_RESULT_CHARS);
      content = wrapUntrusted(result.tool, `${json} …(cut: the result was too long; narrow the request)`);
    }
    const pretty = JSON.stringify(projected, null, 2) ?? '';
    return {
      content,
      isError: false,
      projected,
      summary: summarize(result.tool, result.data),
      detail: pretty.length > MAX_DETAIL_CHARS ? `${pretty.slice(0, MAX_DETAIL_CHARS)}\n…` : pretty,
    };
  }
  const message = errorForModel(result.error.kind, result.error.message, account);
  const fields = result.error.fields?.length ? `\nFields: ${result.error.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}` : '';
  return {
    content: `Tool error (${result.error.kind}): ${message}${fields}`,
    isError: true,
    summary: message,
    error: { kind: result.error.kind, message },
  };
}

/** Plain words for the model (and the card); 403 names the role, REVOKED says to reconnect. */
export function errorForModel(kind: string, message: string, account: ConnectedAccount | undefined): string {
  if (kind === 'revoked') {
    return `${message} The Freshdesk key of this profile no longer works (it was reset or revoked). The agent must reconnect in Settings with a new key; do not call more tools until then.`;
  }
  if (kind === 'permission') {
    const roles = account?.agent?.roleNames?.filter(Boolean) ?? [];
    if (roles.length > 0)
      return roles.some((r) => message.includes(r)) ? message : `${message} (The agent's Freshdesk role: ${roles.join(', ')}.)`;
    // Role names are visible to administrators only; the ids still let the agent ask an admin.
    const ids = account?.agent?.roleIds ?? [];
    return ids.length > 0
      ? `${message} (The agent's Freshdesk role id${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}; an administrator can change what the role allows.)`
      : message;
  }
  if (kind === 'uncertain') {
    return `${message} It is not known whether Freshdesk applied this write: check before trying again.`;
  }
  return message;
}

export function summarize(tool: string, data: unknown): string {
  if (Array.isArray(data)) {
    const noun = tool.includes('ticket') ? 'ticket' : tool.includes('agent') ? 'agent' : tool.includes('role') ? 'role' : 'item';
    return `${data.length} ${noun}${data.length === 1 ? '' : 's'}`;
  }
  const rec = data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  const id = typeof rec?.id === 'number' ? `#${rec.id}` : '';
  switch (tool) {
    case 'freshdesk_ticket_get':
      return `Ticket ${id}${typeof rec?.subject === 'string' ? `: ${rec.subject.slice(0, 80)}` : ''}`;
    case 'freshdesk_ticket_update':
      return `Ticket ${id} updated`;
    case 'freshdesk_ticket_create':
      return `Ticket ${id} created`;
    case 'freshdesk_tickets_reply':
      return 'Reply posted';
    case 'freshdesk_contact_create':
      return `Contact ${id} created`;
    case 'freshdesk_agent_create':
      return `Agent ${id} added`;
    case 'freshdesk_agent_delete':
      return 'Agent deleted (now a contact)';
    default:
      return 'Done';
  }
}
