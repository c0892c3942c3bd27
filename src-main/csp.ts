// The renderer's Content-Security-Policy. One definition for the Electron session header, the
// <meta> in src-renderer/index.html (the build and a test keep it equal), and the browser test
// harness.
// Electron-free so the harness and the build config can import it.

/** Production: only our own bundled files run; the page talks to nothing over the network
 *  (all helpdesk and Claude traffic goes through main). React's style={{}} is set through the
 *  CSSOM, which style-src does not restrict, so no 'unsafe-inline' is needed. */
export const PRODUCTION_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'none'",
  "img-src 'self' data:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The same policy for the <meta> in index.html. frame-ancestors is left out because browsers
 *  ignore it in a <meta> (and log an error saying so); the header carries it. */
export const PRODUCTION_META_CSP = forMeta(PRODUCTION_CSP);

/** A policy as a <meta> may carry it (browsers ignore frame-ancestors there). */
export function forMeta(policy: string): string {
  return policy
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
}

/** Development only (electron-vite dev server): Vite's hot reload needs its websocket, the
 *  React refresh preamble (an inline script) and injected <style> tags. Never used in a build. */
export function developmentCsp(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline' ${devServerOrigin}`,
    `connect-src 'self' ${devServerOrigin} ${ws}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
