// The ten Freshdesk tools, usable by hand from the workbench. Input is checked again in main
// by the tool's own zod schema; results are values (ToolResult), never thrown.
import { z } from 'zod';
import { channel, NoInput } from './define';

export const TOOL_NAMES = [
  'freshdesk_ticket_create',
  'freshdesk_ticket_get',
  'freshdesk_ticket_update',
  'freshdesk_tickets_list',
  'freshdesk_tickets_reply',
  'freshdesk_contact_create',
  'freshdesk_agent_create',
  'freshdesk_agent_delete',
  'freshdesk_agents_list',
  'freshdesk_roles_list',
] as const;
export const ToolName = z.enum(TOOL_NAMES);
export type ToolName = z.infer<typeof ToolName>;

export const ToolSummary = z.object({
  name: z.string(),
  description: z.string(),
  effect: z.enum(['read', 'write', 'destructive']),
  customerVisible: z.boolean(),
  adminOnly: z.boolean(),
  available: z.boolean().optional(),
  reason: z.string().optional(),
});
export type ToolSummary = z.infer<typeof ToolSummary>;

export const FieldErrorShape = z.object({ field: z.string(), message: z.string(), code: z.string() });
export type FieldErrorShape = z.infer<typeof FieldErrorShape>;

export const ToolErrorKind = z.enum([
  'invalid_input',
  'unknown_tool',
  'not_connected',
  'revoked',
  'permission',
  'not_found',
  'conflict',
  'not_allowed',
  'rate_limited',
  'network',
  'timeout',
  'server',
  'uncertain',
]);
export type ToolErrorKind = z.infer<typeof ToolErrorKind>;

export const RateLimitSeen = z.object({ total: z.number(), remaining: z.number(), usedByThisCall: z.number() });
export type RateLimitSeen = z.infer<typeof RateLimitSeen>;

export const ToolResultShape = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    tool: z.string(),
    /** Freshdesk's JSON answer (tickets, contacts, agents, roles); never credentials */
    data: z.unknown(),
    meta: z.object({
      status: z.number(),
      requestId: z.string().optional(),
      rateLimit: RateLimitSeen.optional(),
      /** next page number from the Link header, for list tools */
      nextPage: z.number().optional(),
      /** how long the governor held this call before sending (ms) */
      waitedMs: z.number().optional(),
    }),
  }),
  z.object({
    ok: z.literal(false),
    tool: z.string(),
    error: z.object({
      kind: ToolErrorKind,
      message: z.string(),
      status: z.number().optional(),
      code: z.string().optional(),
      fields: z.array(FieldErrorShape).optional(),
      retryAfterSeconds: z.number().optional(),
      /** for conflict: the existing record's id (contact user_id / agent_id) */
      existingId: z.number().optional(),
      requestId: z.string().optional(),
    }),
  }),
]);
export type ToolResultShape = z.infer<typeof ToolResultShape>;
/** What every tool call answers: a value, never thrown. */
export type ToolResult = ToolResultShape;

const ToolInput = z.record(z.string(), z.unknown());

/** The renderer's own tag for one call, so a superseded call can be cancelled (tools:cancel). */
export const ToolRequestId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'A request id is 1–64 letters, digits, "_" or "-".');

export const toolsChannels = {
  /** the ten tools, with available/reason for the active profile's role */
  'tools:list': channel('listTools', NoInput, z.object({ tools: z.array(ToolSummary) })),
  'tools:execute': channel(
    'executeTool',
    z
      .object({
        name: ToolName,
        input: ToolInput,
        priority: z.enum(['ui', 'background']).optional(),
        requestId: ToolRequestId.optional(),
      })
      .strict(),
    ToolResultShape,
  ),
  /** the helpdesk's own choices for a ticket's group and type (GET /api/v2/ticket_fields; not
   *  one of the ten tools); `unavailable` says why when they cannot be read (the forms then take
   *  a group id and free-text type) */
  'tools:field-choices': channel(
    'ticketFieldChoices',
    NoInput,
    z.object({
      groups: z.array(z.object({ id: z.number().int().positive(), name: z.string().max(200) })).max(5000),
      types: z.array(z.string().max(200)).max(1000),
      /** the agents a ticket can be assigned to (the `agent` field's choices), when known */
      agents: z
        .array(z.object({ id: z.number().int().positive(), name: z.string().max(200) }))
        .max(5000)
        .optional(),
      /** the statuses, built-in and the account's own, when known */
      statuses: z
        .array(z.object({ id: z.number().int().positive(), name: z.string().max(200) }))
        .max(1000)
        .optional(),
      unavailable: z.string().max(1000).optional(),
    }),
  ),
  /** cancels a call still running in this window (a queue load superseded by a newer one); the
   *  call itself then resolves as the tool's "Cancelled." result. false: nothing by that id runs. */
  'tools:cancel': channel('cancelTool', z.object({ requestId: ToolRequestId }).strict(), z.object({ cancelled: z.boolean() })),
  /** checks input with the tool's own schema without sending anything (inline form validation) */
  'tools:validate': channel(
    'validateTool',
    z.object({ name: ToolName, input: ToolInput }).strict(),
    z.object({ ok: z.boolean(), fields: z.array(FieldErrorShape) }),
  ),
} as const;
