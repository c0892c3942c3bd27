// The link allowlist, free of zod so the renderer can use it without loading the schema library
// (moved verbatim from ./app.ts, which re-exports it).
// One DNS label, as Freshdesk subdomains are.
const FRESHDESK_HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.freshdesk\.com$/;
const EXACT_HOSTS = new Set(['console.anthropic.com']);

/**
 * The only places the app will send a person's browser: their own helpdesk
 * (https://<one-label>.freshdesk.com) and the Anthropic console (to create a key). https only,
 * default port, no user:password@ part. Shared by main (before shell.openExternal) and the
 * renderer (to decide whether a link is offered at all).
 */
export function isAllowedExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  return FRESHDESK_HOST.test(url.hostname) || EXACT_HOSTS.has(url.hostname);
}
