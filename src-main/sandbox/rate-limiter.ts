import type { PlanName, SubLimitName } from './model.js';

/** Per-minute limits by plan (docs/freshdesk-api.md §5). Trial has no endpoint sub-limits. */
export const PLAN_LIMITS: Readonly<Record<PlanName, { perMinute: number; subLimits: Partial<Record<SubLimitName, number>> }>> = {
  trial: { perMinute: 50, subLimits: {} },
  growth: { perMinute: 200, subLimits: { ticketCreate: 80, ticketUpdate: 80, ticketsList: 20, contactsList: 20 } },
  pro: { perMinute: 400, subLimits: { ticketCreate: 160, ticketUpdate: 160, ticketsList: 100, contactsList: 100 } },
  enterprise: { perMinute: 700, subLimits: { ticketCreate: 280, ticketUpdate: 280, ticketsList: 200, contactsList: 200 } },
};

export type RateDecision =
  { ok: true; total: number; remaining: number; usedByThisRequest: number } | { ok: false; retryAfterSeconds: number };

export interface RateLimitSettings {
  perMinute: number;
  windowMs: number;
  subLimits: Partial<Record<SubLimitName, number>>;
}

/**
 * One account's budget. Fixed window that starts at the first request after the previous window
 * ended (so a test that sets a limit gets the whole window). The counter rises before the
 * request is handled, so invalid requests count too. A request is refused once the window's
 * credits are used up; the request that crosses the limit is still served.
 */
export class RateLimiter {
  private settings: RateLimitSettings;
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;
  private readonly subUsed = new Map<SubLimitName, number>();

  constructor(
    settings: RateLimitSettings,
    private readonly now: () => number,
  ) {
    this.settings = { ...settings, subLimits: { ...settings.subLimits } };
  }

  get current(): RateLimitSettings {
    return { ...this.settings, subLimits: { ...this.settings.subLimits } };
  }

  configure(next: Partial<RateLimitSettings>): RateLimitSettings {
    this.settings = {
      perMinute: next.perMinute ?? this.settings.perMinute,
      windowMs: next.windowMs ?? this.settings.windowMs,
      subLimits: { ...(next.subLimits ?? this.settings.subLimits) },
    };
    this.reset();
    return this.current;
  }

  reset(): void {
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.used = 0;
    this.subUsed.clear();
  }

  take(cost: number, sub: SubLimitName | undefined): RateDecision {
    const now = this.now();
    if (now >= this.windowStart + this.settings.windowMs) {
      this.windowStart = now;
      this.used = 0;
      this.subUsed.clear();
    }
    const total = this.settings.perMinute;
    const subLimit = sub ? this.settings.subLimits[sub] : undefined;
    const subUsed = sub ? (this.subUsed.get(sub) ?? 0) : 0;
    if (this.used >= total || (subLimit !== undefined && subUsed >= subLimit)) {
      const ms = this.windowStart + this.settings.windowMs - now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
    }
    this.used += cost;
    if (sub) this.subUsed.set(sub, subUsed + 1); // sub-limits count calls
    return { ok: true, total, remaining: Math.max(total - this.used, 0), usedByThisRequest: cost };
  }
}
