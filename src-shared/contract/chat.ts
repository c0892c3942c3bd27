// Claude triage chat over IPC. The chat runs in main; the page sends messages, answers
// approvals and receives `chat:event` pushes. The Anthropic key only ever travels *in* (set);
// every output and event carries at most `{ configured }`.
import { z } from 'zod';
import { channel, NoInput } from './define';

/** Chat threads are named by the page (one per ticket, or a general one). */
export const ThreadId = z
  .string()
  .trim()
  .min(1, 'A chat needs a name.')
  .max(100, 'A chat name is at most 100 characters.')
  .regex(/^[\w:.-]+$/, 'A chat name may use letters, digits and : . _ - only.');

export const CallId = z.string().min(1).max(100);

export const ToolEffectShape = z.enum(['read', 'write', 'destructive']);

/** What the approval card shows besides the raw input. */
export const ApprovalPreview = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reply'),
    ticketId: z.number(),
    ticketSubject: z.string().optional(),
    /** the requester; empty when Freshdesk did not tell us (requesterKnown: false) */
    to: z.array(z.string()),
    requesterKnown: z.boolean(),
    cc: z.array(z.string()),
    bcc: z.array(z.string()),
    fromEmail: z.string().optional(),
    /** the reply body exactly as it will be posted (HTML) */
    body: z.string(),
  }),
  z.object({
    kind: z.literal('update'),
    ticketId: z.number(),
    /** false when the ticket could not be read: `before` is then unknown */
    currentKnown: z.boolean(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown().optional(), after: z.unknown() })),
  }),
  z.object({
    kind: z.literal('agent_delete'),
    agentId: z.number(),
    agentName: z.string().optional(),
    agentEmail: z.string().optional(),
    /** what the person must type to confirm (the agent's email, else the agent id) */
    confirmText: z.string(),
  }),
  z.object({ kind: z.literal('generic'), summary: z.string() }),
]);
export type ApprovalPreview = z.infer<typeof ApprovalPreview>;

export const PendingApproval = z.object({
  callId: CallId,
  identifier: z.string(),
  threadId: z.string(),
  tool: z.string(),
  effect: ToolEffectShape,
  /** the exact input the tool will receive if approved as is */
  input: z.unknown(),
  /** e.g. 'uses_value_from_ticket_content:cc_emails' */
  flags: z.array(z.string()),
  preview: ApprovalPreview,
  /** other writes may be allowed for the rest of the thread; replies, agent create and agent delete never */
  canAllowForThread: z.boolean(),
  requiresConfirmText: z.boolean(),
  createdAt: z.string(),
  /** who asked: absent for the chat's own cards; 'mcp' with the client's name ("Claude Code") */
  origin: z.enum(['chat', 'mcp', 'triage']).optional(),
  client: z.string().optional(),
});
export type PendingApproval = z.infer<typeof PendingApproval>;

export const ToolErrorShape = z.object({ kind: z.string(), message: z.string() });

export const ThreadItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: z.string(), text: z.string(), ticketId: z.number().optional(), at: z.string() }),
  z.object({ kind: z.literal('assistant'), id: z.string(), text: z.string(), at: z.string() }),
  z.object({
    kind: z.literal('tool'),
    callId: CallId,
    tool: z.string(),
    effect: ToolEffectShape,
    input: z.unknown(),
    status: z.enum(['running', 'awaiting_approval', 'done', 'failed', 'rejected', 'cancelled']),
    summary: z.string().optional(),
    /** the compact result as the model saw it (customer text: render as text only) */
    detail: z.string().optional(),
    error: ToolErrorShape.optional(),
    at: z.string(),
  }),
  z.object({ kind: z.literal('error'), id: z.string(), code: z.string(), message: z.string(), at: z.string() }),
]);
export type ThreadItem = z.infer<typeof ThreadItem>;

/** Tokens Claude's Messages API counted (input includes neither cache reads nor cache writes). */
export const TokenUsage = z.object({
  input: z.number().int().min(0),
  output: z.number().int().min(0),
  cacheRead: z.number().int().min(0),
  cacheWrite: z.number().int().min(0),
});
export type TokenUsage = z.infer<typeof TokenUsage>;

export const ThreadView = z.object({
  threadId: z.string(),
  busy: z.boolean(),
  items: z.array(ThreadItem),
  /** write tools allowed without asking for the rest of this thread */
  allowedTools: z.array(z.string()),
  /** every turn of this thread together */
  usage: TokenUsage.optional(),
});
export type ThreadView = z.infer<typeof ThreadView>;

export const ThreadSummary = z.object({ threadId: z.string(), title: z.string(), updatedAt: z.string(), busy: z.boolean() });
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const TurnEndReason = z.enum(['end_turn', 'max_tokens', 'max_steps', 'refusal', 'cancelled', 'error']);
export type TurnEndReason = z.infer<typeof TurnEndReason>;

const Base = { identifier: z.string(), threadId: z.string() };

export const ChatEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('turn_start'), ...Base, turnId: z.string() }),
  z.object({ type: z.literal('text_delta'), ...Base, messageId: z.string(), text: z.string() }),
  z.object({
    type: z.literal('tool_call'),
    ...Base,
    callId: CallId,
    tool: z.string(),
    effect: ToolEffectShape,
    input: z.unknown(),
    needsApproval: z.boolean(),
  }),
  PendingApproval.extend({ type: z.literal('approval_required') }),
  z.object({
    type: z.literal('approval_resolved'),
    ...Base,
    callId: CallId,
    outcome: z.enum(['approved', 'auto_approved', 'rejected', 'cancelled']),
    edited: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('tool_result'),
    ...Base,
    callId: CallId,
    tool: z.string(),
    ok: z.boolean(),
    status: z.enum(['done', 'failed', 'rejected', 'cancelled']),
    summary: z.string().optional(),
    detail: z.string().optional(),
    error: ToolErrorShape.optional(),
  }),
  z.object({
    type: z.literal('turn_end'),
    ...Base,
    turnId: z.string(),
    reason: TurnEndReason,
    steps: z.number(),
    /** this turn's model calls together; the thread's total after it */
    usage: TokenUsage.optional(),
    threadUsage: TokenUsage.optional(),
  }),
  z.object({ type: z.literal('error'), ...Base, code: z.string(), message: z.string() }),
]);
export type ChatEvent = z.infer<typeof ChatEvent>;
export type ChatEventType = ChatEvent['type'];

export const ApprovalDecision = z
  .object({
    callId: CallId,
    approved: z.boolean(),
    /** edited input (checked again with the tool's schema) */
    input: z.unknown().optional(),
    /** why the person said no; goes back to Claude */
    reason: z.string().max(2000).optional(),
    /** for agent delete: the agent's email, typed */
    confirmText: z.string().max(320).optional(),
    /** stop asking for this tool for the rest of the thread (never replies, agent create or agent delete) */
    allowForThread: z.boolean().optional(),
  })
  .strict();
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export const KeyStatus = z.object({ configured: z.boolean() });

export const chatChannels = {
  /** one turn on the active profile's thread; resolves when the turn ends */
  'chat:send': channel(
    'chatSend',
    z
      .object({
        threadId: ThreadId,
        text: z.string().trim().min(1, 'Type a question first.').max(20_000, 'A message is at most 20 000 characters.'),
        ticketId: z.number().int().positive().optional(),
      })
      .strict(),
    z.object({ threadId: z.string(), reason: TurnEndReason }),
  ),
  'chat:cancel': channel('chatCancel', z.object({ threadId: ThreadId }).strict(), z.object({ cancelled: z.boolean() })),
  'chat:resolve-approval': channel('chatResolveApproval', ApprovalDecision, z.object({ resolved: z.literal(true) })),
  /** approvals waiting for the active profile (they live in main and survive a reload) */
  'chat:pending': channel('chatPending', NoInput, z.object({ approvals: z.array(PendingApproval) })),
  'chat:thread': channel('chatThread', z.object({ threadId: ThreadId }).strict(), ThreadView),
  'chat:threads': channel('chatThreads', NoInput, z.object({ threads: z.array(ThreadSummary) })),
  /** write-only: the key goes in, only `{ configured }` comes out */
  'chat:set-api-key': channel('chatSetApiKey', z.object({ key: z.string().max(500).nullable() }).strict(), KeyStatus),
  'chat:api-key-status': channel('chatApiKeyStatus', NoInput, KeyStatus),
  'chat:test-api-key': channel('chatTestApiKey', NoInput, z.object({ ok: z.boolean(), message: z.string() })),
} as const;

export const chatEvents = {
  /** every chat event of the window's active profile */
  'chat:event': ChatEvent,
} as const;
