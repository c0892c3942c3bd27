// "Triage" on the queue view: a triage run for the tickets the view shows (its first 50).
import { useTriage } from '../state/triage';
import { TRIAGE_MAX_TICKETS } from '../../src-shared/triage';

/** filter: the view's Freshdesk filter, when it has one (main then finds the tickets in one list) */
export function TriageButton({ ticketIds, filter }: { ticketIds: number[]; filter?: string }) {
  const busy = useTriage((s) => s.busy);
  const ids = ticketIds.slice(0, TRIAGE_MAX_TICKETS);
  const more = ticketIds.length > ids.length;
  return (
    <button
      type="button"
      disabled={ids.length === 0 || busy !== undefined}
      title={`Claude proposes priority, status, type, group, assignee and tags for the ${ids.length} ticket${ids.length === 1 ? '' : 's'} shown${more ? ` (the first ${TRIAGE_MAX_TICKETS})` : ''}; nothing changes until you apply the plan.`}
      onClick={() => void useTriage.getState().start(ids, filter)}
    >
      Triage
    </button>
  );
}
