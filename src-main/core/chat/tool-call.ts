// One tool call of a turn: reads run at once; a write is checked, then either allowed ahead or
// sent to the approval gate to wait for the person; the result goes back to the model as a
// tool_result and to the page as events. Cancel aborts a call that waits or runs.
import { randomUUID } from 'node:crypto';
import type { ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import type { ConnectedAccount, ExecuteOptions, ToolDescriptor, ToolResult } from '../types';
import type { ChatEvent, PendingApproval, ThreadItem } from '../../../src-shared/contract/chat';
import { prepareOutgoing, projectForModel, validateToolInput } from '../tools';
import { AGENT_DELETE_TOOL, buildCard, canAllowAhead, needsCard } from './approvals';
import type { ApprovalGate } from './gate';
import { asInput, fieldsText } from '../approvals/input';
import { APP_CLOSED_RESULT } from './history';
import { modelResultFor, type ModelResult } from './results';
import type { ThreadState } from './threads';
import type { ChatTools } from './types';
import { harvestReturned, harvestValues } from './untrusted';

export interface ToolCallContext {
  tools: ChatTools;
  gate: ApprovalGate;
  emit(event: ChatEvent): void;
  log(line: string): void;
  iso(): string;
  /** the service is closing (a cancelled call says the app closed) */
  closed(): boolean;
}

export type RunToolCall = (
  t: ThreadState,
  use: ToolUseBlock,
  byName: Map<string, ToolDescriptor>,
  listed: ToolDescriptor[],
  account: ConnectedAccount | undefined,
  autoApproveTools: string[],
  signal: AbortSignal,
) => Promise<ToolResultBlockParam>;

export function createToolCallRunner(ctx: ToolCallContext): RunToolCall {
  const { emit, iso, gate } = ctx;
  const deps = { tools: ctx.tools, log: ctx.log };

  return async function runToolCall(t, use, byName, listed, account, autoApproveTools, signal) {
    const { identifier, threadId } = t;
    const callId = randomUUID();
    const tool = byName.get(use.name);
    let input = asInput(use.input);
    const item: Extract<ThreadItem, { kind: 'tool' }> = {
      kind: 'tool',
      callId,
      tool: use.name,
      effect: tool?.effect ?? 'read',
      input,
      status: 'running',
      at: iso(),
    };
    t.items.push(item);

    const finish = (r: ModelResult, status: 'done' | 'failed' | 'rejected' | 'cancelled'): ToolResultBlockParam => {
      item.status = status;
      item.summary = r.summary;
      item.detail = r.detail;
      item.error = r.error;
      emit({
        type: 'tool_result',
        identifier,
        threadId,
        callId,
        tool: use.name,
        ok: !r.isError,
        status,
        summary: r.summary,
        detail: r.detail,
        error: r.error,
      });
      return { type: 'tool_result', tool_use_id: use.id, content: r.content, ...(r.isError ? { is_error: true } : {}) };
    };
    const failWith = (kind: string, message: string, status: 'failed' | 'rejected' | 'cancelled' = 'failed') =>
      finish({ content: `Tool error (${kind}): ${message}`, isError: true, summary: message, error: { kind, message } }, status);

    if (!tool) {
      const known = listed.find((d) => d.name === use.name);
      emit({ type: 'tool_call', identifier, threadId, callId, tool: use.name, effect: item.effect, input, needsApproval: false });
      return known
        ? failWith('not_allowed', `${use.name} is not available to this profile: ${known.reason ?? "the agent's role cannot use it"}.`)
        : failWith('unknown_tool', `There is no tool named ${use.name}.`);
    }

    const execute = async (toolInput: Record<string, unknown>, approval?: ExecuteOptions['approval']): Promise<ToolResultBlockParam> => {
      item.status = 'running';
      let outcome: ToolResult | 'aborted';
      try {
        outcome = await raceAbort(
          deps.tools.execute(identifier, tool.name, toolInput, { signal, priority: 'chat', origin: 'chat', approval }),
          signal,
        );
      } catch {
        deps.log(`chat: ${tool.name} threw instead of returning a result`);
        return failWith(
          'server',
          'The tool failed unexpectedly inside Triage Desk. Nothing more is known; check Freshdesk before retrying a write.',
        );
      }
      if (outcome === 'aborted') {
        const message =
          tool.effect === 'read'
            ? 'Cancelled by the agent while it ran.'
            : 'Cancelled by the agent while it ran. It is not known whether Freshdesk applied this write: check before trying again.';
        return failWith('cancelled', message, 'cancelled');
      }
      const r = modelResultFor(outcome, projectForModel, account, toolInput);
      if (r.projected !== undefined) harvestValues(r.projected, t.seen);
      if (r.projected !== undefined) harvestReturned(r.projected, (t.returned ??= new Set()));
      return finish(r, r.isError ? 'failed' : 'done');
    };

    if (tool.effect === 'read') {
      emit({ type: 'tool_call', identifier, threadId, callId, tool: tool.name, effect: tool.effect, input, needsApproval: false });
      return execute(input);
    }

    // A write. Bad input goes straight back to the model: no card for a call that cannot run.
    const checked = validateToolInput(tool.name, input);
    if (!checked.ok) {
      emit({ type: 'tool_call', identifier, threadId, callId, tool: tool.name, effect: tool.effect, input, needsApproval: false });
      return failWith('invalid_input', `The input was refused before sending: ${fieldsText(checked.fields)}`);
    }
    // From here on the input is what will be sent (outgoing HTML cleaned): the card shows exactly that.
    const prepared = prepareOutgoing(tool.name, input);
    if (!prepared.ok) return failWith('invalid_input', `The input was refused before sending: ${fieldsText(prepared.fields)}`);
    input = item.input = asInput(prepared.input);
    const cardContext = { settingsAllowed: autoApproveTools, threadAllowed: t.allowTools, typed: t.typed, seen: t.seen };
    const { card: asks, flags } = needsCard(tool, input, { ...cardContext, returned: t.returned ?? new Set() });
    if (!asks) {
      emit({ type: 'tool_call', identifier, threadId, callId, tool: tool.name, effect: tool.effect, input, needsApproval: false });
      emit({ type: 'approval_resolved', identifier, threadId, callId, outcome: 'auto_approved' });
      return execute(input, 'allowed_ahead');
    }

    emit({ type: 'tool_call', identifier, threadId, callId, tool: tool.name, effect: tool.effect, input, needsApproval: true });
    item.status = 'awaiting_approval';
    const read = (name: string, readInput: Record<string, unknown>) =>
      deps.tools.execute(identifier, name, readInput, { signal, priority: 'chat' });
    const card = await buildCard(tool.name, input, read);
    if (signal.aborted) return failWith('cancelled', 'Cancelled by the agent before approval.', 'cancelled');
    const approval: PendingApproval = {
      callId,
      identifier,
      threadId,
      tool: tool.name,
      effect: tool.effect,
      input,
      flags,
      preview: card.preview,
      canAllowForThread: canAllowAhead(tool),
      requiresConfirmText: card.confirmText !== undefined,
      createdAt: iso(),
    };
    const decision = await gate.wait(approval, t, card.confirmText, signal);

    if (decision.kind === 'cancelled') {
      emit({ type: 'approval_resolved', identifier, threadId, callId, outcome: 'cancelled' });
      if (ctx.closed()) return failWith('cancelled', APP_CLOSED_RESULT, 'cancelled');
      return failWith('cancelled', 'Cancelled by the agent before approval; nothing was sent.', 'cancelled');
    }
    if (decision.kind === 'rejected') {
      emit({ type: 'approval_resolved', identifier, threadId, callId, outcome: 'rejected' });
      const why = decision.reason?.trim();
      const message = `The agent rejected this call; nothing was sent to Freshdesk.${why ? ` Their reason: ${why}` : ' They gave no reason; ask what they want instead.'}`;
      return failWith('rejected', message, 'rejected');
    }
    emit({ type: 'approval_resolved', identifier, threadId, callId, outcome: 'approved', edited: decision.edited });
    if (decision.edited) {
      input = decision.input;
      item.input = input;
      // Values the person typed into the card are theirs from now on.
      harvestValues(input, t.typed);
    }
    return execute(decision.input, tool.name === AGENT_DELETE_TOOL ? 'typed_confirmation' : 'clicked');
  };
}

/** The call's own promise, or 'aborted' the moment the turn is cancelled (a slow call cannot hold it). */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(signal.aborted ? 'aborted' : v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) resolve('aborted');
        else reject(e);
      },
    );
  });
}
