// Triage plans over IPC: Claude proposes field changes for a batch of tickets, the agent reviews
// them as one table, main applies the accepted rows. The plan shape is written once here and used
// by main (checks, storage) and the page. How a run works: docs/triage.md.
import { z } from 'zod';
import { channel, NoInput } from './define';
import {
  TRIAGE_DRAFT_MAX,
  TRIAGE_EVIDENCE_MAX,
  TRIAGE_MAX_TAGS,
  TRIAGE_MAX_TICKETS,
  TRIAGE_QUOTE_MAX,
  TRIAGE_SUMMARY_MAX,
} from '../triage';

export {
  TRIAGE_CHAT_TOOL,
  TRIAGE_MAX_TICKETS,
  TRIAGE_MAX_TAGS,
  TRIAGE_SUMMARY_MAX,
  TRIAGE_EVIDENCE_MAX,
  TRIAGE_QUOTE_MAX,
  TRIAGE_DRAFT_MAX,
  TRIAGE_FIELDS,
  type TriageField,
} from '../triage';

/** Loose here (the page shows what main stored); main checks proposals with the update tool's rules. */
export const TriageChangesShape = z
  .object({
    priority: z.number().int().optional(),
    status: z.number().int().optional(),
    type: z.string().max(255).optional(),
    group_id: z.number().int().optional(),
    responder_id: z.number().int().optional(),
    tags: z.array(z.string().max(64)).max(TRIAGE_MAX_TAGS).optional(),
  })
  .strict();
export type TriageChanges = z.infer<typeof TriageChangesShape>;

/** The same fields as read from the ticket (null: not set). */
export const TriageCurrentShape = z.object({
  priority: z.number().int().nullable().optional(),
  status: z.number().int().nullable().optional(),
  type: z.string().nullable().optional(),
  group_id: z.number().int().nullable().optional(),
  responder_id: z.number().int().nullable().optional(),
  tags: z.array(z.string()).optional(),
});
export type TriageCurrent = z.infer<typeof TriageCurrentShape>;

export const TRIAGE_ROW_STATES = ['proposed', 'accepted', 'skipped', 'applied', 'failed', 'held', 'invalid'] as const;
export const TriageRowState = z.enum(TRIAGE_ROW_STATES);
export type TriageRowState = z.infer<typeof TriageRowState>;

export const TriageConfidence = z.enum(['high', 'medium', 'low']);
export type TriageConfidence = z.infer<typeof TriageConfidence>;

export const TriageRowResult = z.object({
  ok: z.boolean(),
  /** the tool's own error kind, or 'held' / 'verified' */
  kind: z.string().max(40).optional(),
  message: z.string().max(2000),
  at: z.string(),
});
export type TriageRowResult = z.infer<typeof TriageRowResult>;

export const TriageRow = z.object({
  ticketId: z.number().int().positive(),
  subject: z.string().max(300),
  requester: z.string().max(300).optional(),
  /** the ticket's updated_at when it was read: a later one means someone changed it */
  updatedAt: z.string().max(40).optional(),
  /** the ticket text Claude saw (subject and cut description), for highlighting the evidence */
  text: z.string().max(4000),
  current: TriageCurrentShape,
  changes: TriageChangesShape,
  summary: z.string().max(TRIAGE_SUMMARY_MAX),
  evidence: z.array(z.string().max(TRIAGE_QUOTE_MAX)).max(TRIAGE_EVIDENCE_MAX),
  confidence: TriageConfidence,
  draftReply: z.string().max(TRIAGE_DRAFT_MAX).optional(),
  state: TriageRowState,
  problems: z.array(z.string().max(500)).max(20).optional(),
  result: TriageRowResult.optional(),
  /** set just before the row's write is sent, cleared with its outcome: a row that still has it
   *  after a crash or a cancel has an uncertain outcome and is checked with a read first */
  writeStartedAt: z.string().max(40).optional(),
});
export type TriageRow = z.infer<typeof TriageRow>;

export const TriagePlanStatus = z.enum(['ready', 'applying', 'applied']);

export const TriagePlanShape = z.object({
  id: z.string().min(1).max(64),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** when the tickets were read (the changed-since check starts from here) */
  readAt: z.string(),
  status: TriagePlanStatus,
  /** how the run was started: the ticket ids of a view, or a named filter */
  source: z.object({ filter: z.string().max(40).optional(), ticketCount: z.number().int() }),
  rows: z.array(TriageRow).max(TRIAGE_MAX_TICKETS),
  /** what the run cost: model calls, Freshdesk requests to read */
  stats: z
    .object({
      modelCalls: z.number().int(),
      readRequests: z.number().int(),
      ticketBytes: z.number().int(),
      inputTokens: z.number().int().optional(),
      cacheReadTokens: z.number().int().optional(),
    })
    .optional(),
  /** from the chat: the thread whose card opens it */
  threadId: z.string().max(100).optional(),
});
export type TriagePlan = z.infer<typeof TriagePlanShape>;

export const TriagePlanSummaryShape = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: TriagePlanStatus,
  rowCount: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
});
export type TriagePlanSummary = z.infer<typeof TriagePlanSummaryShape>;

export const TriageDecision = z.union([z.literal('accept'), z.literal('skip'), z.object({ edit: TriageChangesShape }).strict()]);
export type TriageDecision = z.infer<typeof TriageDecision>;

export const TriageProgress = z.object({
  planId: z.string(),
  phase: z.enum(['read', 'propose', 'apply', 'done']),
  message: z.string().max(500).optional(),
  done: z.number().int().optional(),
  total: z.number().int().optional(),
  row: z.object({ ticketId: z.number().int(), state: TriageRowState, result: TriageRowResult.optional() }).optional(),
  plan: TriagePlanShape.optional(),
});
export type TriageProgress = z.infer<typeof TriageProgress>;

const PlanId = z.string().min(1).max(64);
const TicketIdShape = z.number().int().positive();

export const triageChannels = {
  /** reads the tickets, asks Claude, checks every row; resolves with the plan to review */
  'triage:start': channel(
    'startTriage',
    z
      .object({ ticketIds: z.array(TicketIdShape).min(1).max(TRIAGE_MAX_TICKETS).optional(), filter: z.string().max(40).optional() })
      .strict(),
    z.object({ plan: TriagePlanShape }),
  ),
  'triage:cancel': channel('cancelTriage', NoInput, z.object({ cancelled: z.boolean() })),
  'triage:get': channel('getTriagePlan', z.object({ planId: PlanId }).strict(), z.object({ plan: TriagePlanShape.optional() })),
  'triage:list': channel('listTriagePlans', NoInput, z.object({ plans: z.array(TriagePlanSummaryShape) })),
  'triage:decide': channel(
    'decideTriageRow',
    z.object({ planId: PlanId, ticketId: TicketIdShape, decision: TriageDecision }).strict(),
    z.object({ plan: TriagePlanShape }),
  ),
  /** applies the accepted rows; resumable, safe to call again */
  'triage:apply': channel('applyTriagePlan', z.object({ planId: PlanId }).strict(), z.object({ plan: TriagePlanShape })),
} as const;

export const triageEvents = {
  'triage:progress': TriageProgress,
} as const;
