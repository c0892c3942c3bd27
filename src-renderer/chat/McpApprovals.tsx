// Writes an MCP client (Claude Code, Claude Desktop…) asked for, waiting in this window: the
// chat's approval card, headed with who asked. Answered through approvals:resolve; the client
// gets its answer only then (docs/mcp.md).
import { useEffect, useState } from 'react';
import type { PendingApproval } from '../../src-shared/contract/chat';
import { triage } from '../lib/bridge';
import { ApprovalCard } from './ApprovalCard';
import { wantsText } from './labels';
import './chat.css';

export function McpApprovals({ profileKey }: { profileKey?: string }) {
  const [approvals, setApprovals] = useState<PendingApproval[]>([]);

  useEffect(() => {
    if (!profileKey) return;
    let live = true;
    const load = () =>
      triage.approvalsPending().then(
        ({ approvals }) => live && setApprovals(approvals.filter((a) => a.origin === 'mcp')),
        () => undefined,
      );
    void load();
    const off = triage.on('approvals:changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [profileKey]);

  if (!profileKey || approvals.length === 0) return null;
  return (
    <section className="mcp-approvals" aria-label="Requests from MCP clients">
      {approvals.map((a) => (
        <ApprovalCard
          key={a.callId}
          approval={a}
          heading={wantsText(a.client ?? 'An MCP client', a.tool, a.input)}
          allowScope={`this ${a.client ?? 'MCP'} session`}
          resolveWith={(d) =>
            triage.approvalsResolve({
              callId: a.callId,
              approve: d.approved,
              ...(d.input !== undefined ? { input: d.input } : {}),
              ...(d.reason !== undefined ? { reason: d.reason } : {}),
              ...(d.confirmText !== undefined ? { confirmText: d.confirmText } : {}),
              ...(d.allowForThread ? { allowAhead: true } : {}),
            })
          }
        />
      ))}
    </section>
  );
}
