// Triage plans per profile, sealed in the vault like the chat threads: newest first, capped in
// number and size. Every save is one synchronous read-modify-write of the profile's slot, so two
// applies of one profile cannot lose each other's rows.
import { CoreError } from '../types';
import type { SealedSlot, TriagePayload } from '../vault';
import type { TriagePlan, TriagePlanSummary } from '../../../src-shared/contract/triage';

export const STORED_MAX_PLANS = 20;
export const STORED_MAX_PLAN_BYTES = 2_000_000;

export interface PlanStore {
  get(identifier: string, planId: string): TriagePlan | undefined;
  list(identifier: string): TriagePlanSummary[];
  /** Saves one plan (replacing its older copy); older plans give way past the caps. Throws CoreError. */
  save(identifier: string, plan: TriagePlan): void;
  forget(identifier: string): void;
}

function summaryOf(p: TriagePlan): TriagePlanSummary {
  const counts: Record<string, number> = {};
  for (const r of p.rows) counts[r.state] = (counts[r.state] ?? 0) + 1;
  return { id: p.id, createdAt: p.createdAt, updatedAt: p.updatedAt, status: p.status, rowCount: p.rows.length, counts };
}

export function createPlanStore(slot: SealedSlot<TriagePayload>, log: (line: string) => void): PlanStore {
  function read(identifier: string): TriagePlan[] {
    const opened = slot.get(identifier);
    if (opened.ok) return opened.data.plans;
    if (opened.failure === 'missing') return [];
    log(`triage: saved plans could not be opened (${opened.failure}); they are kept and not overwritten`);
    throw new CoreError(
      'storage_unreadable',
      'The saved triage plans of this profile cannot be opened on this computer right now (secure storage refused). Nothing was changed.',
    );
  }

  return {
    get: (identifier, planId) => read(identifier).find((p) => p.id === planId),
    list: (identifier) =>
      read(identifier)
        .slice()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(summaryOf),
    save(identifier, plan) {
      const others = read(identifier).filter((p) => p.id !== plan.id);
      const plans = [plan, ...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, STORED_MAX_PLANS);
      // The oldest plans give way first; the plan being saved always stays.
      while (plans.length > 1 && JSON.stringify(plans).length > STORED_MAX_PLAN_BYTES) {
        const oldest = plans.findLastIndex((p) => p.id !== plan.id);
        if (oldest < 0) break;
        plans.splice(oldest, 1);
      }
      slot.save(identifier, { plans });
    },
    forget: (identifier) => slot.delete(identifier),
  };
}
