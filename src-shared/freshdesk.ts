// Freshdesk's own objects and code tables, as the API sends them (docs/freshdesk-api.md). One home
// for the renderer, the core's tools and projections, and the sandbox. Pure TypeScript, no imports:
// the renderer loads it without zod. Tool results arrive as JSON; these types describe the fields
// we use, and every read stays defensive (blank fields come as null).

export interface Requester {
  id: number;
  name: string | null;
  email: string | null;
  phone?: string | null;
  mobile?: string | null;
}

export interface TicketStats {
  first_responded_at?: string | null;
  resolved_at?: string | null;
  closed_at?: string | null;
  reopened_at?: string | null;
  pending_since?: string | null;
  agent_responded_at?: string | null;
  requester_responded_at?: string | null;
}

export interface Conversation {
  id: number;
  body: string | null;
  body_text?: string | null;
  incoming: boolean;
  private: boolean;
  source: number;
  user_id: number;
  from_email?: string | null;
  to_emails?: string[] | null;
  cc_emails?: string[] | null;
  bcc_emails?: string[] | null;
  created_at: string;
}

export interface Ticket {
  id: number;
  subject: string | null;
  status: number;
  priority: number;
  source?: number;
  type?: string | null;
  requester_id: number;
  responder_id?: number | null;
  group_id?: number | null;
  company_id?: number | null;
  tags?: string[] | null;
  cc_emails?: string[] | null;
  reply_cc_emails?: string[] | null;
  created_at: string;
  updated_at: string;
  due_by?: string | null;
  fr_due_by?: string | null;
  spam?: boolean;
  deleted?: boolean;
  description?: string | null;
  description_text?: string | null;
  requester?: Requester;
  company?: { id: number; name: string } | null;
  stats?: TicketStats;
  conversations?: Conversation[];
}

export interface AgentRow {
  id: number;
  occasional: boolean;
  ticket_scope: number;
  available?: boolean;
  type?: string;
  last_active_at?: string | null;
  created_at?: string;
  contact: { name: string | null; email: string | null; job_title?: string | null; active?: boolean };
}

export interface Role {
  id: number;
  name: string;
  description: string | null;
  default: boolean;
}

export interface Contact {
  id: number;
  name: string | null;
  email: string | null;
  phone?: string | null;
  mobile?: string | null;
  company_id?: number | null;
  created_at?: string;
  updated_at?: string;
}

/** Freshdesk's built-in ticket statuses; accounts add their own (6, 7, …). */
export const STATUS_NAMES: Readonly<Record<number, string>> = { 2: 'Open', 3: 'Pending', 4: 'Resolved', 5: 'Closed' };
export const PRIORITY_NAMES: Readonly<Record<number, string>> = { 1: 'Low', 2: 'Medium', 3: 'High', 4: 'Urgent' };
export const SOURCE_NAMES: Readonly<Record<number, string>> = {
  1: 'Email',
  2: 'Portal',
  3: 'Phone',
  7: 'Chat',
  9: 'Feedback Widget',
  10: 'Outbound Email',
};
export const TICKET_SCOPE_NAMES: Readonly<Record<number, string>> = { 1: 'Global', 2: 'Group', 3: 'Restricted' };
/** agent_type as the API names it (agent create takes the number) */
export const AGENT_TYPE_NAMES: Readonly<Record<number, string>> = { 1: 'support_agent', 2: 'field_agent', 3: 'collaborator' };

/** "Open", or "Custom status 7" for an account's own status. */
export function statusLabel(status: number): string {
  return STATUS_NAMES[status] ?? `Custom status ${status}`;
}
export function priorityLabel(priority: number): string {
  return PRIORITY_NAMES[priority] ?? `Priority ${priority}`;
}
export function sourceLabel(source: number): string {
  return SOURCE_NAMES[source] ?? `Source ${source}`;
}
export function scopeLabel(scope: number): string {
  return TICKET_SCOPE_NAMES[scope] ?? `Scope ${scope}`;
}
