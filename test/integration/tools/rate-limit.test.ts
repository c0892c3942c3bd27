// Five profiles on one helpdesk share Freshdesk's account-wide budget. With a short sandbox
// window (50 calls / 2 s), 200 calls made together all succeed, with at most one 429 per
// window, at ≥ 90% of the limit; bare requests without the governor collect many 429s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent, ToolResult } from '../../../src-main/core/types';
import { sleep, startToolsRig, type RequestLogEntry, type ToolsRig } from './setup';

const PER_WINDOW = 50;
const WINDOW_MS = 2_000;
const CALLS = 200;
const PROFILES = ['owner', 'admin', 'supervisor', 'agent', 'occasional'] as const;

let rig: ToolsRig;
beforeAll(async () => {
  rig = await startToolsRig();
});
afterAll(() => rig.close());

/** Replays the sandbox's fixed window (it starts at the first request after the last one ended). */
function perWindow(log: RequestLogEntry[]): { calls: number; refused: number }[] {
  const windows: { start: number; calls: number; refused: number }[] = [];
  for (const e of log) {
    const at = Date.parse(e.at);
    let w = windows.at(-1);
    if (!w || at >= w.start + WINDOW_MS) {
      w = { start: at, calls: 0, refused: 0 };
      windows.push(w);
    }
    w.calls++;
    if (e.status === 429) w.refused++;
  }
  return windows.map(({ calls, refused }) => ({ calls, refused }));
}

describe('rate governor, five profiles on one helpdesk', () => {
  it(
    '200 calls together: none fail, ≤ 1 429 per window, ≥ 90% of the limit; bare requests get many 429s',
    { timeout: 30_000 },
    async () => {
      await rig.limits('acme', { perMinute: PER_WINDOW, windowMs: WINDOW_MS });
      const c = await rig.core([...PROFILES], { freshdeskRateWindowMs: WINDOW_MS });
      await rig.clearRequests();

      // 190 background refreshes, then 10 calls from the UI while they wait: the UI goes first.
      const started = Date.now();
      const finished: { priority: string; at: number; r: ToolResult }[] = [];
      const call = (i: number, priority: 'ui' | 'background') =>
        c.core.tools
          .execute(PROFILES[i % PROFILES.length]!, 'freshdesk_tickets_list', { per_page: 1 }, { priority })
          .then((r) => finished.push({ priority, at: Date.now(), r }));
      const background = Array.from({ length: CALLS - 10 }, (_, i) => call(i, 'background'));
      await sleep(150);
      const ui = Array.from({ length: 10 }, (_, i) => call(i, 'ui'));
      await Promise.all([...background, ...ui]);
      const elapsed = Date.now() - started;

      const failed = finished.filter((f) => !f.r.ok);
      expect(failed.map((f) => !f.r.ok && `${f.r.error.kind}: ${f.r.error.message}`)).toEqual([]);
      expect(finished).toHaveLength(CALLS);

      const log = await rig.requests();
      const windows = perWindow(log);
      const refusals = log.filter((e) => e.status === 429).length;
      for (const w of windows) expect(w.refused).toBeLessThanOrEqual(1);

      const limitPerSecond = (PER_WINDOW / WINDOW_MS) * 1000;
      const achievedPerSecond = CALLS / (elapsed / 1000);
      expect(achievedPerSecond).toBeGreaterThanOrEqual(0.9 * limitPerSecond);

      // the UI calls did not wait behind the background queue
      const uiDone = Math.max(...finished.filter((f) => f.priority === 'ui').map((f) => f.at));
      const backgroundAfterUi = finished.filter((f) => f.priority === 'background' && f.at > uiDone).length;
      expect(backgroundAfterUi).toBeGreaterThan(100);

      // every result reports the budget it saw; rate_limit events are throttled and carry the queue
      expect(finished.every((f) => f.r.ok && f.r.meta.rateLimit?.total === PER_WINDOW)).toBe(true);
      const rateEvents = c.events.filter((e): e is Extract<CoreEvent, { type: 'rate_limit' }> => e.type === 'rate_limit');
      expect(rateEvents.length).toBeGreaterThan(3);
      expect(rateEvents.length).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 6);
      expect(rateEvents.some((e) => e.subdomain === 'acme' && e.total === PER_WINDOW && e.waitingCalls > 50)).toBe(true);

      // the same load as bare requests, without the governor
      await sleep(WINDOW_MS + 100);
      await rig.clearRequests();
      const nakedStarted = Date.now();
      const statuses = await Promise.all(
        Array.from({ length: CALLS }, async (_, i) => {
          const key = c.keyOf(PROFILES[i % PROFILES.length]!);
          const res = await fetch(`${rig.sandbox.url}/api/v2/tickets?per_page=1`, {
            headers: { Host: `acme.localhost:${rig.sandbox.port}`, Authorization: `Basic ${Buffer.from(`${key}:X`).toString('base64')}` },
          });
          await res.arrayBuffer();
          return res.status;
        }),
      );
      const nakedElapsed = Date.now() - nakedStarted;
      const naked429 = statuses.filter((s) => s === 429).length;
      expect(naked429).toBeGreaterThanOrEqual(CALLS - 2 * PER_WINDOW);

      console.info(
        `[rate] governed: ${CALLS} calls in ${elapsed} ms = ${achievedPerSecond.toFixed(1)}/s of ${limitPerSecond}/s ` +
          `(${Math.round((achievedPerSecond / limitPerSecond) * 100)}%), 429s: ${refusals} over ${windows.length} windows, ` +
          `${rateEvents.length} rate_limit events; bare requests: ${naked429}/${CALLS} refused with 429 in ${nakedElapsed} ms`,
      );
    },
  );
});
