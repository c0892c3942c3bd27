// The rate governor's pacing decisions, on a fake clock: concurrency, priority, spacing when
// the budget is low, holding when it is spent, probing a new window, pausing on 429.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CallCancelled,
  RateGovernor,
  RateLimitPause,
  type CallPriority,
  type Permit,
} from '../../../src-main/core/freshdesk/rate-governor';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

/** Queues calls and records the order and time at which the governor lets each go. */
function harness(opts: ConstructorParameters<typeof RateGovernor>[0] = {}) {
  const g = new RateGovernor({ clock: () => Date.now(), windowMs: 10_000, maxConcurrent: 4, ...opts });
  const sent: { label: string; at: number; permit: Permit }[] = [];
  const start = Date.now();
  const call = (label: string, o: { priority?: CallPriority; signal?: AbortSignal; cost?: number } = {}) =>
    g.acquire(o).then((permit) => {
      sent.push({ label, at: Date.now() - start, permit });
      return permit;
    });
  const answer = (permit: Permit, total: number, remaining: number) =>
    g.settle(permit, { kind: 'answered', rateLimit: { total, remaining, usedByThisCall: 1 } });
  return { g, sent, call, answer };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('RateGovernor', () => {
  it('before anything is known, sends up to maxConcurrent at once; the rest go as calls finish', async () => {
    const { sent, call, answer } = harness();
    for (let i = 0; i < 6; i++) void call(`c${i}`);
    await flush();
    expect(sent.map((s) => s.label)).toEqual(['c0', 'c1', 'c2', 'c3']);
    answer(sent[0]!.permit, 50, 49);
    await flush();
    expect(sent.map((s) => s.label)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
  });

  it('ui calls go before chat and background calls when they wait together', async () => {
    const { sent, call, answer } = harness({ maxConcurrent: 1 });
    void call('first');
    await flush();
    void call('bg1', { priority: 'background' });
    void call('chat', { priority: 'chat' });
    void call('bg2', { priority: 'background' });
    void call('ui', { priority: 'ui' });
    await flush();
    for (let i = 0; i < 5; i++) {
      answer(sent[i]!.permit, 50, 49 - i);
      await flush();
    }
    expect(sent.map((s) => s.label)).toEqual(['first', 'ui', 'chat', 'bg1', 'bg2']);
  });

  it('sends freely while the budget is comfortable, spreads the rest of it over the window, then holds until the window ends', async () => {
    const { sent, call, answer } = harness({ windowMs: 10_000, maxConcurrent: 4 });
    const done: Promise<unknown>[] = [];
    // Each call is answered at once with the budget Freshdesk would report: total 20.
    let remaining = 20;
    const auto = (label: string) =>
      done.push(
        call(label).then((p) => {
          remaining -= 1;
          answer(p, 20, remaining);
        }),
      );
    for (let i = 0; i < 25; i++) auto(`c${i}`);
    await flush();
    // reserve = max(2 × 4, 10% of 20) = 8: the first 12 go at once
    expect(sent.filter((s) => s.at === 0).length).toBe(12);
    await vi.advanceTimersByTimeAsync(9_990);
    const inWindow = sent.filter((s) => s.at < 10_000);
    expect(inWindow.length).toBeLessThanOrEqual(20);
    expect(inWindow.length).toBeGreaterThanOrEqual(18);
    // the spaced ones are spread out, not bunched at the start
    const spaced = inWindow.slice(12).map((s) => s.at);
    expect(spaced[0]).toBeGreaterThan(500);
    expect(spaced.at(-1)).toBeGreaterThan(7_000);
    // after the assumed window: one probe, whose answer (a refilled budget) lets the rest go
    remaining = 20;
    await vi.advanceTimersByTimeAsync(100);
    expect(sent.length).toBe(25);
    expect(sent.slice(inWindow.length).every((s) => s.at >= 10_000)).toBe(true);
  });

  it('a spent budget holds every call until the assumed window ends, then probes with one call', async () => {
    const { sent, call, answer } = harness({ windowMs: 5_000, maxConcurrent: 4 });
    void call('a');
    await flush();
    answer(sent[0]!.permit, 50, 0); // budget spent; the window started now
    void call('b');
    void call('c');
    await vi.advanceTimersByTimeAsync(4_900);
    expect(sent.map((s) => s.label)).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent.map((s) => s.label)).toEqual(['a', 'b']); // one probe
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent.length).toBe(2); // …and nothing else until its answer
    answer(sent[1]!.permit, 50, 49);
    await flush();
    expect(sent.map((s) => s.label)).toEqual(['a', 'b', 'c']);
  });

  it('learns a new window from a refilled Remaining reported by a call in flight', async () => {
    const { g, sent, call, answer } = harness({ windowMs: 60_000, maxConcurrent: 3 });
    void call('a');
    void call('slow');
    await flush();
    answer(sent[0]!.permit, 50, 0);
    void call('b');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent.map((s) => s.label)).toEqual(['a', 'slow']);
    // 'slow' was handled after Freshdesk's window rolled over: Remaining jumped from 0 to 49
    answer(sent[1]!.permit, 50, 49);
    await flush();
    expect(sent.map((s) => s.label)).toEqual(['a', 'slow', 'b']);
    expect(g.snapshot()).toMatchObject({ total: 50, remaining: 49 });
  });

  it('out-of-order answers within a window are not mistaken for a refill', async () => {
    const { g, sent, call, answer } = harness({ windowMs: 60_000, maxConcurrent: 4 });
    for (const l of ['a', 'b', 'c', 'd']) void call(l);
    await flush();
    answer(sent[3]!.permit, 50, 10);
    answer(sent[0]!.permit, 50, 13); // handled earlier, arrived later: within the overlap
    expect(g.snapshot().remaining).toBe(10);
  });

  it('a 429 pauses every call until Retry-After has passed; then one probe, then the rest', async () => {
    const { g, sent, call, answer } = harness({ windowMs: 60_000, maxConcurrent: 4 });
    void call('a');
    await flush();
    answer(sent[0]!.permit, 50, 40);
    void call('refused');
    await flush();
    g.settle(sent[1]!.permit, { kind: 'rate_limited', retryAfterMs: 2_000 });
    const retried = call('refused-again', { priority: 'ui' });
    void call('bg', { priority: 'background' });
    await vi.advanceTimersByTimeAsync(1_900);
    expect(sent.length).toBe(2);
    expect(g.snapshot().pausedForMs).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent.map((s) => s.label)).toEqual(['a', 'refused', 'refused-again']);
    answer(await retried, 50, 49);
    await flush();
    expect(sent.map((s) => s.label)).toEqual(['a', 'refused', 'refused-again', 'bg']);
  });

  it('a Retry-After longer than maxPauseMs fails the waiting calls instead of holding them', async () => {
    const { g, sent, call } = harness({ maxPauseMs: 5_000, maxConcurrent: 1 });
    void call('a');
    await flush();
    const waiting = call('b').catch((e: unknown) => e);
    g.settle(sent[0]!.permit, { kind: 'rate_limited', retryAfterMs: 3_600_000 });
    const e = await waiting;
    expect(e).toBeInstanceOf(RateLimitPause);
    expect((e as RateLimitPause).retryAfterMs).toBeGreaterThan(3_500_000);
  });

  it('a cancelled waiting call leaves the queue and never gets a permit', async () => {
    const { g, sent, call } = harness({ maxConcurrent: 1 });
    void call('a');
    await flush();
    const ac = new AbortController();
    const cancelled = call('b', { signal: ac.signal }).catch((e: unknown) => e);
    void call('c');
    await flush();
    expect(g.snapshot().waitingCalls).toBe(2);
    ac.abort();
    expect(await cancelled).toBeInstanceOf(CallCancelled);
    expect(g.snapshot().waitingCalls).toBe(1);
    g.settle(sent[0]!.permit, { kind: 'no_answer' });
    await flush();
    expect(sent.map((s) => s.label)).toEqual(['a', 'c']);
  });

  it('reports its state: budget, waiting calls, calls in flight; close() fails waiting calls', async () => {
    const changes: number[] = [];
    const { g, sent, call, answer } = harness({ maxConcurrent: 1, onChange: (s) => changes.push(s.waitingCalls) });
    void call('a');
    const b = call('b').catch((e: unknown) => e);
    await flush();
    answer(sent[0]!.permit, 50, 45);
    await flush();
    expect(g.snapshot()).toMatchObject({ total: 50, remaining: 45, inFlight: 1, waitingCalls: 0 });
    expect(changes).toContain(1);
    const c1 = call('c').catch((e: unknown) => e);
    const c2 = g.acquire().catch((e: unknown) => e);
    g.close();
    expect(await c1).toBeInstanceOf(CallCancelled);
    expect(await c2).toBeInstanceOf(CallCancelled);
    expect(await b).not.toBeInstanceOf(Error);
  });

  it('multi-credit calls reserve their cost', async () => {
    const { sent, call, answer } = harness({ windowMs: 10_000, maxConcurrent: 4 });
    void call('a');
    await flush();
    answer(sent[0]!.permit, 50, 3);
    void call('expensive', { cost: 5 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent.length).toBe(1); // 3 credits left cannot pay for 5: wait for the window
    await vi.advanceTimersByTimeAsync(5_100);
    expect(sent.map((s) => s.label)).toEqual(['a', 'expensive']);
  });
});
