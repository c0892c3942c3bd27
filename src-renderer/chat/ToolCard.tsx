// One tool call in the thread: what Claude called, with which input, and how it ended.
// Collapsed by default; the compact result is customer data, so it is shown as text only.
import type { ThreadItem } from '../../src-shared/contract/chat';
import { toolLabel } from './labels';
import { openTriagePlan, triagePlanIdOf } from '../state/triage';

type ToolItem = Extract<ThreadItem, { kind: 'tool' }>;

const STATUS_TEXT: Record<ToolItem['status'], string> = {
  running: 'running…',
  awaiting_approval: 'waiting for your approval',
  done: 'done',
  failed: 'failed',
  rejected: 'rejected by you',
  cancelled: 'cancelled',
};

export function ToolCard({ item }: { item: ToolItem }) {
  const outcome = item.error?.message ?? item.summary;
  const planId = item.status === 'done' ? triagePlanIdOf(item) : undefined;
  const card = (
    <details className={`chat-tool chat-tool-${item.status}`} data-call-id={item.callId} aria-label={`Tool call ${toolLabel(item.tool)}`}>
      <summary>
        <span className="chat-tool-name">{toolLabel(item.tool)}</span>
        {item.effect !== 'read' && <span className={`chat-badge chat-badge-${item.effect}`}>{item.effect}</span>}
        <span className="chat-tool-status" role="status">
          {STATUS_TEXT[item.status]}
          {outcome && item.status !== 'running' && item.status !== 'awaiting_approval' ? ` · ${outcome}` : ''}
        </span>
      </summary>
      <div className="chat-tool-body">
        <h4>Input</h4>
        <pre className="chat-json" tabIndex={0} aria-label="Input">
          {JSON.stringify(item.input, null, 2)}
        </pre>
        {item.error && (
          <p className="chat-tool-error">
            <strong>{item.error.kind}</strong>: {item.error.message}
          </p>
        )}
        {item.detail && (
          <>
            <h4>What Claude saw</h4>
            <pre className="chat-json" tabIndex={0} aria-label="Result as Claude saw it">
              {item.detail}
            </pre>
          </>
        )}
      </div>
    </details>
  );
  if (!planId) return card;
  return (
    <div className="chat-triage-card">
      {card}
      <button type="button" className="primary" onClick={() => openTriagePlan(planId)}>
        Open the triage plan
      </button>
    </div>
  );
}
