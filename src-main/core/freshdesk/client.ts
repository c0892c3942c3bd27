// The Freshdesk client: one HTTP exchange per call, paced by the helpdesk's rate governor,
// retried only when that is safe, parsed, and reported as a value (never thrown).
//
// Retry rules (a reply must never be posted twice):
// - reads: retried on 5xx, an unreadable answer and connection errors, with a short backoff;
// - writes: retried only when Freshdesk certainly did not process them: after a 429 (the
//   governor holds them until Retry-After) or a refused connection. Anything that may have
//   reached Freshdesk is reported once: as its answer, or as `uncertain`.
import type { CoreEvent, FreshdeskClient, FreshdeskCredentials, FreshdeskRequest, FreshdeskResponse, RateLimitSeen } from '../types';
import { createTransport, parseOrigin, type TransportOrigin, type TransportResult } from './transport';
import { CallCancelled, RateGovernor, RateLimitPause, type Permit } from './rate-governor';

export interface FreshdeskClientOptions {
  /** per-exchange timeout (ms); default 30 000 */
  timeoutMs?: number;
  now?: () => number;
  emit?: (event: CoreEvent) => void;
  /** assumed rate-limit window (ms); Freshdesk's is a minute. Tests with a short sandbox window set it. */
  rateWindowMs?: number;
  /** calls in flight at once per helpdesk; default 6 */
  maxConcurrentPerHelpdesk?: number;
  /** backoff before each retry of a read (and of a write whose connection was refused); default [200, 600] */
  retryDelaysMs?: number[];
  /** how many 429s one call rides out before it reports rate_limited; default 3 */
  maxRateLimitRetries?: number;
  /** a Retry-After longer than this is reported instead of waited out (ms); default 120 000 */
  maxRateLimitWaitMs?: number;
  /** minimum spacing of rate_limit events per helpdesk (ms); default 500 */
  rateEventIntervalMs?: number;
}

/** The request URL on the profile's own origin. A path that would leave it ("//host/…", an
 *  absolute URL, "\\host") throws: the key is attached only after this check. */
export function buildUrl(origin: string, req: Pick<FreshdeskRequest, 'path' | 'query'>): URL {
  const url = new URL(req.path, origin);
  if (url.origin !== new URL(origin).origin) throw new ForeignPathError();
  for (const [k, v] of Object.entries(req.query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  return url;
}

export class ForeignPathError extends Error {
  constructor() {
    super('The request path leaves the helpdesk address.');
    this.name = 'ForeignPathError';
  }
}

/** A path the URL parser would leave as it is: absolute, no query, fragment or dot segment (so
 *  it cannot leave the origin: "//host" and "\\host" do not match and go through buildUrl). */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_~-]+(?:\.[A-Za-z0-9_~-]+)*\/?)*$/;

/**
 * The request's path and query string, exactly as buildUrl would give them (the same encoding),
 * built without a URL object for the plain paths every tool uses.
 */
export function requestPath(origin: string, req: Pick<FreshdeskRequest, 'path' | 'query'>): string {
  if (!PLAIN_PATH.test(req.path)) {
    const url = buildUrl(origin, req);
    return url.pathname + url.search;
  }
  let params: URLSearchParams | undefined;
  for (const k in req.query) {
    const v = req.query[k];
    if (v === undefined) continue;
    params ??= new URLSearchParams();
    params.set(k, String(v));
  }
  return params ? `${req.path}?${params.toString()}` : req.path;
}

export function readRateLimit(headers: Record<string, string>): RateLimitSeen | undefined {
  const total = Number(headers['x-ratelimit-total']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  const used = Number(headers['x-ratelimit-used-currentrequest']);
  if (!Number.isFinite(total) || !Number.isFinite(remaining) || headers['x-ratelimit-total'] === undefined) return undefined;
  return { total, remaining, usedByThisCall: Number.isFinite(used) ? used : 1 };
}

/** Retry-After in ms (seconds or an HTTP date); undefined when absent or unreadable. */
export function readRetryAfterMs(headers: Record<string, string>, nowMs: number = Date.now()): number | undefined {
  const raw = headers['retry-after'];
  if (raw === undefined || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}

/** The page number of Link's rel="next" URL, or undefined when there is no next page. */
export function readNextPage(linkHeader: string | undefined): number | undefined {
  if (!linkHeader) return undefined;
  for (const part of linkHeader.split(',')) {
    // `<url>; rel="next"`, `< url>;rel="next"`, `<url>; rel=next`
    const m = /<\s*([^>]*?)\s*>\s*;\s*rel\s*=\s*"?([^";]+)"?/i.exec(part);
    if (!m || m[2]!.trim().toLowerCase() !== 'next') continue;
    try {
      const page = Number(new URL(m[1]!, 'https://x.invalid').searchParams.get('page'));
      if (Number.isInteger(page) && page > 0) return page;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Credits Freshdesk will charge: 1, plus 1 per include when viewing a ticket and 2 per include
 * when listing tickets. Lets the governor reserve the right amount before the answer says.
 */
export function estimateCredits(req: Pick<FreshdeskRequest, 'method' | 'path' | 'query'>): number {
  if (req.method !== 'GET') return 1;
  const include = req.query?.include;
  const n = typeof include === 'string' ? include.split(',').filter((s) => s.trim() !== '').length : 0;
  if (/^\/api\/v2\/tickets\/\d+\/?$/.test(req.path)) return 1 + n;
  if (/^\/api\/v2\/tickets\/?$/.test(req.path)) return 1 + 2 * n;
  return 1;
}

/** What one configured origin string parses to; undefined when a key must not be sent there. */
interface OriginInfo {
  /** normalized origin: one governor per helpdesk */
  key: string;
  /** what the transport connects to */
  target: TransportOrigin;
}

/** https, or plain http to this machine (the built-in sandbox). A key never travels in clear text elsewhere. */
function checkOrigin(origin: string): OriginInfo | undefined {
  try {
    const u = new URL(origin);
    const host = u.hostname;
    const ok =
      u.protocol === 'https:' ||
      (u.protocol === 'http:' && (host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]'));
    return ok ? { key: u.origin, target: parseOrigin(origin) } : undefined;
  } catch {
    return undefined;
  }
}

/** Parsed once per origin string (a handful per app): the check is pure, so its answer can be kept. */
const ORIGIN_CACHE_LIMIT = 256;
const originCache = new Map<string, OriginInfo | null>();
function originInfo(origin: string): OriginInfo | undefined {
  let info = originCache.get(origin);
  if (info === undefined) {
    info = checkOrigin(origin) ?? null;
    if (originCache.size >= ORIGIN_CACHE_LIMIT) originCache.clear();
    originCache.set(origin, info);
  }
  return info ?? undefined;
}

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
]);

function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createFreshdeskClient(opts: FreshdeskClientOptions = {}): FreshdeskClient {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const retryDelays = opts.retryDelaysMs ?? [200, 600];
  const maxRateLimitRetries = opts.maxRateLimitRetries ?? 3;
  const eventInterval = opts.rateEventIntervalMs ?? 500;
  const transport = createTransport();
  const governors = new Map<string, RateGovernor>();
  const eventTimers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  function governorFor(creds: FreshdeskCredentials, key: string): RateGovernor {
    let g = governors.get(key);
    if (g) return g;
    // rate_limit events: at most one per interval per helpdesk, the latest state always delivered
    let lastEmitAt = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let lastSent = '';
    const deliver = () => {
      pending = undefined;
      const s = g!.snapshot();
      if (s.total === undefined || !opts.emit) return;
      const event: CoreEvent = {
        type: 'rate_limit',
        subdomain: creds.subdomain,
        total: s.total,
        remaining: s.remaining ?? s.total,
        waitingCalls: s.waitingCalls,
      };
      const sig = `${event.total}/${event.remaining}/${event.waitingCalls}`;
      if (sig === lastSent) return;
      lastSent = sig;
      lastEmitAt = Date.now();
      opts.emit(event);
    };
    g = new RateGovernor({
      windowMs: opts.rateWindowMs,
      maxConcurrent: opts.maxConcurrentPerHelpdesk,
      maxPauseMs: opts.maxRateLimitWaitMs,
      onChange: () => {
        if (!opts.emit || pending || closed) return;
        const due = lastEmitAt + eventInterval - Date.now();
        if (due <= 0) return deliver();
        pending = setTimeout(() => {
          if (pending) eventTimers.delete(pending);
          deliver();
        }, due);
        eventTimers.add(pending);
      },
    });
    governors.set(key, g);
    return g;
  }

  function exchange(
    creds: FreshdeskCredentials,
    target: TransportOrigin,
    path: string,
    req: FreshdeskRequest,
    body: string | undefined,
  ): Promise<TransportResult> {
    return transport.send({
      method: req.method,
      origin: target,
      path,
      apiKey: creds.apiKey,
      body,
      signal: req.signal,
      timeoutMs: req.timeoutMs ?? timeoutMs,
    });
  }

  return {
    async request(creds: FreshdeskCredentials, req: FreshdeskRequest): Promise<FreshdeskResponse> {
      if (closed) return { kind: 'failure', failure: 'aborted', message: 'The app is closing; nothing was sent.' };
      const origin = originInfo(creds.origin);
      if (origin === undefined) {
        return {
          kind: 'failure',
          failure: 'network',
          code: 'insecure_origin',
          message: 'Refused to send the key to a helpdesk address that is not HTTPS.',
        };
      }
      // The key is attached only to a path on the profile's own origin (requestPath checks any
      // path that is not plain with buildUrl, which throws when it would leave).
      let path: string;
      try {
        path = requestPath(creds.origin, req);
      } catch {
        return {
          kind: 'failure',
          failure: 'network',
          code: 'foreign_path',
          message: 'Refused to send the key: the request path leads away from the helpdesk address. Nothing was sent.',
        };
      }
      const governor = governorFor(creds, origin.key);
      const cost = estimateCredits(req);
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      let waitedMs = 0;
      let retries = 0;
      let rateLimitRetries = 0;
      let last429: FreshdeskResponse | undefined;

      for (;;) {
        let permit: Permit;
        try {
          permit = await governor.acquire({ priority: req.priority, cost, signal: req.signal, requeued: rateLimitRetries > 0 });
        } catch (e) {
          if (e instanceof RateLimitPause) {
            // Another call's 429 asked for a longer pause than we hold calls: report it as this call's 429.
            return (
              last429 ?? {
                kind: 'response',
                status: 429,
                headers: { 'retry-after': String(Math.ceil(e.retryAfterMs / 1000)) },
                bodyText: '',
                waitedMs: Math.round(waitedMs),
              }
            );
          }
          const message = e instanceof CallCancelled ? e.message : 'Cancelled before it was sent.';
          return { kind: 'failure', failure: 'aborted', message };
        }
        waitedMs += permit.waitedMs;
        const r = await exchange(creds, origin.target, path, req, body);

        if (r.kind === 'failure') {
          governor.settle(permit, { kind: 'no_answer' });
          const mayHaveArrived = r.mayHaveBeenReceived;
          if (r.failure === 'aborted') {
            return {
              kind: 'failure',
              failure: mayHaveArrived && !req.safeToRetry ? 'uncertain' : 'aborted',
              message: r.message,
              code: r.code,
            };
          }
          const refused = r.failure === 'network' && !mayHaveArrived && r.code === 'ECONNREFUSED';
          const retryable = req.safeToRetry
            ? r.failure === 'network' && (r.code === undefined || RETRYABLE_NETWORK_CODES.has(r.code))
            : refused;
          if (retryable && retries < retryDelays.length) {
            if (!(await sleep(retryDelays[retries++]!, req.signal))) return { kind: 'failure', failure: 'aborted', message: 'Cancelled.' };
            continue;
          }
          if (!req.safeToRetry && mayHaveArrived) {
            return { kind: 'failure', failure: 'uncertain', message: r.message, code: r.code };
          }
          return { kind: 'failure', failure: r.failure, message: r.message, code: r.code };
        }

        const rateLimit = readRateLimit(r.headers);
        if (r.status === 429) {
          const retryAfterMs = readRetryAfterMs(r.headers) ?? governor.assumedWindowMs / 4;
          governor.settle(permit, { kind: 'rate_limited', retryAfterMs });
          last429 = parse(r, rateLimit, waitedMs);
          // Freshdesk refused it without processing it: safe to send again, reads and writes alike.
          if (rateLimitRetries < maxRateLimitRetries) {
            rateLimitRetries++;
            continue;
          }
          return last429;
        }
        governor.settle(permit, { kind: 'answered', rateLimit });
        const parsed = parse(r, rateLimit, waitedMs);
        const unreadable =
          parsed.kind === 'response' && parsed.status < 300 && parsed.json === undefined && looksLikeJson(r.headers, r.bodyText);
        if (req.safeToRetry && (r.status >= 500 || unreadable) && retries < retryDelays.length) {
          if (!(await sleep(retryDelays[retries++]!, req.signal))) return { kind: 'failure', failure: 'aborted', message: 'Cancelled.' };
          continue;
        }
        return parsed;
      }
    },
    close() {
      closed = true;
      for (const g of governors.values()) g.close();
      governors.clear();
      for (const t of eventTimers) clearTimeout(t);
      eventTimers.clear();
      transport.close();
    },
  };
}

function looksLikeJson(headers: Record<string, string>, bodyText: string): boolean {
  return (headers['content-type'] ?? '').includes('json') && bodyText.trim() !== '';
}

function parse(
  r: Extract<TransportResult, { kind: 'response' }>,
  rateLimit: RateLimitSeen | undefined,
  waitedMs: number,
): FreshdeskResponse {
  let json: unknown;
  if (looksLikeJson(r.headers, r.bodyText)) {
    try {
      json = JSON.parse(r.bodyText);
    } catch {
      json = undefined;
    }
  }
  return {
    kind: 'response',
    status: r.status,
    headers: r.headers,
    bodyText: r.bodyText,
    json,
    requestId: r.headers['x-request-id'],
    rateLimit,
    waitedMs: Math.round(waitedMs),
  };
}
