// The app:// protocol: a built or packaged app loads its renderer from app://triage-desk/… instead
// of file://, so the page gets a real origin and none of file://'s extra privileges (the
// GrantFileProtocolExtraPrivileges fuse is off in packages). The handler serves only files under
// the renderer build folder, with their MIME type and the production CSP, and refuses anything
// else. Electron-free (Request/Response are Node's): index.ts registers it with protocol.handle,
// test/electron/app-protocol.test.ts drives it under Node. See docs/runtime.md.
// fs.promises read at call time: Electron makes these asar-aware by patching the fs object, so
// the packaged app reads from inside app.asar (docs/runtime.md).
import fs from 'node:fs';
import path from 'node:path';
import { PRODUCTION_CSP } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'triage-desk';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** What the renderer build contains, and the type each is served with. Anything else: 404. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppRequestResolution = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 404 | 405; reason: string };

/** Longest URL the handler looks at; the renderer's own URLs are far shorter. */
const MAX_URL = 2048;

/**
 * Maps an app:// request to a file under rootDir, or says why not (method, scheme, host, then
 * resolveRendererFile for the path).
 */
export function resolveAppRequest(rawUrl: string, method: string, rootDir: string): AppRequestResolution {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: 'method' };
  if (rawUrl.length > MAX_URL) return { ok: false, status: 400, reason: 'too long' };
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: 'not our host' };
  if (url.username || url.password || url.port) return { ok: false, status: 400, reason: 'credentials or port' };
  return resolveRendererFile(url.pathname, rootDir);
}

/**
 * A URL path (still percent-encoded, as URL.pathname gives it) to a file under rootDir. Each
 * segment is decoded on its own and refused when it could leave the folder or name something
 * else: "..", ".", empty segments, "/" or "\" (also as %2f / %5c), NUL, ":" (drive letters,
 * streams) and control characters. The resolved file must still be inside rootDir and have a
 * type from MIME_TYPES. Shared with the browser preview's static server (src-browser/).
 */
export function resolveRendererFile(pathname: string, rootDir: string): AppRequestResolution {
  const rawPath = pathname === '/' || pathname === '' ? '/index.html' : pathname;
  // A raw backslash, or dot segments the parser kept, never reach the file system.
  if (!rawPath.startsWith('/') || rawPath.includes('\\')) return { ok: false, status: 404, reason: 'path' };
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'bad escape' };
    }
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (segment === '' || segment === '.' || segment === '..' || /[/\\:\u0000-\u001f\u007f]/.test(segment)) {
      return { ok: false, status: 404, reason: 'segment' };
    }
    segments.push(segment);
  }
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return { ok: false, status: 404, reason: 'outside' };
  const contentType = MIME_TYPES[path.extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 404, reason: 'type' };
  return { ok: true, file, contentType };
}

/** Headers every app:// answer carries: the production CSP (the session adds it too), no MIME
 *  sniffing. */
export function appResponseHeaders(contentType?: string): Record<string, string> {
  return {
    'Content-Security-Policy': PRODUCTION_CSP,
    'X-Content-Type-Options': 'nosniff',
    ...(contentType ? { 'Content-Type': contentType } : {}),
  };
}

/** The handler protocol.handle(APP_SCHEME, …) gets: files under rootDir, everything else refused.
 *  A symlink inside the folder that points out of it is refused too (its real path is checked). */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  let realRoot: Promise<string> | undefined;
  return async (request) => {
    const resolved = resolveAppRequest(request.url, request.method, rootDir);
    if (!resolved.ok) return new Response(null, { status: resolved.status, headers: appResponseHeaders() });
    let body: Buffer;
    try {
      realRoot ??= fs.promises.realpath(rootDir);
      const [root, real] = await Promise.all([realRoot, fs.promises.realpath(resolved.file)]);
      const relative = path.relative(root, real);
      if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) throw new Error('outside the renderer folder');
      body = await fs.promises.readFile(real);
    } catch {
      // missing, a folder, unreadable, a link out of the folder: all the same to the page
      return new Response(null, { status: 404, headers: appResponseHeaders() });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: appResponseHeaders(resolved.contentType),
    });
  };
}
