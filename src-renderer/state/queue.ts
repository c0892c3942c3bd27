// The ticket queue: which view, how it is sorted, the rows loaded so far and the next page
// Freshdesk offered (Link header → meta.nextPage).
import { create } from 'zustand';
import type { Ticket } from '../lib/freshdesk';
import { asArray } from '../lib/freshdesk';
import { cancelToolCall, isCancelled, newRequestId } from '../lib/bridge';
import { useSession } from './session';

export type QueueView = 'new_and_my_open' | 'watching' | 'spam' | 'deleted' | 'all' | 'updated' | 'requester' | 'company';
export type OrderBy = 'created_at' | 'updated_at' | 'due_by' | 'status';

export const QUEUE_VIEWS: { value: QueueView; label: string }[] = [
  { value: 'new_and_my_open', label: 'New & my open' },
  { value: 'watching', label: 'Watching' },
  { value: 'all', label: 'All (last 30 days)' },
  { value: 'updated', label: 'All updated since…' },
  { value: 'spam', label: 'Spam' },
  { value: 'deleted', label: 'Deleted' },
  { value: 'requester', label: 'By requester e-mail' },
  { value: 'company', label: 'By company' },
];
export const ORDER_BY: { value: OrderBy; label: string }[] = [
  { value: 'created_at', label: 'Created' },
  { value: 'updated_at', label: 'Updated' },
  { value: 'due_by', label: 'Due by' },
  { value: 'status', label: 'Status' },
];

export interface QueueParams {
  view: QueueView;
  email: string;
  companyId: string;
  /** YYYY-MM-DD for the "updated since" view (older tickets than Freshdesk's 30-day default) */
  updatedSince: string;
  orderBy: OrderBy;
  orderType: 'asc' | 'desc';
  perPage: 30 | 50 | 100;
}

export interface QueueError {
  kind: string;
  message: string;
  fields?: { field: string; message: string }[];
}

interface QueueState {
  params: QueueParams;
  rows: Ticket[];
  nextPage?: number;
  pagesLoaded: number;
  loading: 'idle' | 'first' | 'more' | 'refresh';
  error?: QueueError;
  /** id of the highlighted row (kept across refreshes) */
  selectedId?: number;
  /** local quick filter over the loaded rows ("/") */
  quickFilter: string;
  seq: number;
  setParams(p: Partial<QueueParams>): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
  select(id: number | undefined): void;
  setQuickFilter(q: string): void;
  reset(): void;
}

const DEFAULT_PARAMS: QueueParams = {
  view: 'new_and_my_open',
  email: '',
  companyId: '',
  updatedSince: '',
  orderBy: 'updated_at',
  orderType: 'desc',
  perPage: 30,
};

/** The list tool's input for these params and page (absent inputs are omitted, never null). */
export function listInput(p: QueueParams, page: number): Record<string, unknown> | { error: QueueError } {
  const input: Record<string, unknown> = { include: 'requester', order_by: p.orderBy, order_type: p.orderType, per_page: p.perPage, page };
  if (p.view === 'requester') {
    if (!p.email.trim()) return { error: { kind: 'invalid_input', message: "Enter the requester's e-mail address to see their tickets." } };
    input.email = p.email.trim();
  } else if (p.view === 'company') {
    const id = Number(p.companyId);
    if (!Number.isInteger(id) || id <= 0)
      return { error: { kind: 'invalid_input', message: 'Enter the company ID (a whole number) to see its tickets.' } };
    input.company_id = id;
  } else if (p.view === 'updated') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.updatedSince))
      return { error: { kind: 'invalid_input', message: 'Pick the date to list tickets updated since.' } };
    input.updated_since = `${p.updatedSince}T00:00:00Z`;
  } else if (p.view !== 'all') {
    input.filter = p.view;
  }
  return input;
}

/** Marks the moment a page of rows arrived, so the queue can measure data → painted rows. */
function markArrival(page: number, count: number) {
  performance.mark('queue:data', { detail: { page, count } });
}

export const useQueue = create<QueueState>((set, get) => {
  /** the list call still running, if any: a newer load cancels it so it neither waits on the rate
   *  governor nor spends a credit for rows nobody will see */
  let inFlight: string | undefined;
  function cancelInFlight() {
    if (inFlight) cancelToolCall(inFlight);
    inFlight = undefined;
  }

  async function fetchPage(page: number, mode: 'first' | 'more' | 'refresh') {
    cancelInFlight();
    const input = listInput(get().params, page);
    if ('error' in input) {
      // seq moves on too, so an older load still answering cannot replace this message
      set((s) => ({ seq: s.seq + 1, error: input.error as QueueError, loading: 'idle', rows: mode === 'first' ? [] : s.rows }));
      return;
    }
    const seq = get().seq + 1;
    set({ seq, loading: mode, error: undefined });
    const requestId = newRequestId('queue');
    inFlight = requestId;
    const result = await useSession.getState().runTool('freshdesk_tickets_list', input, 'ui', requestId);
    if (inFlight === requestId) inFlight = undefined;
    if (get().seq !== seq) return; // a newer request (other view or profile) won
    if (isCancelled(result)) {
      set({ loading: 'idle' });
      return;
    }
    if (!result.ok) {
      set({ loading: 'idle', error: { kind: result.error.kind, message: result.error.message, fields: result.error.fields } });
      return;
    }
    const page1 = asArray(result.data);
    markArrival(page, page1.length);
    if (mode === 'first') {
      set({ rows: page1, nextPage: result.meta.nextPage, pagesLoaded: 1, loading: 'idle', selectedId: page1[0]?.id });
    } else if (mode === 'more') {
      const seen = new Set(get().rows.map((r) => r.id));
      set({
        rows: [...get().rows, ...page1.filter((r) => !seen.has(r.id))],
        nextPage: result.meta.nextPage,
        pagesLoaded: get().pagesLoaded + 1,
        loading: 'idle',
      });
    } else {
      // Refresh keeps your place: page 1 is fetched again and merged in front of the rows already
      // loaded (updated tickets replace their old row), the selection stays on the same ticket.
      const fresh = new Map(page1.map((r) => [r.id, r]));
      const rest = get().rows.filter((r) => !fresh.has(r.id));
      set({ rows: [...page1, ...rest], loading: 'idle', nextPage: get().pagesLoaded > 1 ? get().nextPage : result.meta.nextPage });
    }
  }

  return {
    params: DEFAULT_PARAMS,
    rows: [],
    pagesLoaded: 0,
    loading: 'idle',
    quickFilter: '',
    seq: 0,
    setParams(p) {
      const params = { ...get().params, ...p };
      if (params.view === 'updated' && !params.updatedSince)
        params.updatedSince = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
      set({ params });
      void get().load();
    },
    load: () => fetchPage(1, 'first'),
    async loadMore() {
      const { nextPage, loading } = get();
      if (!nextPage || loading !== 'idle') return;
      await fetchPage(nextPage, 'more');
    },
    refresh: () => fetchPage(1, 'refresh'),
    select(id) {
      set({ selectedId: id });
    },
    setQuickFilter(q) {
      set({ quickFilter: q });
    },
    reset() {
      cancelInFlight();
      set((s) => ({
        params: DEFAULT_PARAMS,
        rows: [],
        nextPage: undefined,
        pagesLoaded: 0,
        loading: 'idle',
        error: undefined,
        selectedId: undefined,
        quickFilter: '',
        seq: s.seq + 1,
      }));
    },
  };
});
