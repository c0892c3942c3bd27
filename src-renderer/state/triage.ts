// The triage plan screen's state: which plan is open, its rows as main last saved them, the
// progress of a start or an apply. Main owns the plan; the page only shows it and sends decisions.
import { create } from 'zustand';
import { errorInfo, triage } from '../lib/bridge';
import { useSession } from './session';
import { TRIAGE_CHAT_TOOL } from '../../src-shared/triage';
import type { TriageChanges, TriageDecision, TriagePlan, TriagePlanSummary, TriageProgress } from '../../src-shared/contract/triage';

interface TriageState {
  planId?: string;
  plan?: TriagePlan;
  plans: TriagePlanSummary[];
  /** a start or an apply in flight in this window */
  busy?: 'start' | 'apply';
  progress?: TriageProgress;
  error?: string;
  /** the row the keyboard is on */
  selected?: number;

  /** starts a run for these tickets (the queue view's loaded ones) and opens the plan screen */
  start(ticketIds: number[], filter?: string): Promise<void>;
  open(planId: string | undefined): Promise<void>;
  refreshList(): Promise<void>;
  decide(ticketId: number, decision: TriageDecision): Promise<boolean>;
  edit(ticketId: number, changes: TriageChanges): Promise<string | undefined>;
  apply(): Promise<void>;
  cancel(): void;
  select(ticketId: number | undefined): void;
  onProgress(p: TriageProgress): void;
  reset(): void;
}

export const useTriage = create<TriageState>((set, get) => ({
  plans: [],

  async start(ticketIds, filter) {
    useSession.getState().go('triage');
    set({ busy: 'start', error: undefined, plan: undefined, planId: undefined, progress: undefined, selected: undefined });
    try {
      const { plan } = await triage.startTriage({ ticketIds, ...(filter ? { filter } : {}) });
      set({ plan, planId: plan.id, selected: plan.rows[0]?.ticketId });
    } catch (err) {
      set({ error: errorInfo(err).message });
    } finally {
      set({ busy: undefined, progress: undefined });
      void get().refreshList();
    }
  },

  async open(planId) {
    set({ planId, plan: undefined, error: undefined, selected: undefined });
    if (!planId) return get().refreshList();
    try {
      const { plan } = await triage.getTriagePlan({ planId });
      if (!plan) set({ error: 'This plan is no longer saved.' });
      else set({ plan, selected: plan.rows[0]?.ticketId, busy: plan.status === 'applying' ? 'apply' : undefined });
    } catch (err) {
      set({ error: errorInfo(err).message });
    }
  },

  async refreshList() {
    try {
      const { plans } = await triage.listTriagePlans();
      set({ plans });
    } catch (err) {
      set({ error: errorInfo(err).message });
    }
  },

  async decide(ticketId, decision) {
    const planId = get().planId;
    if (!planId) return false;
    try {
      const { plan } = await triage.decideTriageRow({ planId, ticketId, decision });
      set({ plan, error: undefined });
      return true;
    } catch (err) {
      set({ error: errorInfo(err).message });
      return false;
    }
  },

  async edit(ticketId, changes) {
    const planId = get().planId;
    if (!planId) return 'No plan is open.';
    try {
      const { plan } = await triage.decideTriageRow({ planId, ticketId, decision: { edit: changes } });
      set({ plan, error: undefined });
      return undefined;
    } catch (err) {
      return errorInfo(err).message;
    }
  },

  async apply() {
    const planId = get().planId;
    if (!planId) return;
    set({ busy: 'apply', error: undefined, progress: undefined });
    try {
      const { plan } = await triage.applyTriagePlan({ planId });
      if (get().planId === planId) set({ plan });
    } catch (err) {
      set({ error: errorInfo(err).message });
      const { plan } = await triage.getTriagePlan({ planId }).catch(() => ({ plan: undefined }));
      if (plan && get().planId === planId) set({ plan });
    } finally {
      set({ busy: undefined });
    }
  },

  cancel() {
    void triage.cancelTriage().catch(() => undefined);
  },

  select(ticketId) {
    set({ selected: ticketId });
  },

  onProgress(p) {
    const s = get();
    if (s.planId && p.planId !== s.planId && s.busy !== 'start') return;
    if (p.plan && p.plan.id === s.planId) {
      // an apply this page did not start (e.g. before a reload) ends with the plan's last state
      set({ plan: p.plan, progress: p, busy: s.busy === 'apply' && p.plan.status !== 'applying' ? undefined : s.busy });
      return;
    }
    if (p.row && s.plan && p.planId === s.plan.id) {
      const rows = s.plan.rows.map((r) => (r.ticketId === p.row!.ticketId ? { ...r, state: p.row!.state, result: p.row!.result } : r));
      set({ plan: { ...s.plan, rows }, progress: p });
      return;
    }
    set({ progress: p });
  },

  reset() {
    set({ planId: undefined, plan: undefined, plans: [], busy: undefined, progress: undefined, error: undefined, selected: undefined });
  },
}));

/** Main's progress pushes for this window's profile. */
export function connectTriageEvents(): () => void {
  return triage.on('triage:progress', (p) => useTriage.getState().onProgress(p));
}

/** Opens a plan on the Triage plan screen (from the chat's card). */
export function openTriagePlan(planId: string): void {
  useSession.getState().go('triage');
  void useTriage.getState().open(planId);
}

/** The plan a chat tool card created: the id in the result the triage tool gave Claude. */
export function triagePlanIdOf(item: { tool: string; detail?: string }): string | undefined {
  if (item.tool !== TRIAGE_CHAT_TOOL || !item.detail) return undefined;
  const m = /"plan_id":\s*"([\w-]{1,64})"/.exec(item.detail);
  return m?.[1];
}
