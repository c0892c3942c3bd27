// electron-vite builds the three entries: main (ESM, Node), the sandboxed preload (CommonJS,
// everything bundled: it may require only 'electron'), and the React renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from './scripts/vite-csp-plugin';

const root = import.meta.dirname;
// TRIAGE_BUILD_DIR lets the Electron smoke test build beside the harness's out/renderer instead of
// over it while browser specs are reading it.
const outDir = resolve(root, process.env['TRIAGE_BUILD_DIR'] ?? 'out');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(outDir, 'main'),
      lib: { entry: resolve(root, 'src-main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: resolve(outDir, 'preload'),
      // Bundle, never require: a sandboxed preload cannot load node_modules.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'src-preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    plugins: [react(), cspMetaPlugin()],
    build: {
      outDir: resolve(outDir, 'renderer'),
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
