// The workbench's view of Freshdesk's objects: the shapes and code tables live in
// src-shared/freshdesk.ts (one home for main and the renderer; docs/freshdesk-api.md); here are the
// UI-only extras.
import { PRIORITY_NAMES, STATUS_NAMES, TICKET_SCOPE_NAMES, type Ticket } from '../../src-shared/freshdesk';

export type { AgentRow, Contact, Conversation, Requester, Role, Ticket, TicketStats } from '../../src-shared/freshdesk';
export { priorityLabel, scopeLabel, statusLabel } from '../../src-shared/freshdesk';

/** the built-in choices for the pickers (labels from the shared tables) */
export const STATUS_LABELS = STATUS_NAMES;
export const PRIORITY_LABELS = PRIORITY_NAMES;
const SCOPE_HELP: Record<number, string> = {
  1: 'Can see every ticket in the helpdesk.',
  2: 'Can see tickets in their groups and tickets assigned to them.',
  3: 'Can see only tickets assigned to them.',
};
export const TICKET_SCOPES: { value: number; label: string; help: string }[] = Object.entries(TICKET_SCOPE_NAMES).map(([v, label]) => ({
  value: Number(v),
  label,
  help: SCOPE_HELP[Number(v)] ?? '',
}));
export const AGENT_TYPES: { value: number; label: string }[] = [
  { value: 1, label: 'Support agent' },
  { value: 2, label: 'Field agent' },
  { value: 3, label: 'Collaborator' },
];

/** Open or pending work past its resolution due date. */
export function isOverdue(t: Pick<Ticket, 'due_by' | 'status'>, now = Date.now()): boolean {
  return !!t.due_by && (t.status === 2 || t.status === 3) && Date.parse(t.due_by) < now;
}

/** A list tool's data, or [] when Freshdesk answered something that is not a list. */
export function asArray<T>(data: readonly T[] | null | undefined): T[] {
  return Array.isArray(data) ? [...data] : [];
}
