// What the MCP endpoint checks on every HTTP request before any MCP processing (docs/mcp.md,
// "Security model"): the Host must be the loopback address and our port (DNS rebinding), an
// Origin header must be absent or loopback, and the bearer token must match (constant time).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const MCP_PATH = '/mcp';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function originAllowed(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** `Authorization: Bearer <token>`, compared in constant time (digests of equal length). */
export function tokenMatches(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S{1,512})\s*$/i.exec(authorization ?? '');
  const given = m?.[1] ?? '';
  const same = timingSafeEqual(digest(given), digest(token));
  return same && given.length > 0;
}

export type GateVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; message: string };

export function checkRequest(h: IncomingHttpHeaders, url: string | undefined, port: number, token: string): GateVerdict {
  if (!hostAllowed(h.host, port))
    return { ok: false, status: 403, message: 'Forbidden: this endpoint answers only on its loopback address.' };
  const origin = Array.isArray(h.origin) ? h.origin[0] : h.origin;
  if (!originAllowed(origin)) return { ok: false, status: 403, message: 'Forbidden: web pages may not call this endpoint.' };
  if (!tokenMatches(h.authorization, token))
    return { ok: false, status: 401, message: 'Unauthorized: send the token Triage Desk shows in Settings → MCP.' };
  const path = (url ?? '').split('?')[0];
  if (path !== MCP_PATH) return { ok: false, status: 404, message: `Not found: the endpoint is ${MCP_PATH}.` };
  return { ok: true };
}
