// What may run without an approval card: the lists main's rules (src-main/core/chat/approvals.ts,
// needsCard) and the Settings screen both read. Zod-free so the renderer can import it.
// docs/approvals.md explains each entry.

/**
 * Writes that always ask, whatever Settings or "allow for this chat" say: a customer-visible
 * reply, adding an agent (grants access and a paid seat) and deleting one (removes access).
 */
export const NEVER_AUTO_APPROVED = ['freshdesk_tickets_reply', 'freshdesk_agent_create', 'freshdesk_agent_delete'] as const;

export function isNeverAutoApproved(tool: string): boolean {
  return (NEVER_AUTO_APPROVED as readonly string[]).includes(tool);
}

/**
 * The ticket fields an allowed-ahead `freshdesk_ticket_update` may change without a card: triage
 * only. Requester, e-mail/phone, subject, description, custom fields and due dates always ask.
 */
export const SAFE_UPDATE_FIELDS = ['priority', 'status', 'type', 'group_id', 'responder_id', 'tags'] as const;

/** The update's fields outside SAFE_UPDATE_FIELDS (empty: it may run allowed ahead). */
export function unsafeUpdateFields(input: Record<string, unknown>): string[] {
  return Object.keys(input).filter(
    (k) => k !== 'ticket_id' && input[k] !== undefined && !(SAFE_UPDATE_FIELDS as readonly string[]).includes(k),
  );
}
