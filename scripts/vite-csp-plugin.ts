// Keeps the renderer's <meta> Content-Security-Policy honest: a production build fails when the
// policy in index.html differs from PRODUCTION_META_CSP (src-main/csp.ts); the dev server swaps in the
// relaxed development policy that hot reload needs. Used by electron.vite.config.ts and the
// harness's plain-vite renderer build.
import type { Plugin } from 'vite';
import { developmentCsp, forMeta, PRODUCTION_META_CSP } from '../src-main/csp';

const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

export function cspMetaPlugin(): Plugin {
  return {
    name: 'triage:csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const match = META.exec(html);
        if (!match) {
          throw new Error(
            'src-renderer/index.html must carry <meta http-equiv="Content-Security-Policy" content="…"> (see src-main/csp.ts).',
          );
        }
        if (ctx.server) {
          const origin = ctx.server.resolvedUrls?.local[0] ?? `http://localhost:${ctx.server.config.server.port ?? 5173}/`;
          return html.replace(
            META,
            `<meta http-equiv="Content-Security-Policy" content="${forMeta(developmentCsp(new URL(origin).origin))}" />`,
          );
        }
        if (match[1] !== PRODUCTION_META_CSP) {
          throw new Error(
            `The CSP <meta> in src-renderer/index.html differs from PRODUCTION_META_CSP in src-main/csp.ts.\n  html:   ${match[1]}\n  csp.ts: ${PRODUCTION_META_CSP}`,
          );
        }
        return html;
      },
    },
  };
}
