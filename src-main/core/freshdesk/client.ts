// The Freshdesk client: builds the URL from the profile's resolved origin, sends through the
// transport and parses the answer. (The rate governor and retries wrap this; see issue 8.)
import type { CoreEvent, FreshdeskClient, FreshdeskCredentials, FreshdeskRequest, FreshdeskResponse, RateLimitSeen } from '../types';
import { send } from './transport';

export interface FreshdeskClientOptions {
  timeoutMs?: number;
  now?: () => number;
  emit?: (event: CoreEvent) => void;
}

export function buildUrl(origin: string, req: Pick<FreshdeskRequest, 'path' | 'query'>): URL {
  const url = new URL(req.path, origin);
  for (const [k, v] of Object.entries(req.query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  return url;
}

export function readRateLimit(headers: Record<string, string>): RateLimitSeen | undefined {
  const total = Number(headers['x-ratelimit-total']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  const used = Number(headers['x-ratelimit-used-currentrequest']);
  if (!Number.isFinite(total) || !Number.isFinite(remaining) || headers['x-ratelimit-total'] === undefined) return undefined;
  return { total, remaining, usedByThisCall: Number.isFinite(used) ? used : 1 };
}

export function createFreshdeskClient(opts: FreshdeskClientOptions = {}): FreshdeskClient {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return {
    async request(creds: FreshdeskCredentials, req: FreshdeskRequest): Promise<FreshdeskResponse> {
      const url = buildUrl(creds.origin, req);
      const r = await send({
        method: req.method,
        url,
        apiKey: creds.apiKey,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: req.signal,
        timeoutMs: req.timeoutMs ?? timeoutMs,
      });
      if (r.kind === 'failure') {
        const failure = r.failure === 'aborted' ? 'aborted' : r.mayHaveBeenReceived && !req.safeToRetry ? 'uncertain' : r.failure;
        return { kind: 'failure', failure, message: r.message, code: r.code };
      }
      let json: unknown;
      if ((r.headers['content-type'] ?? '').includes('json') && r.bodyText.trim() !== '') {
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
        rateLimit: readRateLimit(r.headers),
        waitedMs: 0,
      };
    },
    close() {},
  };
}
