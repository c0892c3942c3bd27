// Which links may leave the app, free of zod so the renderer can use it without loading the
// schema library. docs/approvals.md ("Links") says why each rule is there.
// One DNS label, as Freshdesk subdomains are.
const FRESHDESK_HOST = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.freshdesk\.com$/;
const EXACT_HOSTS = new Set(['console.anthropic.com']);

export type ExternalUrlCheck = { ok: true; href: string } | { ok: false; message: string };

const refuse = (message: string): ExternalUrlCheck => ({ ok: false, message });

/**
 * The one decision about a link leaving the app. `ownSubdomain` is the active profile's
 * helpdesk: its https://<sub>.freshdesk.com is allowed, no other helpdesk (anyone can register
 * one, xn-- look-alikes included). 'any' accepts every plain one-label helpdesk: the renderer's
 * first look, before main decides with the profile it knows. https only, default port, no
 * user:password@, no backslash or blank (which browsers and URL parsers read differently).
 * On success `href` is the normalised address: the only string that is passed on.
 */
export function checkExternalUrl(raw: string, ownSubdomain: string | undefined | 'any'): ExternalUrlCheck {
  const only =
    ownSubdomain && ownSubdomain !== 'any'
      ? `Triage Desk opens only your own helpdesk (https://${ownSubdomain}.freshdesk.com) and console.anthropic.com.`
      : 'Triage Desk opens only your own Freshdesk helpdesk and console.anthropic.com.';
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return refuse(only);
  // eslint-disable-next-line no-control-regex
  if (/[\\\s\u0000-\u001f\u007f]/.test(raw))
    return refuse('That link contains a backslash, a space or a control character, so it was not opened.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(only);
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return refuse(only);
  if (EXACT_HOSTS.has(url.hostname)) return { ok: true, href: url.href };
  const label = FRESHDESK_HOST.exec(url.hostname)?.[1];
  if (label === undefined || label.startsWith('xn--')) return refuse(only);
  if (ownSubdomain === 'any' || label === ownSubdomain) return { ok: true, href: url.href };
  return refuse(only);
}

/** The renderer's first look (any plain helpdesk address); main decides with checkExternalUrl. */
export function isAllowedExternalUrl(raw: string): boolean {
  return checkExternalUrl(raw, 'any').ok;
}
