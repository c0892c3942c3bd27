// The same renderer build as electron.vite.config.ts, with plain vite, for the browser harness
// (`npm run build:renderer` → out/renderer). No Electron involved.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from '../scripts/vite-csp-plugin';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  root: resolve(root, 'src-renderer'),
  base: './',
  plugins: [react(), cspMetaPlugin()],
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    reportCompressedSize: false,
    rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
  },
});
