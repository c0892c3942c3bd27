// The Claude triage chat: the turn loop in main (streaming, tools through the vault-backed tool
// service, approvals before every write), threads per profile, and the events the page follows.
//
// A turn: the person's message → up to `maxSteps` model calls; after each call that asks for
// tools, reads run at once and writes wait for the person (approve / edit / reject). Cancel
// aborts the stream, any approval that is waiting and the tool call in flight.
import { randomUUID } from 'node:crypto';
import type { ContentBlockParam, MessageParam, Tool, ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import type Anthropic from '@anthropic-ai/sdk';
import { CoreError, type AccountService, type ConnectedAccount, type ExecuteOptions, type ToolDescriptor, type ToolResult } from '../types';
import type {
  ApprovalDecision,
  ChatEvent,
  PendingApproval,
  ThreadItem,
  ThreadSummary,
  ThreadView,
  TokenUsage,
  TurnEndReason,
} from '../../../src-shared/contract/chat';
import { prepareOutgoing, projectForModel, validateToolInput } from '../tools';
import { createAnthropicClient, describeAnthropicError, isAbort } from './anthropic';
import type { ChatPayload, SecretOpenResult, StoredThread } from '../vault';
import { AGENT_DELETE_TOOL, buildCard, canAllowAhead, confirmationMatches, needsCard } from './approvals';
import {
  APP_CLOSED_RESULT,
  MODEL_MAX_BYTES,
  MODEL_MAX_MESSAGES,
  recentHistory,
  repairHistory,
  STORED_MAX_ITEMS,
  STORED_MAX_MESSAGES,
  STORED_MAX_PROFILE_BYTES,
  STORED_MAX_THREAD_BYTES,
  STORED_MAX_THREADS,
} from './history';
import { systemPrompt, userMessageText } from './prompt';
import { modelResultFor, type ModelResult } from './results';
import { harvestReturned, harvestValues, normalizeValue, typedValues } from './untrusted';

export type { ChatEvent, PendingApproval, ThreadView, ThreadSummary, TurnEndReason } from '../../../src-shared/contract/chat';

export const DEFAULT_MODEL = 'claude-sonnet-4-6';
export const DEFAULT_MAX_STEPS = 8;

/** What the chat needs from the vault (the real Vault satisfies this). */
export interface ChatVault {
  anthropicKey: {
    set(identifier: string, key: string | null): void;
    get(identifier: string): string | undefined;
    status(identifier: string): { configured: boolean };
  };
  settings: { get(): { model: string; autoApproveTools: string[] } };
  /** sealed per-profile thread storage; without it threads live in memory only */
  chats?: {
    get(identifier: string): SecretOpenResult<ChatPayload>;
    save(identifier: string, payload: ChatPayload): void;
    delete(identifier: string): void;
  };
}

export interface ChatTools {
  list(identifier?: string): ToolDescriptor[];
  /** as list, after reading the profile's current roles (preferred when present) */
  listFor?(identifier: string): Promise<ToolDescriptor[]>;
  execute(identifier: string, name: string, input: unknown, opts?: ExecuteOptions): Promise<ToolResult>;
}

export interface ChatServiceDeps {
  accounts: Pick<AccountService, 'get'>;
  tools: ChatTools;
  vault: ChatVault;
  anthropicBaseURL?: string;
  now: () => number;
  log: (line: string) => void;
  /** model calls per turn (default 8) */
  maxSteps?: number;
  /** per Anthropic request (default 60 s) */
  requestTimeoutMs?: number;
  /** SDK retries for 429/5xx/network (default 1) */
  maxRetries?: number;
  maxTokens?: number;
  /** history sent to the model per request (default 60 messages / 150 KB of JSON) */
  modelMaxMessages?: number;
  modelMaxBytes?: number;
}

export type ChatEventListener = (event: ChatEvent) => void;

export interface ChatService {
  /** Saves (or with null, removes) the profile's Anthropic key. Never returned anywhere. */
  setApiKey(identifier: string, key: string | null): Promise<void>;
  apiKeyStatus(identifier: string): { configured: boolean };
  /** A cheap authenticated call (the configured model's info) to check key and model. */
  testApiKey(identifier: string): Promise<{ ok: boolean; message: string }>;
  /** One turn. Resolves when it ends (any reason); rejects only when it cannot start. */
  send(identifier: string, threadId: string, text: string, opts?: { ticketId?: number }): Promise<TurnEndReason>;
  onEvent(listener: ChatEventListener): () => void;
  /** Answers a waiting approval. Throws CoreError (invalid_input, confirmation_mismatch,
   *  unknown_approval) and keeps it waiting when the answer cannot be used. */
  resolveApproval(callId: string, decision: Omit<ApprovalDecision, 'callId'>, identifier?: string): Promise<void>;
  /** Stops the thread's running turn; with an identifier, only that profile's thread. */
  cancel(threadId: string, identifier?: string): boolean;
  pendingApprovals(identifier: string): PendingApproval[];
  thread(identifier: string, threadId: string): ThreadView;
  threads(identifier: string): ThreadSummary[];
  /** Drops the profile's threads and approvals (on disconnect). */
  forgetProfile(identifier: string): Promise<void>;
  close(): Promise<void>;
}

interface ThreadState {
  identifier: string;
  threadId: string;
  title: string;
  updatedAt: string;
  /** what the model sees */
  history: MessageParam[];
  /** what the page shows */
  items: ThreadItem[];
  /** addresses and ids the person typed (trusted) */
  typed: Set<string>;
  /** addresses and ids seen in Freshdesk data (customer-controlled) */
  seen: Set<string>;
  /** ids and addresses the helpdesk returned as record fields (memory only) */
  returned?: Set<string>;
  allowTools: Set<string>;
  turn?: { id: string; controller: AbortController; done: Promise<TurnEndReason> };
  /** the thread as of its last turn end: what is saved (a turn in flight is never half-saved) */
  snapshot?: StoredThread;
  /** tokens of every turn so far */
  usage: TokenUsage;
}

type Settled =
  { kind: 'approved'; input: Record<string, unknown>; edited: boolean } | { kind: 'rejected'; reason?: string } | { kind: 'cancelled' };

interface PendingEntry {
  approval: PendingApproval;
  thread: ThreadState;
  confirmText?: string;
  settle(s: Settled): void;
}

const noUsage = (): TokenUsage => ({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0 });
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

const threadKey = (identifier: string, threadId: string) => `${identifier}\u0000${threadId}`;
const asInput = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

class TurnCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

export function createChatService(deps: ChatServiceDeps): ChatService {
  const maxSteps = deps.maxSteps ?? DEFAULT_MAX_STEPS;
  const timeoutMs = deps.requestTimeoutMs ?? 60_000;
  const maxRetries = deps.maxRetries ?? 1;
  const maxTokens = deps.maxTokens ?? 4096;
  const modelMaxMessages = deps.modelMaxMessages ?? MODEL_MAX_MESSAGES;
  const modelMaxBytes = deps.modelMaxBytes ?? MODEL_MAX_BYTES;
  const threads = new Map<string, ThreadState>();
  /** profiles whose stored threads were read into `threads` */
  const loaded = new Set<string>();
  /** profiles whose saved threads exist but could not be opened: never overwritten (nothing lost) */
  const unreadable = new Set<string>();
  const pending = new Map<string, PendingEntry>();
  const listeners = new Set<ChatEventListener>();
  let closed = false;
  const iso = () => new Date(deps.now()).toISOString();

  function emit(event: ChatEvent): void {
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // a listener's failure never breaks a turn
      }
    }
  }

  function settings(): { model: string; autoApproveTools: string[] } {
    try {
      const s = deps.vault.settings.get();
      return { model: s.model || DEFAULT_MODEL, autoApproveTools: s.autoApproveTools ?? [] };
    } catch {
      return { model: DEFAULT_MODEL, autoApproveTools: [] };
    }
  }

  function getThread(identifier: string, threadId: string, create: true): ThreadState;
  function getThread(identifier: string, threadId: string, create?: false): ThreadState | undefined;
  function getThread(identifier: string, threadId: string, create = false): ThreadState | undefined {
    loadProfile(identifier);
    const key = threadKey(identifier, threadId);
    let t = threads.get(key);
    if (!t && create) {
      t = {
        identifier,
        threadId,
        title: '',
        updatedAt: iso(),
        history: [],
        items: [],
        typed: new Set(),
        seen: new Set(),
        allowTools: new Set(),
        usage: noUsage(),
      };
      threads.set(key, t);
    }
    return t;
  }

  /** The key for one turn, or a CoreError telling the person what to do. */
  function anthropicKeyFor(identifier: string): string {
    let key: string | undefined;
    try {
      key = deps.vault.anthropicKey.get(identifier);
    } catch {
      key = undefined;
    }
    if (key) return key;
    if (deps.vault.anthropicKey.status(identifier).configured) {
      throw new CoreError(
        'anthropic_key_unreadable',
        'The saved Anthropic key cannot be read on this computer any more. Enter it again in Settings → Claude.',
      );
    }
    throw new CoreError('no_api_key', 'Claude needs an Anthropic API key for this profile. Add one in Settings → Claude.');
  }

  function client(identifier: string): Anthropic {
    return createAnthropicClient({ apiKey: anthropicKeyFor(identifier), baseURL: deps.anthropicBaseURL, timeoutMs, maxRetries });
  }

  // ---- storage -------------------------------------------------------------------------------

  /** Reads the profile's saved threads the first time one of its threads is used. */
  function loadProfile(identifier: string): void {
    if (loaded.has(identifier) || !deps.vault.chats) return;
    loaded.add(identifier);
    let opened: SecretOpenResult<ChatPayload>;
    try {
      opened = deps.vault.chats.get(identifier);
    } catch {
      opened = { ok: false, failure: 'unavailable' };
    }
    if (!opened.ok) {
      if (opened.failure !== 'missing') {
        unreadable.add(identifier);
        deps.log(`chat: saved threads could not be opened (${opened.failure}); they are kept and not overwritten`);
      }
      return;
    }
    const payload = opened.data;
    for (const stored of payload.threads) {
      const key = threadKey(identifier, stored.threadId);
      if (threads.has(key)) continue;
      const history = repairHistory(stored.history as MessageParam[]);
      // Nothing runs or waits after a restart.
      const items = stored.items.map((i) =>
        i.kind === 'tool' && (i.status === 'running' || i.status === 'awaiting_approval')
          ? { ...i, status: 'cancelled' as const, summary: i.summary ?? APP_CLOSED_RESULT }
          : i,
      );
      const t: ThreadState = {
        identifier,
        threadId: stored.threadId,
        title: stored.title,
        updatedAt: stored.updatedAt,
        history,
        items,
        typed: new Set(stored.typed),
        seen: new Set(stored.seen),
        // Tools allowed ahead are a decision for one sitting: a restart asks again.
        allowTools: new Set(),
        usage: stored.usage ?? noUsage(),
      };
      t.snapshot = snapshotOf(t);
      threads.set(key, t);
    }
  }

  function snapshotOf(t: ThreadState): StoredThread {
    return structuredClone({
      threadId: t.threadId,
      title: t.title,
      updatedAt: t.updatedAt,
      history: recentHistory(t.history, STORED_MAX_MESSAGES, STORED_MAX_THREAD_BYTES),
      items: t.items.slice(-STORED_MAX_ITEMS),
      typed: [...t.typed].slice(-1000),
      seen: [...t.seen].slice(-5000),
      usage: t.usage,
    }) as StoredThread;
  }

  /** Saves the profile's threads as of their last turn end (the most recent ones, capped). */
  function saveProfile(identifier: string): void {
    if (!deps.vault.chats || unreadable.has(identifier)) return;
    const stored = [...threads.values()]
      .filter((t) => t.identifier === identifier && t.snapshot)
      .map((t) => t.snapshot as StoredThread)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, STORED_MAX_THREADS);
    // The oldest threads give way first when the profile's chat grows too large.
    while (stored.length > 1 && JSON.stringify(stored).length > STORED_MAX_PROFILE_BYTES) stored.pop();
    try {
      deps.vault.chats.save(identifier, { threads: stored });
    } catch (err) {
      // The thread stays usable in memory; only the copy on disk is behind.
      deps.log(`chat: threads were not saved (${err instanceof CoreError ? err.code : 'error'})`);
    }
  }

  // ---- history -------------------------------------------------------------------------------

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

  // ---- one turn ------------------------------------------------------------------------------

  async function runTurn(
    t: ThreadState,
    turnId: string,
    controller: AbortController,
    text: string,
    ticketId?: number,
  ): Promise<TurnEndReason> {
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
                content: closed ? APP_CLOSED_RESULT : 'Cancelled by the agent before this call ran.',
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
    t.snapshot = snapshotOf(t);
    saveProfile(identifier);
    emit({ type: 'turn_end', identifier, threadId, turnId, reason, steps, usage, threadUsage: { ...t.usage } });
    return reason;
  }

  async function runToolCall(
    t: ThreadState,
    use: ToolUseBlock,
    byName: Map<string, ToolDescriptor>,
    listed: ToolDescriptor[],
    account: ConnectedAccount | undefined,
    autoApproveTools: string[],
    signal: AbortSignal,
  ): Promise<ToolResultBlockParam> {
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

    const execute = async (toolInput: Record<string, unknown>): Promise<ToolResultBlockParam> => {
      item.status = 'running';
      let outcome: ToolResult | 'aborted';
      try {
        outcome = await raceAbort(deps.tools.execute(identifier, tool.name, toolInput, { signal, priority: 'chat' }), signal);
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
    const ctx = { settingsAllowed: autoApproveTools, threadAllowed: t.allowTools, typed: t.typed, seen: t.seen };
    const { card: asks, flags } = needsCard(tool, input, { ...ctx, returned: t.returned ?? new Set() });
    if (!asks) {
      emit({ type: 'tool_call', identifier, threadId, callId, tool: tool.name, effect: tool.effect, input, needsApproval: false });
      emit({ type: 'approval_resolved', identifier, threadId, callId, outcome: 'auto_approved' });
      return execute(input);
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
    const decision = await new Promise<Settled>((resolve) => {
      const onAbort = () => entry.settle({ kind: 'cancelled' });
      const entry: PendingEntry = {
        approval,
        thread: t,
        confirmText: card.confirmText,
        settle(s) {
          if (!pending.has(callId)) return;
          pending.delete(callId);
          signal.removeEventListener('abort', onAbort);
          resolve(s);
        },
      };
      pending.set(callId, entry);
      signal.addEventListener('abort', onAbort, { once: true });
      emit({ type: 'approval_required', ...approval });
    });

    if (decision.kind === 'cancelled') {
      emit({ type: 'approval_resolved', identifier, threadId, callId, outcome: 'cancelled' });
      if (closed) return failWith('cancelled', APP_CLOSED_RESULT, 'cancelled');
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
    return execute(decision.input);
  }

  // ---- the service ---------------------------------------------------------------------------

  const service: ChatService = {
    async setApiKey(identifier, key) {
      deps.vault.anthropicKey.set(identifier, key);
    },

    apiKeyStatus(identifier) {
      return { configured: deps.vault.anthropicKey.status(identifier).configured };
    },

    async testApiKey(identifier) {
      const { model } = settings();
      let anthropic: Anthropic;
      try {
        anthropic = client(identifier);
      } catch (err) {
        return { ok: false, message: err instanceof CoreError ? err.message : 'The Anthropic key could not be read.' };
      }
      try {
        await anthropic.models.retrieve(model);
        return { ok: true, message: `The key works and the model "${model}" is available.` };
      } catch (err) {
        const d = describeAnthropicError(err, model);
        deps.log(`chat: key test failed with ${d.code}`);
        return { ok: false, message: d.message };
      }
    },

    async send(identifier, threadId, text, opts = {}) {
      if (closed) throw new CoreError('closed', 'Triage Desk is closing.');
      const trimmed = text.trim();
      if (!trimmed) throw new CoreError('invalid_input', 'Type a question first.');
      const t = getThread(identifier, threadId, true);
      if (t.turn) throw new CoreError('busy', 'Claude is still answering in this chat. Wait for it, or press Stop.');
      const controller = new AbortController();
      const turnId = randomUUID();
      const done = runTurn(t, turnId, controller, trimmed, opts.ticketId).finally(() => {
        if (t.turn?.id === turnId) t.turn = undefined;
        // Anything still waiting on this turn is moot now.
        for (const [id, p] of pending) if (p.thread === t) pending.get(id)?.settle({ kind: 'cancelled' });
      });
      t.turn = { id: turnId, controller, done };
      return done;
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async resolveApproval(callId, decision, identifier) {
      const entry = pending.get(callId);
      if (!entry || (identifier !== undefined && entry.approval.identifier !== identifier)) {
        throw new CoreError('unknown_approval', 'This approval is no longer waiting: it was already answered or the turn was stopped.');
      }
      if (!decision.approved) {
        entry.settle({ kind: 'rejected', reason: decision.reason?.slice(0, 2000) });
        return;
      }
      const original = asInput(entry.approval.input);
      let input = original;
      let edited = false;
      if (decision.input !== undefined && JSON.stringify(decision.input) !== JSON.stringify(original)) {
        // The tool's own zod schema (and its extra rules), exactly as execute() will apply them.
        const checked = validateToolInput(entry.approval.tool, decision.input);
        if (!checked.ok) {
          throw new CoreError(
            'invalid_input',
            `The edited input cannot be sent: ${fieldsText(checked.fields)} Fix it and approve again, or reject.`,
          );
        }
        const prepared = prepareOutgoing(entry.approval.tool, decision.input);
        if (!prepared.ok) {
          throw new CoreError(
            'invalid_input',
            `The edited input cannot be sent: ${fieldsText(prepared.fields)} Fix it and approve again, or reject.`,
          );
        }
        input = asInput(prepared.input);
        edited = true;
      }
      if (entry.approval.tool === AGENT_DELETE_TOOL) {
        if (Number(input.agent_id) !== Number(original.agent_id)) {
          throw new CoreError('invalid_input', 'The agent to delete cannot be changed here. Reject this call and ask Claude again.');
        }
        if (!confirmationMatches(entry.confirmText ?? '', decision.confirmText)) {
          throw new CoreError('confirmation_mismatch', `To delete this agent, type ${entry.confirmText} exactly as shown.`);
        }
      }
      if (decision.allowForThread && entry.approval.canAllowForThread) entry.thread.allowTools.add(entry.approval.tool);
      entry.settle({ kind: 'approved', input, edited });
    },

    cancel(threadId, identifier) {
      let cancelled = false;
      for (const t of threads.values()) {
        if (t.threadId !== threadId || (identifier !== undefined && t.identifier !== identifier) || !t.turn) continue;
        t.turn.controller.abort();
        cancelled = true;
      }
      return cancelled;
    },

    pendingApprovals(identifier) {
      return [...pending.values()].filter((p) => p.approval.identifier === identifier).map((p) => p.approval);
    },

    thread(identifier, threadId) {
      const t = getThread(identifier, threadId);
      return {
        threadId,
        busy: Boolean(t?.turn),
        items: t ? structuredClone(t.items) : [],
        allowedTools: t ? [...t.allowTools] : [],
        usage: t ? { ...t.usage } : undefined,
      };
    },

    threads(identifier) {
      loadProfile(identifier);
      return [...threads.values()]
        .filter((t) => t.identifier === identifier)
        .map((t) => ({ threadId: t.threadId, title: t.title || 'New chat', updatedAt: t.updatedAt, busy: Boolean(t.turn) }))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },

    async forgetProfile(identifier) {
      const mine = [...threads.entries()].filter(([, t]) => t.identifier === identifier);
      for (const [, t] of mine) t.turn?.controller.abort();
      await Promise.allSettled(mine.map(([, t]) => t.turn?.done));
      for (const [key] of mine) threads.delete(key);
      loaded.delete(identifier);
      unreadable.delete(identifier);
      try {
        deps.vault.chats?.delete(identifier);
      } catch {
        deps.log('chat: saved threads could not be removed');
      }
    },

    async close() {
      closed = true;
      const running = [...threads.values()].filter((t) => t.turn);
      for (const t of running) t.turn?.controller.abort();
      await Promise.allSettled(running.map((t) => t.turn?.done));
      listeners.clear();
    },
  };
  return service;
}

function fieldsText(fields: readonly { field: string; message: string }[]): string {
  if (fields.length === 0) return 'the input is not valid.';
  return fields
    .slice(0, 5)
    .map((f) => `${f.field ? `${f.field}: ` : ''}${f.message.replace(/\.$/, '')}`)
    .join('; ')
    .concat('.');
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
