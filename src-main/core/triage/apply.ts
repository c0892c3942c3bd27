// Applying a plan's accepted rows: one freshdesk_ticket_update each, through the governor, saved
// after every write so a crash, a cancel or a restart resumes with only what is not yet applied.
// Before writing, one or two list requests (updated_since) find tickets someone changed since
// they were read: those rows are held, never written. See docs/triage.md ("Apply").
import type { ConnectedAccount, ExecuteOptions, ToolResult } from '../types';
import { errorForModel } from '../chat/results';
import type { TriageChanges, TriagePlan, TriageRow, TriageRowResult } from '../../../src-shared/contract/triage';

/** A colleague's change is found when its updated_at differs from the one read; the window
 *  starts this long before the read so a clock that is somewhat off still finds it. */
const CHANGED_SINCE_MARGIN_MS = 10 * 60_000;
/** List pages read for the changed-since check (100 tickets each) before giving up on it. */
const CHANGED_SINCE_MAX_PAGES = 5;

export interface ApplyDeps {
  execute(name: string, input: unknown, opts?: ExecuteOptions): Promise<ToolResult>;
  account: ConnectedAccount | undefined;
  /** saves the plan as it is now (encrypted); throws when it cannot */
  save(plan: TriagePlan): void;
  progress(plan: TriagePlan, row?: TriageRow): void;
  now(): number;
  signal?: AbortSignal;
  /** records in the activity log that an interrupted write was confirmed applied by a read */
  confirmed?(name: string, input: unknown): void;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

const sameValue = (field: keyof TriageChanges, want: unknown, have: unknown): boolean => {
  if (field === 'tags') {
    const a = Array.isArray(want) ? [...(want as string[])].sort() : [];
    const b = Array.isArray(have) ? [...(have as unknown[])].map(String).sort() : [];
    return a.join('\u0000') === b.join('\u0000');
  }
  return want === have;
};

/** Every change of the row is what the ticket now holds. */
function holdsChanges(ticket: Rec, changes: TriageChanges): boolean {
  return (Object.keys(changes) as (keyof TriageChanges)[]).every((f) => sameValue(f, changes[f], ticket[f]));
}

const isoOf = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function result(deps: ApplyDeps, ok: boolean, message: string, kind?: string): TriageRowResult {
  return { ok, message: message.slice(0, 2000), at: new Date(deps.now()).toISOString(), ...(kind ? { kind } : {}) };
}

/** Rows whose write must happen (accepted, not yet applied). */
const pendingRows = (plan: TriagePlan) => plan.rows.filter((r) => r.state === 'accepted');

export class ApplyStopped extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Which of these rows' tickets changed since they were read: the tickets updated since the read
 * (newest first, 100 a page), compared by updated_at. Returns ticket id → its new updated_at.
 */
async function changedSinceRead(
  plan: TriagePlan,
  rows: TriageRow[],
  deps: ApplyDeps,
): Promise<{ changed: Map<number, string>; unchecked: Set<number> }> {
  const wanted = new Map(rows.map((r) => [r.ticketId, r]));
  const changed = new Map<number, string>();
  const seen = new Set<number>();
  const since = isoOf(Date.parse(plan.readAt) - CHANGED_SINCE_MARGIN_MS);
  let page = 1;
  for (;;) {
    const r = await deps.execute(
      'freshdesk_tickets_list',
      { updated_since: since, order_by: 'updated_at', order_type: 'desc', per_page: 100, page },
      { signal: deps.signal, priority: 'background', origin: 'triage' },
    );
    if (!r.ok) throw new ApplyStopped(r.error.kind, `Nothing was written: the check for changes by others failed. ${r.error.message}`);
    for (const t of Array.isArray(r.data) ? r.data.filter(isRec) : []) {
      const id = typeof t.id === 'number' ? t.id : undefined;
      const row = id === undefined ? undefined : wanted.get(id);
      if (!row || id === undefined) continue;
      seen.add(id);
      if (typeof t.updated_at === 'string' && t.updated_at !== row.updatedAt) changed.set(id, t.updated_at);
    }
    if (!r.meta.nextPage || page >= CHANGED_SINCE_MAX_PAGES) {
      // More changed tickets than we read: the ones not seen could not be checked.
      const unchecked = new Set<number>();
      if (r.meta.nextPage) for (const id of wanted.keys()) if (!seen.has(id)) unchecked.add(id);
      return { changed, unchecked };
    }
    page = r.meta.nextPage;
  }
}

/** How long a write stopped mid-flight is given to land before the read that decides about it. */
export const UNCERTAIN_SETTLE_MS = 3_000;

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A row whose earlier write may or may not have reached Freshdesk: read the ticket first. */
async function settleUncertain(row: TriageRow, deps: ApplyDeps): Promise<'applied' | 'retry' | 'held' | 'unknown'> {
  // A write the server is still working on would look untouched: let it land first.
  const started = row.writeStartedAt ? Date.parse(row.writeStartedAt) : Number.NaN;
  if (Number.isFinite(started)) await pause(started + UNCERTAIN_SETTLE_MS - deps.now(), deps.signal);
  if (deps.signal?.aborted) return 'unknown';
  const r = await deps.execute(
    'freshdesk_ticket_get',
    { ticket_id: row.ticketId },
    { signal: deps.signal, priority: 'background', origin: 'triage' },
  );
  if (!r.ok || !isRec(r.data)) return 'unknown';
  if (holdsChanges(r.data, row.changes)) return 'applied';
  // Untouched since it was read: the write did not happen, so sending it now is the first time.
  if (r.data.updated_at === row.updatedAt) return 'retry';
  return 'held';
}

export async function applyPlan(plan: TriagePlan, deps: ApplyDeps): Promise<TriagePlan> {
  const aborted = () => deps.signal?.aborted === true;
  const touch = () => {
    plan.updatedAt = new Date(deps.now()).toISOString();
  };
  const saveRow = (row?: TriageRow) => {
    touch();
    deps.save(plan);
    deps.progress(plan, row);
  };

  plan.status = 'applying';
  saveRow();
  try {
    // 1. Writes of an earlier run whose outcome is unknown: a read decides before any retry.
    for (const row of pendingRows(plan).filter((r) => r.writeStartedAt)) {
      if (aborted()) return plan;
      const outcome = await settleUncertain(row, deps);
      if (outcome === 'applied') {
        row.state = 'applied';
        row.result = result(deps, true, 'Applied (confirmed by reading the ticket after an interrupted write).', 'verified');
        delete row.writeStartedAt;
        deps.confirmed?.('freshdesk_ticket_update', { ticket_id: row.ticketId, ...row.changes });
      } else if (outcome === 'retry') {
        delete row.writeStartedAt;
      } else if (outcome === 'held') {
        row.state = 'held';
        row.result = result(
          deps,
          false,
          'Changed since proposed: the ticket was updated after it was read, so it was not written.',
          'held',
        );
        delete row.writeStartedAt;
      } else {
        row.result = result(
          deps,
          false,
          'Not written: whether an earlier attempt reached Freshdesk could not be checked yet. Apply again to retry.',
          'uncertain',
        );
      }
      saveRow(row);
    }

    // 2. Tickets someone changed since the read are held.
    const toCheck = pendingRows(plan).filter((r) => !r.writeStartedAt);
    if (toCheck.length > 0) {
      const { changed, unchecked } = await changedSinceRead(plan, toCheck, deps);
      for (const row of toCheck) {
        if (changed.has(row.ticketId)) {
          row.state = 'held';
          row.result = result(
            deps,
            false,
            `Changed since proposed: someone updated this ticket at ${changed.get(row.ticketId)} after it was read. It was not written; start a new run to triage it again.`,
            'held',
          );
          saveRow(row);
        } else if (unchecked.has(row.ticketId)) {
          row.state = 'held';
          row.result = result(
            deps,
            false,
            'Not written: too many tickets changed since the read to check this one. Start a new run.',
            'held',
          );
          saveRow(row);
        }
      }
    }

    // 3. One write per accepted row. Before each write the plan is saved with that write marked
    // as started, in the same save as the previous row's outcome: one save per write.
    const queue = pendingRows(plan).filter((r) => !r.writeStartedAt); // still uncertain: next run
    const mark = (row: TriageRow | undefined) => {
      if (row && !aborted()) row.writeStartedAt = new Date(deps.now()).toISOString();
    };
    mark(queue[0]);
    if (queue[0]?.writeStartedAt) deps.save(plan);
    for (let i = 0; i < queue.length; i++) {
      const row = queue[i];
      if (!row.writeStartedAt) break; // stopped before this write was marked
      let stop = false;
      const r = await deps.execute(
        'freshdesk_ticket_update',
        { ticket_id: row.ticketId, ...row.changes },
        { signal: deps.signal, priority: 'background', origin: 'triage' },
      );
      if (r.ok) {
        row.state = 'applied';
        row.result = result(deps, true, 'Applied.');
        delete row.writeStartedAt;
      } else if (r.error.kind === 'uncertain' || r.error.kind === 'timeout' || aborted()) {
        // Freshdesk may have it (a stop counts too, however early: one read decides later, which
        // is cheaper than any doubt): keep writeStartedAt, so the next run reads before retrying.
        const outcome = aborted() ? 'unknown' : await settleUncertain(row, deps);
        if (outcome === 'applied') {
          row.state = 'applied';
          row.result = result(deps, true, 'Applied (confirmed by reading the ticket).', 'verified');
          delete row.writeStartedAt;
          deps.confirmed?.('freshdesk_ticket_update', { ticket_id: row.ticketId, ...row.changes });
        } else {
          row.result = result(
            deps,
            false,
            'Interrupted: it is not known yet whether this write reached Freshdesk. Apply again: the ticket is read before anything is retried.',
            'uncertain',
          );
        }
      } else if (r.error.kind === 'rate_limited' || r.error.kind === 'network') {
        // Certainly not processed: stays accepted for the next run.
        delete row.writeStartedAt;
        row.result = result(deps, false, `Not written yet: ${r.error.message} Apply again to continue.`, r.error.kind);
        stop = true;
      } else {
        row.state = 'failed';
        row.result = result(deps, false, errorForModel(r.error.kind, r.error.message, deps.account), r.error.kind);
        delete row.writeStartedAt;
      }
      if (!stop) mark(queue[i + 1]);
      saveRow(row);
      if (stop) break;
    }
  } finally {
    plan.status = pendingRows(plan).length === 0 ? 'applied' : 'ready';
    touch();
    deps.save(plan);
  }
  return plan;
}
