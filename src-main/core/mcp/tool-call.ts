// One MCP tool call: it acts as the running profile at the governor's 'background' priority.
// Reads run at once; a write is validated and passed through the one outgoing-HTML policy, then
// either allowed ahead or sent to the person (approvals.ts) with the chat's card. Results are the
// chat's compact projection inside the same untrusted marker; rejected, unanswered and dropped
// writes are recorded in the activity log.
import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { PendingApproval } from '../../../src-shared/contract/chat';
import { prepareOutgoing, projectForModel, validateToolInput } from '../tools';
import { buildCard, canAllowAhead, needsCard } from '../chat/approvals';
import { modelResultFor } from '../chat/results';
import { harvestReturned, harvestValues } from '../chat/untrusted';
import { entryForUnsent } from '../activity';
import { asInput, fieldsText } from '../approvals/input';
import type { McpApprovals } from './approvals';
import type { McpDeps, Running, Session } from './types';

export const text = (t: string, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: t }],
  ...(isError ? { isError: true } : {}),
});

export interface ToolCallContext {
  deps: Pick<McpDeps, 'tools' | 'accounts' | 'settings' | 'activity' | 'emit' | 'recorded'>;
  approvals: McpApprovals;
  iso(): string;
  /** the server while it runs (undefined while it stops) */
  running(): Running | undefined;
}

export type CallTool = (
  session: Session,
  name: string,
  args: unknown,
  signal: AbortSignal,
  progress: (() => Promise<void>) | undefined,
) => Promise<CallToolResult>;

export function createToolCaller(ctx: ToolCallContext): CallTool {
  const { deps, approvals, iso } = ctx;

  return async function callTool(session, name, args, signal, progress) {
    const r = ctx.running();
    if (!r) return text('The Triage Desk MCP server is stopping.', true);
    const profile = r.profile;
    const listed = await deps.tools.listFor(profile);
    const tool = listed.find((d) => d.name === name);
    if (!tool) return text(`There is no tool named ${String(name).slice(0, 60)}.`, true);
    if (tool.available === false)
      return text(`${tool.name} is not available to this profile: ${tool.reason ?? "the agent's role cannot use it"}.`, true);
    const input = asInput(args);
    const base = { signal, priority: 'background' as const, origin: 'mcp' as const, client: session.client };

    const run = async (toolInput: Record<string, unknown>, approval?: 'clicked' | 'typed_confirmation' | 'allowed_ahead') => {
      const result = await deps.tools.execute(profile, tool.name, toolInput, { ...base, approval });
      const account = await deps.accounts.get(profile).catch(() => undefined);
      const m = modelResultFor(result, projectForModel, account, toolInput);
      if (m.projected !== undefined) harvestValues(m.projected, session.seen);
      if (m.projected !== undefined) harvestReturned(m.projected, session.returned);
      return text(m.content, m.isError);
    };

    if (tool.effect === 'read') return run(input);

    const checked = validateToolInput(tool.name, input);
    if (!checked.ok) {
      return text(`Tool error (invalid_input): the input was refused before sending: ${fieldsText(checked.fields)}`, true);
    }
    // The one outgoing-HTML policy first: the card shows exactly what will be sent.
    const prepared = prepareOutgoing(tool.name, input);
    if (!prepared.ok) {
      return text(`Tool error (invalid_input): the input was refused before sending: ${fieldsText(prepared.fields)}`, true);
    }
    const toSend = asInput(prepared.input);
    // Nothing the person typed is known here: any address seen in results counts as the customer's.
    const { card: asks, flags } = needsCard(tool, toSend, {
      settingsAllowed: deps.settings().autoApproveTools,
      threadAllowed: session.allowAhead,
      typed: new Set(),
      seen: session.seen,
      returned: session.returned,
    });
    if (!asks) return run(toSend, 'allowed_ahead');

    const read = (readName: string, readInput: Record<string, unknown>) =>
      deps.tools.execute(profile, readName, readInput, { ...base, approval: undefined });
    const card = await buildCard(tool.name, toSend, read);
    const approval: PendingApproval = {
      callId: randomUUID(),
      identifier: profile,
      threadId: 'mcp',
      tool: tool.name,
      effect: tool.effect,
      input: toSend,
      flags,
      preview: card.preview,
      canAllowForThread: canAllowAhead(tool),
      requiresConfirmText: card.confirmText !== undefined,
      createdAt: iso(),
      origin: 'mcp',
      client: session.client,
    };
    const decision = await approvals.wait(approval, session, card.confirmText, r.approvalTimeoutMs, signal, progress);
    deps.emit({ type: 'approval_resolved', origin: 'mcp', id: approval.callId, outcome: decision.kind });
    if (decision.kind === 'approved') return run(decision.input, decision.mode);
    deps.recorded(
      deps.activity.record(entryForUnsent(profile, tool.name, input, { origin: 'mcp', client: session.client }, decision.kind)),
    );
    if (decision.kind === 'rejected') {
      const why = decision.reason?.trim();
      return text(
        `The person rejected this call in Triage Desk; nothing was sent to Freshdesk.${why ? ` Their reason: ${why}` : ' They gave no reason; ask them what they want instead.'}`,
        true,
      );
    }
    if (decision.kind === 'timed_out') {
      const minutes = Math.max(1, Math.round(r.approvalTimeoutMs / 60_000));
      const seconds = Math.round(r.approvalTimeoutMs / 1000);
      return text(
        `No one approved it in Triage Desk within ${r.approvalTimeoutMs < 60_000 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`}; nothing was sent to Freshdesk.`,
        true,
      );
    }
    return text('The call was cancelled before anyone approved it; nothing was sent to Freshdesk.', true);
  };
}
