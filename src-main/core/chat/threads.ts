// Thread storage: the threads of every profile in memory, read from the profile's sealed chat
// record the first time one is used, and saved as of each turn end (a turn in flight is never
// half-saved). Saved threads that exist but cannot be opened are kept and never overwritten.
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { CoreError } from '../types';
import type { ThreadItem, TokenUsage, TurnEndReason } from '../../../src-shared/contract/chat';
import type { ChatPayload, SecretOpenResult, StoredThread } from '../vault';
import type { ChatVault } from './types';
import {
  APP_CLOSED_RESULT,
  recentHistory,
  repairHistory,
  STORED_MAX_ITEMS,
  STORED_MAX_MESSAGES,
  STORED_MAX_PROFILE_BYTES,
  STORED_MAX_THREAD_BYTES,
  STORED_MAX_THREADS,
} from './history';

export interface ThreadState {
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

export const noUsage = (): TokenUsage => ({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0 });

const threadKey = (identifier: string, threadId: string) => `${identifier}\u0000${threadId}`;

export interface ThreadStoreDeps {
  vault: Pick<ChatVault, 'chats'>;
  now: () => number;
  log: (line: string) => void;
}

export interface ThreadStore {
  /** The thread (read from storage first if the profile's threads were not read yet). */
  get(identifier: string, threadId: string, create: true): ThreadState;
  get(identifier: string, threadId: string, create?: false): ThreadState | undefined;
  /** Reads the profile's saved threads the first time one of its threads is used. */
  loadProfile(identifier: string): void;
  /** every thread in memory, of every profile */
  all(): ThreadState[];
  /** the profile's threads in memory (after reading its saved ones) */
  ofProfile(identifier: string): ThreadState[];
  /** Takes the thread as it is now as what is saved, and saves the profile's threads. */
  commit(t: ThreadState): void;
  /** Drops the profile's threads from memory and storage (their turns must have ended). */
  forget(identifier: string): void;
}

export function createThreadStore(deps: ThreadStoreDeps): ThreadStore {
  const threads = new Map<string, ThreadState>();
  /** profiles whose stored threads were read into `threads` */
  const loaded = new Set<string>();
  /** profiles whose saved threads exist but could not be opened: never overwritten (nothing lost) */
  const unreadable = new Set<string>();
  const iso = () => new Date(deps.now()).toISOString();

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

  return {
    get: getThread,
    loadProfile,
    all: () => [...threads.values()],
    ofProfile(identifier) {
      loadProfile(identifier);
      return [...threads.values()].filter((t) => t.identifier === identifier);
    },
    commit(t) {
      t.snapshot = snapshotOf(t);
      saveProfile(t.identifier);
    },
    forget(identifier) {
      for (const [key, t] of threads) if (t.identifier === identifier) threads.delete(key);
      loaded.delete(identifier);
      unreadable.delete(identifier);
      try {
        deps.vault.chats?.delete(identifier);
      } catch {
        deps.log('chat: saved threads could not be removed');
      }
    },
  };
}

/** What is saved of a thread: its recent history and items, capped. */
export function snapshotOf(t: ThreadState): StoredThread {
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
