// The turn loop: the person's message → up to `maxSteps` model calls (streamed); after each call
// that asks for tools, every tool_use runs through the tool-call runner (reads at once, writes
// through the approval gate) and gets its tool_result. The turn ends with the thread committed
// to storage and a `turn_end` event, whatever the reason.
import { randomUUID } from 'node:crypto';
import type { ContentBlockParam, Tool, ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import type Anthropic from '@anthropic-ai/sdk';
import { CoreError, type ToolDescriptor } from '../types';
import type { ChatEvent, ThreadItem, TokenUsage, TurnEndReason } from '../../../src-shared/contract/chat';
import { describeAnthropicError, isAbort } from './anthropic';
import { APP_CLOSED_RESULT, recentHistory } from './history';
import { systemPrompt, userMessageText } from './prompt';
import { noUsage, type ThreadState, type ThreadStore } from './threads';
import type { RunToolCall } from './tool-call';
import type { ChatServiceDeps } from './types';
import { normalizeValue, typedValues } from './untrusted';

export interface TurnContext {
  accounts: ChatServiceDeps['accounts'];
  tools: ChatServiceDeps['tools'];
  store: Pick<ThreadStore, 'commit'>;
  runToolCall: RunToolCall;
  emit(event: ChatEvent): void;
  log(line: string): void;
  iso(): string;
  closed(): boolean;
  settings(): { model: string; autoApproveTools: string[] };
  /** the profile's Anthropic client; throws a CoreError saying what to do without a usable key */
  client(identifier: string): Anthropic;
  maxSteps: number;
  maxTokens: number;
  modelMaxMessages: number;
  modelMaxBytes: number;
}

export type RunTurn = (
  t: ThreadState,
  turnId: string,
  controller: AbortController,
  text: string,
  ticketId?: number,
) => Promise<TurnEndReason>;

const tokens = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
/** Adds one Messages API answer's usage (cache fields are null when the model did not report them). */
function addUsage(
  to: TokenUsage,
  u:
    | {
        input_tokens?: number | null;
        output_tokens?: number | null;
        cache_read_input_tokens?: number | null;
        cache_creation_input_tokens?: number | null;
      }
    | undefined,
): void {
  if (!u) return;
  to.input += tokens(u.input_tokens);
  to.output += tokens(u.output_tokens);
  to.cacheRead += tokens(u.cache_read_input_tokens);
  to.cacheWrite += tokens(u.cache_creation_input_tokens);
}

class TurnCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

/** Consecutive user content is merged: after tool results, or after a turn that failed. */
function appendUserContent(t: ThreadState, blocks: ContentBlockParam[]): void {
  const last = t.history.at(-1);
  if (last?.role === 'user') {
    const prev: ContentBlockParam[] = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : [...last.content];
    last.content = [...prev, ...blocks];
  } else {
    t.history.push({ role: 'user', content: blocks });
  }
}

function hasToolBlocks(t: ThreadState): boolean {
  return t.history.some((m) => typeof m.content !== 'string' && m.content.some((b) => b.type === 'tool_use'));
}

export function createTurnRunner(ctx: TurnContext): RunTurn {
  const { emit, iso, settings, client, runToolCall, maxSteps, maxTokens, modelMaxMessages, modelMaxBytes } = ctx;
  const deps = { accounts: ctx.accounts, tools: ctx.tools, log: ctx.log };

  /** Tools the agent's role can use, with a cache breakpoint after the last definition. */
  async function toolDefinitions(
    identifier: string,
    t: ThreadState,
  ): Promise<{ defs: Tool[]; byName: Map<string, ToolDescriptor>; listed: ToolDescriptor[] }> {
    let listed: ToolDescriptor[] = [];
    try {
      listed = deps.tools.listFor ? await deps.tools.listFor(identifier) : deps.tools.list(identifier);
    } catch {
      listed = [];
    }
    const usable = listed.filter((d) => d.available !== false);
    // The API refuses a history with tool_use blocks but no tools: when nothing is usable now
    // (e.g. the key was revoked) the definitions stay, and every call is refused with the reason.
    const offered = usable.length === 0 && hasToolBlocks(t) ? listed : usable;
    const defs: Tool[] = offered.map((d) => ({
      name: d.name,
      description: d.description,
      input_schema: d.inputSchema as Tool['input_schema'],
    }));
    if (defs.length > 0) defs[defs.length - 1] = { ...defs[defs.length - 1], cache_control: { type: 'ephemeral' } };
    return { defs, byName: new Map(usable.map((d) => [d.name, d])), listed };
  }

  return async function runTurn(t, turnId, controller, text, ticketId) {
    const { identifier, threadId } = t;
    const signal = controller.signal;
    let steps = 0;
    let reason: TurnEndReason = 'end_turn';
    const usage = noUsage();
    emit({ type: 'turn_start', identifier, threadId, turnId });

    const account = await deps.accounts.get(identifier).catch(() => undefined);
    typedValues(text, t.typed);
    if (ticketId !== undefined) t.typed.add(normalizeValue(ticketId));
    if (account?.agent) {
      t.typed.add(normalizeValue(account.agent.id));
      t.typed.add(normalizeValue(account.agent.email));
    }
    t.items.push({ kind: 'user', id: randomUUID(), text, ticketId, at: iso() });
    if (!t.title) t.title = text.slice(0, 80);
    appendUserContent(t, [{ type: 'text', text: userMessageText(text, ticketId) }]);

    const { model, autoApproveTools } = settings();
    try {
      const anthropic = client(identifier);
      const system = [{ type: 'text' as const, text: systemPrompt(account), cache_control: { type: 'ephemeral' as const } }];
      for (;;) {
        if (signal.aborted) throw new TurnCancelled();
        steps++;
        const { defs, byName, listed } = await toolDefinitions(identifier, t);
        const messageId = randomUUID();
        let item: Extract<ThreadItem, { kind: 'assistant' }> | undefined;
        const stream = anthropic.messages.stream(
          {
            model,
            max_tokens: maxTokens,
            system,
            messages: recentHistory(t.history, modelMaxMessages, modelMaxBytes),
            ...(defs.length > 0 ? { tools: defs } : {}),
          },
          { signal },
        );
        stream.on('text', (delta) => {
          if (!item) {
            item = { kind: 'assistant', id: messageId, text: '', at: iso() };
            t.items.push(item);
          }
          item.text += delta;
          emit({ type: 'text_delta', identifier, threadId, messageId, text: delta });
        });
        let final;
        try {
          final = await stream.finalMessage();
          addUsage(usage, final.usage);
          addUsage(t.usage, final.usage);
        } catch (err) {
          // What was already shown stays in the thread, for the model too.
          if (item?.text) t.history.push({ role: 'assistant', content: [{ type: 'text', text: item.text }] });
          throw err;
        }
        // A tool_use cut off by max_tokens is dropped: it will not run, and an unanswered
        // tool_use would make every later request of this thread invalid.
        const wantsTools = final.stop_reason === 'tool_use';
        const content: ContentBlockParam[] = [];
        for (const b of final.content) {
          if (b.type === 'text' && b.text) content.push({ type: 'text', text: b.text });
          if (b.type === 'tool_use' && wantsTools) content.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input });
        }
        if (content.length > 0) t.history.push({ role: 'assistant', content });
        const uses = final.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
        if (!wantsTools || uses.length === 0) {
          reason = final.stop_reason === 'max_tokens' ? 'max_tokens' : final.stop_reason === 'refusal' ? 'refusal' : 'end_turn';
          break;
        }
        const results: ToolResultBlockParam[] = [];
        try {
          for (const use of uses) {
            if (steps >= maxSteps) {
              results.push({
                type: 'tool_result',
                tool_use_id: use.id,
                is_error: true,
                content: `Not run: this turn reached its limit of ${maxSteps} steps. Tell the agent what is left to do.`,
              });
              continue;
            }
            if (signal.aborted) break;
            results.push(await runToolCall(t, use, byName, listed, account, autoApproveTools, signal));
          }
        } finally {
          // Every tool_use gets its tool_result, or the next request would be refused.
          for (const use of uses) {
            if (!results.some((r) => r.tool_use_id === use.id)) {
              results.push({
                type: 'tool_result',
                tool_use_id: use.id,
                is_error: true,
                content: ctx.closed() ? APP_CLOSED_RESULT : 'Cancelled by the agent before this call ran.',
              });
            }
          }
          appendUserContent(t, results);
        }
        if (signal.aborted) throw new TurnCancelled();
        if (steps >= maxSteps) {
          reason = 'max_steps';
          const message = `Claude used all ${maxSteps} steps of this turn. Send another message to let it continue.`;
          t.items.push({ kind: 'error', id: randomUUID(), code: 'max_steps', message, at: iso() });
          emit({ type: 'error', identifier, threadId, code: 'max_steps', message });
          break;
        }
      }
    } catch (err) {
      if (signal.aborted || err instanceof TurnCancelled || isAbort(err)) {
        reason = 'cancelled';
      } else {
        reason = 'error';
        const described = err instanceof CoreError ? { code: err.code, message: err.message } : describeAnthropicError(err, model);
        deps.log(`chat: turn ended with ${described.code}`);
        t.items.push({ kind: 'error', id: randomUUID(), code: described.code, message: described.message, at: iso() });
        emit({ type: 'error', identifier, threadId, code: described.code, message: described.message });
      }
    }
    t.updatedAt = iso();
    ctx.store.commit(t);
    emit({ type: 'turn_end', identifier, threadId, turnId, reason, steps, usage, threadUsage: { ...t.usage } });
    return reason;
  };
}
