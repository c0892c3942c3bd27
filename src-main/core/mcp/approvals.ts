// The MCP writes waiting for the person: each waits (announced with `approval_required`) until
// it is answered in Triage Desk, times out, or is cancelled (the client aborts, its session
// closes, the server stops). While it waits, a client that asked for progress hears from us.
// Answers are checked as the chat's are (approvals/decision.ts) before they are used.
import { CoreError, type CoreEvent } from '../types';
import type { PendingApproval } from '../../../src-shared/contract/chat';
import { checkApproval } from '../approvals/decision';
import type { ApprovalAnswer } from '../approvals';
import type { Session } from './types';

/** while a write waits, a client that asked for progress hears from us this often (its own
 *  request timeout is reset by each notification) */
const PROGRESS_EVERY_MS = 15_000;

export type Settled =
  | { kind: 'approved'; input: Record<string, unknown>; mode: 'clicked' | 'typed_confirmation' }
  | { kind: 'rejected'; reason?: string }
  | { kind: 'timed_out' }
  | { kind: 'cancelled' };

interface Waiting {
  approval: PendingApproval;
  session: Session;
  confirmText?: string;
  settle(s: Settled): void;
}

export interface McpApprovals {
  /** Announces the approval and waits for the answer, the timeout or the signal's abort. */
  wait(
    approval: PendingApproval,
    session: Session,
    confirmText: string | undefined,
    timeoutMs: number,
    signal: AbortSignal,
    progress: (() => Promise<void>) | undefined,
  ): Promise<Settled>;
  /** Throws CoreError when the answer cannot be used (the approval keeps waiting). */
  resolve(id: string, answer: ApprovalAnswer): Promise<void>;
  pending(): PendingApproval[];
  /** cancels what the session's calls wait for (it closed) */
  cancelFor(session: Session): void;
  /** cancels everything waiting (the server stops) */
  cancelAll(): void;
}

export function createMcpApprovals(emit: (e: CoreEvent) => void): McpApprovals {
  const waiting = new Map<string, Waiting>();

  function wait(
    approval: PendingApproval,
    session: Session,
    confirmText: string | undefined,
    timeoutMs: number,
    signal: AbortSignal,
    progress: (() => Promise<void>) | undefined,
  ): Promise<Settled> {
    return new Promise<Settled>((resolve) => {
      const timer = setTimeout(() => entry.settle({ kind: 'timed_out' }), timeoutMs);
      const ticker = progress ? setInterval(() => void progress().catch(() => undefined), PROGRESS_EVERY_MS) : undefined;
      const onAbort = () => entry.settle({ kind: 'cancelled' });
      const entry: Waiting = {
        approval,
        session,
        confirmText,
        settle(s) {
          if (!waiting.has(approval.callId)) return;
          waiting.delete(approval.callId);
          clearTimeout(timer);
          if (ticker) clearInterval(ticker);
          signal.removeEventListener('abort', onAbort);
          resolve(s);
        },
      };
      waiting.set(approval.callId, entry);
      if (signal.aborted) return entry.settle({ kind: 'cancelled' });
      signal.addEventListener('abort', onAbort, { once: true });
      emit({ type: 'approval_required', origin: 'mcp', approval });
    });
  }

  async function resolveApproval(id: string, answer: ApprovalAnswer): Promise<void> {
    const entry = waiting.get(id);
    if (!entry)
      throw new CoreError('unknown_approval', 'This approval is no longer waiting: it was already answered, timed out or was stopped.');
    if (!answer.approve) return entry.settle({ kind: 'rejected', reason: answer.reason?.slice(0, 2000) });
    const { input } = checkApproval(entry.approval.tool, entry.approval.input, answer, entry.confirmText);
    if (answer.allowAhead && entry.approval.canAllowForThread) entry.session.allowAhead.add(entry.approval.tool);
    entry.settle({ kind: 'approved', input, mode: entry.confirmText !== undefined ? 'typed_confirmation' : 'clicked' });
  }

  return {
    wait,
    resolve: resolveApproval,
    pending: () => [...waiting.values()].map((w) => w.approval),
    cancelFor(s) {
      for (const w of [...waiting.values()]) if (w.session === s) w.settle({ kind: 'cancelled' });
    },
    cancelAll() {
      for (const w of [...waiting.values()]) w.settle({ kind: 'cancelled' });
    },
  };
}
