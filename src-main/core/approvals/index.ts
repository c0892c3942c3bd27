// core.approvals: every write waiting for the person, whichever origin raised it (the chat, an
// MCP client, a triage plan), answered through one resolve(). Each origin keeps its own waiting
// calls and registers here as a source; the rules for what must ask live in chat/approvals.ts.
import { CoreError, type WriteOrigin } from '../types';
import type { PendingApproval } from '../../../src-shared/contract/chat';

export type { PendingApproval } from '../../../src-shared/contract/chat';

/** The person's answer. `confirmText` is the typed confirmation (agent delete); `allowAhead`
 *  allows the tool for the rest of the chat thread / MCP session (never the tools that always
 *  ask: replies, agent create and agent delete, src-shared/approval-rules.ts). */
export type ApprovalAnswer =
  { approve: true; input?: unknown; confirmText?: string; allowAhead?: boolean } | { approve: false; reason?: string };

export interface ApprovalSource {
  origin: WriteOrigin;
  pending(): PendingApproval[];
  /** Throws CoreError when the answer cannot be used (the approval keeps waiting). */
  resolve(id: string, answer: ApprovalAnswer): Promise<void>;
}

export interface ApprovalRegistry {
  /** adds a source; returns its removal */
  add(source: ApprovalSource): () => void;
  pending(): PendingApproval[];
  resolve(id: string, answer: ApprovalAnswer): Promise<void>;
}

export function createApprovalRegistry(): ApprovalRegistry {
  const sources = new Set<ApprovalSource>();
  const pendingOf = (s: ApprovalSource): PendingApproval[] =>
    s.pending().map((a) => ({ ...a, origin: a.origin ?? (s.origin === 'ui' ? undefined : s.origin) }));
  return {
    add(source) {
      sources.add(source);
      return () => sources.delete(source);
    },
    pending() {
      return [...sources].flatMap(pendingOf).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async resolve(id, answer) {
      for (const s of sources) {
        if (s.pending().some((a) => a.callId === id)) return s.resolve(id, answer);
      }
      throw new CoreError('unknown_approval', 'This approval is no longer waiting: it was already answered, timed out or was stopped.');
    },
  };
}
