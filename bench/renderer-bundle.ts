// JavaScript the window must fetch and parse before first paint: the entry script of the built
// renderer plus every modulepreload link in out/renderer/index.html, each gzipped (zlib level 9)
// as a stand-in for transfer and parse cost. Lazily loaded chunks are not counted.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialJsFile {
  file: string;
  bytes: number;
  gzip_bytes: number;
}

export interface RendererBundleSample {
  initial_js_gzip_bytes: number;
  initial_js_bytes: number;
  files: InitialJsFile[];
}

export const RENDERER_OUT_DIR = path.resolve(import.meta.dirname, '..', 'out', 'renderer');

/** Script URLs the page loads up front: module entry scripts and modulepreload links. */
export function initialScriptUrls(html: string): string[] {
  const urls: string[] = [];
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = (m: RegExpExecArray | null) => (m ? (m[2] ?? m[3] ?? m[4]) : undefined);
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = value(attr(m[0], 'src'));
    if (src) urls.push(src);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = value(attr(m[0], 'rel'))?.toLowerCase().split(/\s+/) ?? [];
    const href = value(attr(m[0], 'href'));
    if (href && rel.includes('modulepreload')) urls.push(href);
  }
  return [...new Set(urls)];
}

export function measureRendererBundle(outDir = RENDERER_OUT_DIR): RendererBundleSample {
  const indexPath = path.join(outDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} does not exist; run npm run build:renderer first`);
  const html = readFileSync(indexPath, 'utf8');
  const urls = initialScriptUrls(html);
  if (urls.length === 0) throw new Error(`${indexPath} loads no script`);
  const files = urls.map((url): InitialJsFile => {
    if (/^[a-z]+:\/\//i.test(url)) throw new Error(`index.html loads a remote script (${url}); only local scripts are allowed`);
    const rel = url.replace(/^\.?\//, '').split(/[?#]/)[0];
    const file = path.join(outDir, rel);
    const content = readFileSync(file);
    return { file: rel, bytes: content.length, gzip_bytes: gzipSync(content, { level: 9 }).length };
  });
  return {
    initial_js_gzip_bytes: files.reduce((s, f) => s + f.gzip_bytes, 0),
    initial_js_bytes: files.reduce((s, f) => s + f.bytes, 0),
    files,
  };
}
