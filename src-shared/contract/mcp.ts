// The local MCP server (Settings → MCP), approvals from every origin, and the activity log over
// IPC. The MCP token never reaches the page: the lines to paste are shown with it masked, and
// mcp:copy puts the full line on the clipboard from main. See docs/mcp.md.
import { z } from 'zod';
import { channel, NoInput } from './define';
import { ApprovalModeShape, ActivityEntry, ActivityQuery } from './activity';
import { CallId, PendingApproval } from './chat';

export { ActivityEntry, ActivityQuery, ApprovalModeShape };

export const McpView = z.object({
  /** the person turned it on (Settings); off by default */
  enabled: z.boolean(),
  running: z.boolean(),
  url: z.string().optional(),
  /** the profile MCP calls act as */
  profile: z.string().optional(),
  /** fixed port, when the person chose one */
  port: z.number().int().optional(),
  clients: z.array(z.object({ name: z.string(), lastSeen: z.string() })),
  /** the lines to paste, with the token shown as •••• (mcp:copy copies the real one) */
  claudeCode: z.string().optional(),
  claudeDesktop: z.string().optional(),
});
export type McpView = z.infer<typeof McpView>;

export const McpConfigure = z
  .object({
    enabled: z.boolean().optional(),
    /** null: a random free port */
    port: z.number().int().min(1024, 'Use a port from 1024 to 65535.').max(65535, 'Use a port from 1024 to 65535.').nullable().optional(),
    profile: z.string().min(1).max(200).optional(),
  })
  .strict();

export const ApprovalAnswerInput = z
  .object({
    callId: CallId,
    approve: z.boolean(),
    input: z.unknown().optional(),
    reason: z.string().max(2000).optional(),
    confirmText: z.string().max(320).optional(),
    allowAhead: z.boolean().optional(),
  })
  .strict();

export const mcpChannels = {
  'mcp:status': channel('mcpStatus', NoInput, McpView),
  /** turn on/off, fix the port, choose the profile; starts or stops the server to match */
  'mcp:configure': channel('mcpConfigure', McpConfigure, McpView),
  /** a new token; connected clients must be set up again */
  'mcp:rotate-token': channel('mcpRotateToken', NoInput, McpView),
  /** copies a setup line with the real token to the clipboard (from main) */
  'mcp:copy': channel('mcpCopy', z.object({ what: z.enum(['claude-code', 'claude-desktop']) }).strict(), z.object({ copied: z.boolean() })),
  /** writes waiting for the person, every origin, for the window's active profile */
  'approvals:pending': channel('approvalsPending', NoInput, z.object({ approvals: z.array(PendingApproval) })),
  'approvals:resolve': channel('approvalsResolve', ApprovalAnswerInput, z.object({ ok: z.literal(true) })),
  'activity:list': channel('activityList', ActivityQuery.optional(), z.object({ entries: z.array(ActivityEntry) })),
} as const;

export const mcpEvents = {
  /** an MCP approval appeared or went away: ask approvals:pending again */
  'approvals:changed': z.object({ origin: z.enum(['mcp', 'chat', 'triage']) }),
  /** a write was recorded */
  'activity:recorded': z.object({ entry: ActivityEntry }),
} as const;
