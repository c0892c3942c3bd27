// The Freshdesk objects the workbench reads, as Freshdesk sends them (docs/freshdesk-api.md §2).
// Tool results arrive as unknown JSON; these types describe the fields we use and every read is
// defensive (blank fields come as null).

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

export const STATUS_LABELS: Record<number, string> = { 2: 'Open', 3: 'Pending', 4: 'Resolved', 5: 'Closed' };
export const PRIORITY_LABELS: Record<number, string> = { 1: 'Low', 2: 'Medium', 3: 'High', 4: 'Urgent' };
export const TICKET_SCOPES: { value: number; label: string; help: string }[] = [
  { value: 1, label: 'Global', help: 'Can see every ticket in the helpdesk.' },
  { value: 2, label: 'Group', help: 'Can see tickets in their groups and tickets assigned to them.' },
  { value: 3, label: 'Restricted', help: 'Can see only tickets assigned to them.' },
];
export const AGENT_TYPES: { value: number; label: string }[] = [
  { value: 1, label: 'Support agent' },
  { value: 2, label: 'Field agent' },
  { value: 3, label: 'Collaborator' },
];

export function statusLabel(status: number): string {
  return STATUS_LABELS[status] ?? `Custom status ${status}`;
}
export function priorityLabel(priority: number): string {
  return PRIORITY_LABELS[priority] ?? `Priority ${priority}`;
}
export function scopeLabel(scope: number): string {
  return TICKET_SCOPES.find((s) => s.value === scope)?.label ?? `Scope ${scope}`;
}

/** Open or pending work past its resolution due date. */
export function isOverdue(t: Pick<Ticket, 'due_by' | 'status'>, now = Date.now()): boolean {
  return !!t.due_by && (t.status === 2 || t.status === 3) && Date.parse(t.due_by) < now;
}

export function asArray<T>(data: unknown): T[] {
  return Array.isArray(data) ? (data as T[]) : [];
}
