// The plan store's caps and order (core/triage/store.ts) over an in-memory sealed slot; the
// encryption itself is covered by the integration suite (the store file holds no ticket text).
import { describe, expect, it } from 'vitest';
import { createPlanStore, STORED_MAX_PLANS } from '../../../src-main/core/triage/store';
import type { SealedSlot, TriagePayload } from '../../../src-main/core/vault';
import type { TriagePlan } from '../../../src-shared/contract/triage';

function memorySlot(): SealedSlot<TriagePayload> & { data?: TriagePayload } {
  const slot: SealedSlot<TriagePayload> & { data?: TriagePayload } = {
    get: () => (slot.data ? { ok: true, data: structuredClone(slot.data) } : { ok: false, failure: 'missing' }),
    save: (_id, payload) => {
      slot.data = structuredClone(payload);
    },
    delete: () => {
      slot.data = undefined;
    },
  };
  return slot;
}

const plan = (i: number, textSize = 10): TriagePlan => ({
  id: `p${i}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  updatedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  readAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  status: 'ready',
  source: { ticketCount: 1 },
  rows: [
    {
      ticketId: i + 1,
      subject: 's',
      text: 'x'.repeat(textSize),
      current: {},
      changes: { priority: 4 },
      summary: 'y',
      evidence: ['x'],
      confidence: 'high',
      state: 'proposed',
    },
  ],
});

describe('triage plan store', () => {
  it('lists newest first with counts, keeps the newest 20, replaces a plan saved again', () => {
    const store = createPlanStore(memorySlot(), () => {});
    for (let i = 0; i < STORED_MAX_PLANS + 5; i++) store.save('a', plan(i));
    const list = store.list('a');
    expect(list).toHaveLength(STORED_MAX_PLANS);
    expect(list[0]).toMatchObject({ id: `p${STORED_MAX_PLANS + 4}`, rowCount: 1, counts: { proposed: 1 } });
    expect(list.at(-1)!.id).toBe('p5');
    const again = { ...plan(10), status: 'applied' as const };
    store.save('a', again);
    expect(store.list('a')).toHaveLength(STORED_MAX_PLANS);
    expect(store.get('a', 'p10')?.status).toBe('applied');
  });

  it('past the size cap the oldest plans give way, never the one being saved', () => {
    const store = createPlanStore(memorySlot(), () => {});
    // eleven plans of 50 rows with ~3,900 characters of text each: more than 2 MB together
    for (let i = 0; i < 5; i++) store.save('a', plan(i, 3900));
    const big = plan(9, 3900);
    big.rows = Array.from({ length: 50 }, (_, k) => ({ ...big.rows[0], ticketId: k + 1 }));
    for (let i = 10; i < 21; i++) store.save('a', { ...big, id: `big${i}`, createdAt: new Date(Date.UTC(2026, 0, 2, 0, i)).toISOString() });
    const ids = store.list('a').map((p) => p.id);
    expect(ids[0]).toBe('big20');
    expect(JSON.stringify(ids.map((id) => store.get('a', id))).length).toBeLessThanOrEqual(2_000_000);
    expect(ids).not.toContain('p0');
  });

  it('an unreadable slot is never overwritten: reading and saving refuse with a clear error', () => {
    const slot = memorySlot();
    slot.get = () => ({ ok: false, failure: 'unavailable' });
    const store = createPlanStore(slot, () => {});
    expect(() => store.list('a')).toThrow(/cannot be opened/);
    expect(() => store.save('a', plan(1))).toThrow(/cannot be opened/);
    expect(slot.data).toBeUndefined();
  });
});
