// Paces calls to one helpdesk. Freshdesk's budget is account-wide (every agent, key and app on
// the helpdesk draws from it, and invalid or failed calls count too), so there is one governor
// per helpdesk origin, shared by every profile connected to it.
//
// What it knows comes only from answers: X-RateLimit-Total / -Remaining on every non-429 answer,
// and Retry-After on a 429. Freshdesk does not say when its window began, so the governor
// assumes a window length (60 s by default, configurable) and places the window's start at the
// moment it first saw the current budget. That moment is never earlier than the true start, so
// the window it assumes never ends before the real one does: the first call it sends after the
// assumed end does not land in the old, exhausted window. When Remaining jumps up by more than
// the calls that overlapped in flight could explain, a new window has begun, and its start is
// recorded then.
//
// Policy: send freely while the budget is comfortable; when it runs low, spread what is left
// over what is left of the window; when it is spent, hold calls until the assumed window ends,
// then send one probe and let its answer confirm the new budget. A 429 pauses every call to
// the helpdesk until Retry-After has passed; the paused calls then go (the caller re-queues the
// refused call at the front of its class).
import type { RateLimitSeen } from '../types';

export type CallPriority = 'ui' | 'chat' | 'background';
const PRIORITY_RANK: Record<CallPriority, number> = { ui: 0, chat: 1, background: 2 };

export interface RateGovernorOptions {
  /** assumed length of Freshdesk's rate-limit window (ms). Freshdesk's limits are per minute. */
  windowMs?: number;
  /** calls in flight at once to this helpdesk */
  maxConcurrent?: number;
  /** a Retry-After longer than this fails the waiting calls instead of holding them (ms) */
  maxPauseMs?: number;
  /** monotonic clock (ms) */
  clock?: () => number;
  /** called whenever the budget or the queue changes (the caller throttles what it shows) */
  onChange?: (snapshot: RateGovernorSnapshot) => void;
}

export interface RateGovernorSnapshot {
  total?: number;
  /** last budget Freshdesk reported in the current window */
  remaining?: number;
  waitingCalls: number;
  inFlight: number;
  /** > 0 while a 429 holds every call */
  pausedForMs: number;
}

export interface Permit {
  readonly waitedMs: number;
  readonly sentAt: number;
}

export type CallOutcome =
  { kind: 'answered'; rateLimit?: RateLimitSeen } | { kind: 'rate_limited'; retryAfterMs: number } | { kind: 'no_answer' };

/** The caller's signal fired while the call was still waiting: nothing was sent. */
export class CallCancelled extends Error {
  constructor() {
    super('Cancelled before it was sent.');
    this.name = 'CallCancelled';
  }
}

/** Freshdesk asked for a pause longer than the governor will hold a call. */
export class RateLimitPause extends Error {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super(`Freshdesk's rate limit is spent; it accepts calls again in ${Math.ceil(retryAfterMs / 1000)} s.`);
    this.name = 'RateLimitPause';
    this.retryAfterMs = retryAfterMs;
  }
}

interface Waiter {
  rank: number;
  seq: number;
  cost: number;
  enqueuedAt: number;
  resolve(p: Permit): void;
  reject(e: Error): void;
  detach(): void;
}

interface InFlightCall extends Permit {
  cost: number;
  /** credits of every call whose flight overlapped this one's: how far its answer may be out of order */
  overlapCost: number;
  settled: boolean;
}

export class RateGovernor {
  private readonly windowMs: number;
  private readonly maxConcurrent: number;
  private readonly maxPauseMs: number;
  private readonly clock: () => number;
  private readonly onChange?: (s: RateGovernorSnapshot) => void;

  private total?: number;
  private remaining?: number;
  private windowStart = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private lastSendAt = Number.NEGATIVE_INFINITY;
  private readonly inFlight = new Set<InFlightCall>();
  private inFlightCost = 0;
  private queue: Waiter[] = [];
  private seq = 0;
  private frontSeq = Number.MIN_SAFE_INTEGER;
  private timer?: ReturnType<typeof setTimeout>;
  private timerAt = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(opts: RateGovernorOptions = {}) {
    this.windowMs = opts.windowMs ?? 60_000;
    this.maxConcurrent = Math.max(1, opts.maxConcurrent ?? 6);
    this.maxPauseMs = opts.maxPauseMs ?? 120_000;
    this.clock = opts.clock ?? (() => performance.now());
    this.onChange = opts.onChange;
  }

  get assumedWindowMs(): number {
    return this.windowMs;
  }

  /**
   * Waits for this helpdesk's turn. `requeued` puts a call Freshdesk refused with 429 ahead of
   * the others of its priority. Rejects with CallCancelled or RateLimitPause; nothing is sent then.
   */
  acquire(opts: { priority?: CallPriority; cost?: number; signal?: AbortSignal; requeued?: boolean } = {}): Promise<Permit> {
    if (this.closed) return Promise.reject(new CallCancelled());
    if (opts.signal?.aborted) return Promise.reject(new CallCancelled());
    const cost = Math.max(1, opts.cost ?? 1);
    // Fast path: nobody is waiting and the budget allows it now, so no call can be overtaken.
    // The permit is granted synchronously: no queue entry, no listener, no timer.
    if (this.queue.length === 0) {
      const t = this.clock();
      if (this.pausedUntil - t <= this.maxPauseMs && this.delayFor(cost, t) <= 0) {
        const call = this.admit(cost, t, t);
        this.onChange?.(this.snapshot());
        return Promise.resolve(call);
      }
    }
    return new Promise<Permit>((resolve, reject) => {
      const signal = opts.signal;
      const onAbort = () => {
        this.queue = this.queue.filter((w) => w !== waiter);
        reject(new CallCancelled());
        this.pump();
      };
      const waiter: Waiter = {
        rank: PRIORITY_RANK[opts.priority ?? 'ui'],
        seq: opts.requeued ? this.frontSeq++ : this.seq++,
        cost,
        enqueuedAt: this.clock(),
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const at = this.queue.findIndex((w) => w.rank > waiter.rank || (w.rank === waiter.rank && w.seq > waiter.seq));
      if (at === -1) this.queue.push(waiter);
      else this.queue.splice(at, 0, waiter);
      this.pump();
    });
  }

  /** Reports how a call that got a permit ended; every permit must be settled exactly once. */
  settle(permit: Permit, outcome: CallOutcome): void {
    const call = permit as InFlightCall;
    if (call.settled || !this.inFlight.has(call)) return;
    call.settled = true;
    this.inFlight.delete(call);
    this.inFlightCost -= call.cost;
    const t = this.clock();
    if (outcome.kind === 'answered' && outcome.rateLimit) this.observe(call, outcome.rateLimit, t);
    if (outcome.kind === 'rate_limited') {
      this.pausedUntil = Math.max(this.pausedUntil, t + Math.max(0, outcome.retryAfterMs));
      if (this.total !== undefined) this.remaining = 0;
      // The window ends no later than Retry-After says: probe right when the pause ends.
      this.windowStart = this.pausedUntil - this.windowMs;
    }
    this.pump();
  }

  snapshot(): RateGovernorSnapshot {
    return {
      total: this.total,
      remaining: this.remaining,
      waitingCalls: this.queue.length,
      inFlight: this.inFlight.size,
      pausedForMs: Math.max(0, this.pausedUntil - this.clock()),
    };
  }

  /** Fails every waiting call (the client is closing). */
  close(): void {
    this.closed = true;
    this.clearTimer();
    const waiting = this.queue;
    this.queue = [];
    for (const w of waiting) {
      w.detach();
      w.reject(new CallCancelled());
    }
  }

  private observe(call: InFlightCall, seen: RateLimitSeen, t: number): void {
    this.total = seen.total;
    const assumedEnd = this.windowStart + this.windowMs;
    if (this.remaining === undefined || call.sentAt >= assumedEnd) {
      // first budget seen, or the first answer to a call sent after the assumed window ended
      this.startWindow(t, seen.remaining);
    } else if (seen.remaining > this.remaining + call.overlapCost) {
      // More came back than out-of-order answers could explain: the budget was refilled.
      this.startWindow(t, seen.remaining);
    } else {
      this.remaining = Math.min(this.remaining, seen.remaining);
    }
  }

  private startWindow(t: number, remaining: number): void {
    this.windowStart = t;
    this.remaining = remaining;
  }

  /** 0 = send now; a number = check again after that many ms; Infinity = after a call settles. */
  private delayFor(cost: number, t: number): number {
    if (this.inFlight.size >= this.maxConcurrent) return Number.POSITIVE_INFINITY;
    if (t < this.pausedUntil) return this.pausedUntil - t;
    const total = this.total;
    const remaining = this.remaining;
    // Nothing known yet: the concurrency cap keeps the first burst far below any plan's limit.
    if (total === undefined || remaining === undefined) return 0;
    const windowEnd = this.windowStart + this.windowMs;
    if (t >= windowEnd) {
      // The budget has probably been refilled; one call at a time until an answer says so.
      for (const c of this.inFlight) if (c.sentAt >= windowEnd) return Number.POSITIVE_INFINITY;
      return 0;
    }
    const available = remaining - this.inFlightCost;
    if (available < cost) return windowEnd - t;
    const reserve = Math.max(2 * this.maxConcurrent, Math.ceil(total * 0.1));
    if (available - cost >= reserve) return 0;
    // Low: spread what is left over what is left of the window instead of bursting into 429s.
    const interval = (windowEnd - t) / Math.max(1, available / cost);
    return Math.max(0, this.lastSendAt + interval - t);
  }

  private pump(): void {
    if (this.closed) return;
    this.clearTimer();
    while (this.queue.length > 0) {
      const t = this.clock();
      if (this.pausedUntil - t > this.maxPauseMs) {
        const waiting = this.queue;
        this.queue = [];
        for (const w of waiting) {
          w.detach();
          w.reject(new RateLimitPause(this.pausedUntil - t));
        }
        break;
      }
      const head = this.queue[0]!;
      const wait = this.delayFor(head.cost, t);
      if (wait <= 0) {
        this.dispatch(head, t);
        continue;
      }
      if (Number.isFinite(wait)) this.wakeAfter(wait);
      break;
    }
    this.onChange?.(this.snapshot());
  }

  private dispatch(w: Waiter, t: number): void {
    this.queue.shift();
    w.detach();
    w.resolve(this.admit(w.cost, w.enqueuedAt, t));
  }

  /** Records a call as sent at `t`. */
  private admit(cost: number, enqueuedAt: number, t: number): InFlightCall {
    for (const c of this.inFlight) c.overlapCost += cost;
    const call: InFlightCall = {
      waitedMs: Math.max(0, t - enqueuedAt),
      sentAt: t,
      cost,
      overlapCost: this.inFlightCost,
      settled: false,
    };
    this.inFlight.add(call);
    this.inFlightCost += cost;
    this.lastSendAt = t;
    return call;
  }

  private wakeAfter(ms: number): void {
    const at = this.clock() + ms;
    if (this.timer && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    // +1 ms: timers may fire a hair early relative to the clock
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.ceil(ms) + 1,
    );
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
