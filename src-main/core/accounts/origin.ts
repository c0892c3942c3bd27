// Where a profile's key may be sent. Production: exactly https://<sub>.freshdesk.com. The only
// other targets are loopback: the built-in sandbox (main's own flow) and test/harness overrides
// of `freshdeskOrigin`. Everything else is refused, so neither a tampered file nor a wrong
// override can send a key to another host.

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const SANDBOX_ORIGIN = new RegExp(`^http://(?:${LABEL}\\.localhost|127\\.0\\.0\\.1):(\\d{1,5})$`);

/** `http://<label>.localhost:<port>` or `http://127.0.0.1:<port>`, nothing more. */
export function isSandboxOrigin(origin: string): boolean {
  const m = SANDBOX_ORIGIN.exec(origin);
  if (!m) return false;
  const port = Number(m[1]);
  return port >= 1 && port <= 65535;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** May a key of the profile on `subdomain` be sent to `origin` (as resolved by freshdeskOrigin)? */
export function isAllowedFreshdeskOrigin(origin: string, subdomain: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return false;
  if (url.pathname !== '/' || url.origin !== origin.replace(/\/$/, '')) return false;
  if (url.protocol === 'https:' && url.port === '' && url.hostname === `${subdomain}.freshdesk.com`) return true;
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
}
