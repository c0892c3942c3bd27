// The Claude triage chat: the turn loop in main (streaming, tools through the vault-backed tool
// service, approvals before every write), threads per profile, and the events the page follows.
//
// This file wires the parts together: thread storage (threads.ts), the turn loop (turn.ts), one
// tool call (tool-call.ts) and the approval gate (gate.ts). Cancel aborts the stream, any
// approval that is waiting and the tool call in flight.
import { randomUUID } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import { CoreError } from '../types';
import type { ChatEvent } from '../../../src-shared/contract/chat';
import { createAnthropicClient, describeAnthropicError } from './anthropic';
import { createApprovalGate } from './gate';
import { MODEL_MAX_BYTES, MODEL_MAX_MESSAGES } from './history';
import { createThreadStore } from './threads';
import { createToolCallRunner } from './tool-call';
import { createTurnRunner } from './turn';
import { DEFAULT_MAX_STEPS, DEFAULT_MODEL, type ChatEventListener, type ChatService, type ChatServiceDeps } from './types';

export type { ChatEvent, PendingApproval, ThreadView, ThreadSummary, TurnEndReason } from '../../../src-shared/contract/chat';
export { DEFAULT_MAX_STEPS, DEFAULT_MODEL } from './types';
export type { ChatEventListener, ChatService, ChatServiceDeps, ChatTools, ChatVault } from './types';

export function createChatService(deps: ChatServiceDeps): ChatService {
  const timeoutMs = deps.requestTimeoutMs ?? 60_000;
  const maxRetries = deps.maxRetries ?? 1;
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

  const store = createThreadStore({ vault: deps.vault, now: deps.now, log: deps.log });
  const gate = createApprovalGate(emit);
  const isClosed = () => closed;
  const runToolCall = createToolCallRunner({ tools: deps.tools, gate, emit, log: deps.log, iso, closed: isClosed });
  const runTurn = createTurnRunner({
    accounts: deps.accounts,
    tools: deps.tools,
    store,
    runToolCall,
    emit,
    log: deps.log,
    iso,
    closed: isClosed,
    settings,
    client,
    maxSteps: deps.maxSteps ?? DEFAULT_MAX_STEPS,
    maxTokens: deps.maxTokens ?? 4096,
    modelMaxMessages: deps.modelMaxMessages ?? MODEL_MAX_MESSAGES,
    modelMaxBytes: deps.modelMaxBytes ?? MODEL_MAX_BYTES,
  });

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
      const t = store.get(identifier, threadId, true);
      if (t.turn) throw new CoreError('busy', 'Claude is still answering in this chat. Wait for it, or press Stop.');
      const controller = new AbortController();
      const turnId = randomUUID();
      const done = runTurn(t, turnId, controller, trimmed, opts.ticketId).finally(() => {
        if (t.turn?.id === turnId) t.turn = undefined;
        // Anything still waiting on this turn is moot now.
        gate.cancelThread(t);
      });
      t.turn = { id: turnId, controller, done };
      return done;
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async resolveApproval(callId, decision, identifier) {
      gate.resolve(callId, decision, identifier);
    },

    cancel(threadId, identifier) {
      let cancelled = false;
      for (const t of store.all()) {
        if (t.threadId !== threadId || (identifier !== undefined && t.identifier !== identifier) || !t.turn) continue;
        t.turn.controller.abort();
        cancelled = true;
      }
      return cancelled;
    },

    pendingApprovals(identifier) {
      return gate.pending(identifier);
    },

    thread(identifier, threadId) {
      const t = store.get(identifier, threadId);
      return {
        threadId,
        busy: Boolean(t?.turn),
        items: t ? structuredClone(t.items) : [],
        allowedTools: t ? [...t.allowTools] : [],
        usage: t ? { ...t.usage } : undefined,
      };
    },

    threads(identifier) {
      return store
        .ofProfile(identifier)
        .map((t) => ({ threadId: t.threadId, title: t.title || 'New chat', updatedAt: t.updatedAt, busy: Boolean(t.turn) }))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },

    async forgetProfile(identifier) {
      const mine = store.all().filter((t) => t.identifier === identifier);
      for (const t of mine) t.turn?.controller.abort();
      await Promise.allSettled(mine.map((t) => t.turn?.done));
      store.forget(identifier);
    },

    async close() {
      closed = true;
      const running = store.all().filter((t) => t.turn);
      for (const t of running) t.turn?.controller.abort();
      await Promise.allSettled(running.map((t) => t.turn?.done));
      listeners.clear();
    },
  };
  return service;
}
