// Serves the built renderer (out/renderer) on 127.0.0.1 with the production CSP header, the way
// Electron's session adds it. Static files only; anything outside the folder is a 404.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PRODUCTION_CSP } from '../../src-main/csp';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

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
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400, headers).end();
      return;
    }
    if (pathname === '/') pathname = '/index.html';
    const file = path.resolve(dir, '.' + pathname);
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
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
