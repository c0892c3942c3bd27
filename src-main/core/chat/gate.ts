// The approval gate: every write that asks the person waits here. It owns the pending approvals,
// settles each once (approved, rejected or cancelled when its turn stops), and checks an answer
// before it is used: an edited input against the tool's own schema, the agent to delete and its
// typed confirmation. An answer that cannot be used throws and leaves the approval waiting.
import { CoreError } from '../types';
import type { ApprovalDecision, ChatEvent, PendingApproval } from '../../../src-shared/contract/chat';
import { checkApproval } from '../approvals/decision';

export type Settled =
  { kind: 'approved'; input: Record<string, unknown>; edited: boolean } | { kind: 'rejected'; reason?: string } | { kind: 'cancelled' };

/** What an approval belongs to: its thread, whose tools "allow for this thread" adds to. */
export interface GateOwner {
  allowTools: Set<string>;
}

interface PendingEntry {
  approval: PendingApproval;
  thread: GateOwner;
  confirmText?: string;
  settle(s: Settled): void;
}

export interface ApprovalGate {
  /** Announces the approval (`approval_required`) and waits for the answer, or the signal's abort. */
  wait(approval: PendingApproval, thread: GateOwner, confirmText: string | undefined, signal: AbortSignal): Promise<Settled>;
  /** Answers a waiting approval (see ChatService.resolveApproval). */
  resolve(callId: string, decision: Omit<ApprovalDecision, 'callId'>, identifier?: string): void;
  /** the approvals waiting for the profile */
  pending(identifier: string): PendingApproval[];
  /** Cancels whatever still waits on the thread (its turn ended). */
  cancelThread(thread: GateOwner): void;
}

export function createApprovalGate(emit: (event: ChatEvent) => void): ApprovalGate {
  const pending = new Map<string, PendingEntry>();

  return {
    wait(approval, thread, confirmText, signal) {
      const { callId } = approval;
      return new Promise<Settled>((resolve) => {
        const onAbort = () => entry.settle({ kind: 'cancelled' });
        const entry: PendingEntry = {
          approval,
          thread,
          confirmText,
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
    },

    resolve(callId, decision, identifier) {
      const entry = pending.get(callId);
      if (!entry || (identifier !== undefined && entry.approval.identifier !== identifier)) {
        throw new CoreError('unknown_approval', 'This approval is no longer waiting: it was already answered or the turn was stopped.');
      }
      if (!decision.approved) {
        entry.settle({ kind: 'rejected', reason: decision.reason?.slice(0, 2000) });
        return;
      }
      // Edited input, the agent to delete and the typed confirmation: one rule for every origin.
      const { input, edited } = checkApproval(entry.approval.tool, entry.approval.input, decision, entry.confirmText);
      if (decision.allowForThread && entry.approval.canAllowForThread) entry.thread.allowTools.add(entry.approval.tool);
      entry.settle({ kind: 'approved', input, edited });
    },

    pending(identifier) {
      return [...pending.values()].filter((p) => p.approval.identifier === identifier).map((p) => p.approval);
    },

    cancelThread(thread) {
      for (const [id, p] of pending) if (p.thread === thread) pending.get(id)?.settle({ kind: 'cancelled' });
    },
  };
}
