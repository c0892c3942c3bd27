// Plain names for the tools and approval flags shown in chat cards.
const TOOL_LABELS: Record<string, string> = {
  freshdesk_ticket_create: 'Create ticket',
  freshdesk_ticket_get: 'Read ticket',
  freshdesk_ticket_update: 'Update ticket',
  freshdesk_tickets_list: 'List tickets',
  freshdesk_tickets_reply: 'Reply to customer',
  freshdesk_contact_create: 'Create contact',
  freshdesk_agent_create: 'Add agent',
  freshdesk_agent_delete: 'Delete agent',
  freshdesk_agents_list: 'List agents',
  freshdesk_roles_list: 'List roles',
  triage_plan_start: 'Prepare a triage plan',
};

export function toolLabel(name: string): string {
  return TOOL_LABELS[name] ?? name;
}

/** 'uses_value_from_ticket_content:cc_emails' → a warning a person understands. */
export function flagText(flag: string): string {
  const [kind, field] = flag.split(':', 2);
  if (kind === 'uses_value_from_ticket_content') {
    return `“${field}” uses a value that appears in ticket content (written by a customer or outsider), not in anything you typed. Check it before approving.`;
  }
  if (kind === 'unknown_value') {
    return `“${field}” names an address or id that you never typed and Freshdesk never returned in this conversation. Check it before approving.`;
  }
  if (kind === 'unknown_address') {
    return `“${field}” contains an e-mail address (possibly written out in words) that you never typed and Freshdesk never returned in this conversation. Check it before approving.`;
  }
  return flag;
}

/** "Claude Code wants to update ticket #42814": an approval card raised by an MCP client. */
export function wantsText(client: string, tool: string, input: unknown): string {
  const rec = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const ticket = typeof rec.ticket_id === 'number' ? ` #${rec.ticket_id}` : '';
  const agent = typeof rec.agent_id === 'number' ? ` #${rec.agent_id}` : '';
  const what: Record<string, string> = {
    freshdesk_ticket_update: `update ticket${ticket}`,
    freshdesk_tickets_reply: `reply to the customer on ticket${ticket}`,
    freshdesk_ticket_create: 'create a ticket',
    freshdesk_contact_create: 'create a contact',
    freshdesk_agent_create: 'add an agent',
    freshdesk_agent_delete: `delete agent${agent}`,
  };
  return `${client} wants to ${what[tool] ?? `run ${tool}`}`;
}
