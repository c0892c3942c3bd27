// The activity log: one entry per write, whoever asked for it (a click, the chat, a triage plan,
// an MCP client). What an entry may carry is fixed here: never a secret, and of customer text
// only a ticket's subject. See docs/mcp.md.
import { z } from 'zod';

export const WriteOriginShape = z.enum(['ui', 'chat', 'triage', 'mcp']);

/** How the person let the write go: a click (form, panel, approval card), the typed
 *  confirmation (agent delete), a tool allowed ahead (Settings or "for this thread"), or the
 *  Apply of a triage plan. */
export const ApprovalModeShape = z.enum(['clicked', 'typed_confirmation', 'allowed_ahead', 'plan_apply']);
export type ApprovalMode = z.infer<typeof ApprovalModeShape>;

/** ok: Freshdesk took it; error: refused or failed; uncertain: interrupted, it may or may not have
 *  reached Freshdesk (a read that confirms it adds an ok entry with verified); rejected /
 *  timed_out / cancelled: nothing sent. */
export const ActivityOutcomeShape = z.enum(['ok', 'error', 'uncertain', 'rejected', 'timed_out', 'cancelled']);
export type ActivityOutcome = z.infer<typeof ActivityOutcomeShape>;

export const ActivityEntry = z.object({
  id: z.string(),
  at: z.string(),
  profile: z.string(),
  origin: WriteOriginShape,
  /** the MCP client's name (from its initialize request), for origin 'mcp' */
  client: z.string().optional(),
  tool: z.string(),
  /** ids the write is about: ticket_id, agent_id, and the id of what it created */
  targets: z.record(z.string(), z.number()),
  /** a ticket's subject, cut to 200 characters: the only customer text kept */
  subject: z.string().optional(),
  approval: ApprovalModeShape.optional(),
  outcome: ActivityOutcomeShape,
  /** for outcome error or uncertain: the tool error kind (invalid_input, permission, uncertain, …) */
  errorKind: z.string().optional(),
  status: z.number().optional(),
  /** Freshdesk's X-Request-Id */
  requestId: z.string().optional(),
  /** an earlier uncertain write that a later read of the ticket confirmed was applied (outcome ok) */
  verified: z.literal(true).optional(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const ActivityQuery = z
  .object({ limit: z.number().int().min(1).max(5000).optional(), origin: WriteOriginShape.optional() })
  .strict();
export type ActivityQuery = z.infer<typeof ActivityQuery>;
