import type { ServerResponse } from 'node:http';
import type { Reply } from './replies.js';

const COMMON_HEADERS = {
  'X-Freshdesk-API-Version': 'latest=v2; requested=v2',
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
} as const;

/** Writes a reply with the headers every Freshdesk answer carries. */
export function writeReply(
  res: ServerResponse,
  reply: Reply,
  requestId: string,
  extraHeaders?: Record<string, string>,
  slowBody?: { ms: number; timers: Set<NodeJS.Timeout> },
): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = { 'X-Request-Id': requestId, ...COMMON_HEADERS, ...extraHeaders, ...reply.headers };
  let payload = '';
  if (reply.status !== 204) {
    payload = reply.raw ?? JSON.stringify(reply.body ?? null);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = Buffer.byteLength(payload);
  res.writeHead(reply.status, headers);
  if (slowBody && slowBody.ms > 0) {
    res.flushHeaders();
    const timer = setTimeout(() => {
      slowBody.timers.delete(timer);
      if (!res.destroyed) res.end(payload);
    }, slowBody.ms);
    slowBody.timers.add(timer);
  } else res.end(payload);
}
