// Turns whatever a person pastes as "their helpdesk" into one Freshdesk subdomain, or says
// plainly why it can't be one. Pure TypeScript with no imports, shared like the rest of the
// contract: main applies it on every authorize, and the renderer uses the very same rules to
// preview "https://acme.freshdesk.com" as the person types (no round trip, so the form never
// shifts under the pointer a moment after typing).
//
// Only the subdomain survives normalization: routing always rebuilds the origin as
// https://<subdomain>.freshdesk.com, so nothing else a person (or a tampered file) writes can
// steer a key to another host.

export type SubdomainResult = { ok: true; subdomain: string } | { ok: false; message: string };

const FRESHDESK_SUFFIX = '.freshdesk.com';
const EXAMPLE = 'For example, for https://acme.freshdesk.com enter acme.';
/** One DNS label: letters, digits and inner hyphens, at most 63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Hosts that are Freshdesk's own sites, not somebody's helpdesk. */
const NOT_A_HELPDESK = new Set(['www', 'support', 'developers']);

const fail = (message: string): SubdomainResult => ({ ok: false, message });

/**
 * A Freshdesk API key pasted into the subdomain box: one run of 16+ letters and digits with both
 * cases and a digit (a key is random; a helpdesk name is one case-insensitive word). Refused
 * before anything is sent: as a host name it would go out in DNS and in the TLS server name.
 */
export function looksLikeApiKey(input: string): boolean {
  const s = String(input ?? '').trim();
  return /^[A-Za-z0-9]{16,64}$/.test(s) && /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s);
}

export function normalizeSubdomain(input: string): SubdomainResult {
  if (looksLikeApiKey(input)) {
    return fail(
      'That looks like your API key, not your helpdesk: the two fields may be swapped. Put the key in the API key box and your helpdesk name (like acme) here. If this really is your helpdesk name, type it in lower case.',
    );
  }
  let s = String(input ?? '')
    .trim()
    .toLowerCase();
  if (s === '') return fail(`Enter your Freshdesk subdomain: the part before .freshdesk.com. ${EXAMPLE}`);
  if (/\s/.test(s)) return fail(`A helpdesk address has no spaces. ${EXAMPLE}`);

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(s);
  if (scheme) {
    if (scheme[1] !== 'https' && scheme[1] !== 'http') {
      return fail(`"${scheme[1]}:" is not a web address. Paste the address of your helpdesk, like https://acme.freshdesk.com.`);
    }
    s = s.slice(scheme[0].length);
  } else if (s.startsWith('//')) {
    s = s.slice(2);
  }

  // The authority ends at the first path, query or fragment character; the rest (e.g.
  // /a/tickets/42 copied from the address bar) is not part of the helpdesk's name.
  const end = s.search(/[/?#\\]/);
  const authority = end === -1 ? s : s.slice(0, end);
  if (end !== -1 && s[end] === '\\') return fail(`That address contains a backslash. ${EXAMPLE}`);

  if (authority.includes('@')) {
    return fail('Paste only the helpdesk address, without a user name, e-mail or password in front of it.');
  }
  if (authority.startsWith('[') || (authority.match(/:/g)?.length ?? 0) > 1) {
    return fail('That is an IP address. Freshdesk helpdesks are reached by name, like acme.freshdesk.com.');
  }
  if (authority.includes(':')) {
    return fail('Freshdesk addresses have no port number (":8080"). Enter just the name, like acme.freshdesk.com.');
  }

  const host = authority.endsWith('.') ? authority.slice(0, -1) : authority;
  if (host === '') return fail(`That address has no helpdesk name in it. ${EXAMPLE}`);
  if (/^[0-9.]+$/.test(host) && host.includes('.')) {
    return fail('That is an IP address. Freshdesk helpdesks are reached by name, like acme.freshdesk.com.');
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return fail(
      '"localhost" is this computer, not a Freshdesk helpdesk. To look around without an account, use the sandbox helpdesk instead.',
    );
  }
  if (host === 'freshdesk.com') {
    return fail(`freshdesk.com is Freshdesk's own site. Enter your helpdesk's name in front of it. ${EXAMPLE}`);
  }

  let label: string;
  if (host.endsWith(FRESHDESK_SUFFIX)) {
    label = host.slice(0, -FRESHDESK_SUFFIX.length);
    if (label.includes('.')) {
      return fail(`A Freshdesk address has exactly one name before .freshdesk.com. ${EXAMPLE}`);
    }
  } else if (host.includes('.')) {
    if (host.endsWith('.myfreshworks.com')) {
      return fail(
        'That is your Freshworks account address. The Freshdesk API only works on your freshdesk.com address: open Freshdesk and copy the address from the browser bar (it looks like acme.freshdesk.com).',
      );
    }
    return fail(
      `"${host}" is not a freshdesk.com address. If it is your helpdesk's custom domain: the Freshdesk API only works on your freshdesk.com address (find it in Admin > Helpdesk Settings, e.g. acme.freshdesk.com).`,
    );
  } else {
    label = host;
  }

  if (label.startsWith('xn--')) {
    return fail('Freshdesk subdomains use only the letters a–z, digits and hyphens.');
  }
  if (label.length > 63) return fail('That subdomain is too long: a Freshdesk subdomain has at most 63 characters.');
  if (!LABEL.test(label)) {
    if (label.startsWith('-') || label.endsWith('-')) {
      return fail('A Freshdesk subdomain cannot start or end with a hyphen.');
    }
    return fail('Freshdesk subdomains use only the letters a–z, digits and hyphens.');
  }
  if (NOT_A_HELPDESK.has(label)) {
    return fail(`${label}.freshdesk.com is one of Freshdesk's own sites, not a helpdesk. ${EXAMPLE}`);
  }
  return { ok: true, subdomain: label };
}

/** The address a person will recognise for a subdomain (display only). */
export function helpdeskAddress(subdomain: string): string {
  return `https://${subdomain}${FRESHDESK_SUFFIX}`;
}

/** True when `origin` is exactly the production origin of `subdomain`. */
export function isFreshdeskOrigin(origin: string, subdomain: string): boolean {
  return origin === helpdeskAddress(subdomain);
}
