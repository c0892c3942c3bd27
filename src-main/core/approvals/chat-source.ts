// The chat's waiting approvals as a core.approvals source, followed from the chat's own events
// (approval_required / approval_resolved) so the chat service needs no extra hook. Its rejected
// and cancelled writes are recorded in the activity log here (nothing was sent for them).
import type { ChatService } from '../chat';
import type { PendingApproval } from '../../../src-shared/contract/chat';
import { entryForUnsent, type ActivityEntry, type ActivityLog } from '../activity';
import type { ApprovalSource } from './index';

export function chatApprovalSource(chat: ChatService, activity: ActivityLog, recorded: (e: ActivityEntry) => void): ApprovalSource {
  const waiting = new Map<string, PendingApproval>();
  chat.onEvent((event) => {
    if (event.type === 'approval_required') {
      const { type: _type, ...approval } = event;
      waiting.set(approval.callId, { ...approval, origin: 'chat' });
    } else if (event.type === 'approval_resolved') {
      const a = waiting.get(event.callId);
      waiting.delete(event.callId);
      if (a && (event.outcome === 'rejected' || event.outcome === 'cancelled')) {
        recorded(activity.record(entryForUnsent(a.identifier, a.tool, a.input, { origin: 'chat' }, event.outcome)));
      }
    }
  });
  return {
    origin: 'chat',
    pending: () => [...waiting.values()],
    resolve: (id, answer) =>
      chat.resolveApproval(
        id,
        answer.approve
          ? { approved: true, input: answer.input, confirmText: answer.confirmText, allowForThread: answer.allowAhead }
          : { approved: false, reason: answer.reason },
      ),
  };
}
