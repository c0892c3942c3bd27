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
  return flag;
}
