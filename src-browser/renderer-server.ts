// Serves the built renderer (out/renderer) on 127.0.0.1 with the production CSP header, the way
// Electron's session adds it, for the e2e harness and the browser preview. Static files only,
// with the app:// handler's path rules (src-main/app-protocol.ts); it carries no IPC.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { resolveRendererFile } from '../src-main/app-protocol';
import { PRODUCTION_CSP } from '../src-main/csp';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../out/renderer');

export interface RendererServer {
  /** the app's page, e.g. http://127.0.0.1:41234/index.html */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export function assertRendererBuilt(dir = RENDERER_DIR): void {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(
      `The renderer is not built (${dir}/index.html is missing). Run \`npm run build:renderer\` (npm run e2e does it for you).`,
    );
  }
}

export async function startRendererServer(dir = RENDERER_DIR): Promise<RendererServer> {
  assertRendererBuilt(dir);
  const server = createServer((req, res) => {
    const headers = { 'Content-Security-Policy': PRODUCTION_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    // The same path rules and MIME types as the app's app:// handler.
    let resolved: ReturnType<typeof resolveRendererFile>;
    try {
      resolved = resolveRendererFile(new URL(req.url ?? '/', 'http://127.0.0.1').pathname, dir);
    } catch {
      resolved = { ok: false, status: 400, reason: 'not a URL' };
    }
    if (!resolved.ok || !existsSync(resolved.file) || !statSync(resolved.file).isFile()) {
      res.writeHead(resolved.ok ? 404 : resolved.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': resolved.contentType });
    if (req.method === 'HEAD') res.end();
    else createReadStream(resolved.file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/index.html`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
