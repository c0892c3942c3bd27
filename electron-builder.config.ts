// `npm run package` (electron-builder): the app as AppImage + deb on Linux, dmg on macOS, an NSIS
// installer on Windows, each for the machine it runs on. It needs a machine that has (or can
// download) the Electron binary; see README "Packaging" and docs/runtime.md.
import type { Configuration } from 'electron-builder';
import { FUSES } from './scripts/packaging/fuses';

const config: Configuration = {
  appId: 'app.triagedesk.desktop',
  productName: 'Triage Desk',
  directories: { output: 'dist', buildResources: 'resources' },
  // electron-vite's three bundles; the production dependencies main imports come along.
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  electronFuses: FUSES,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'resources/icon.png',
    maintainer: 'Triage Desk',
  },
  mac: { target: ['dmg'], category: 'public.app-category.productivity', icon: 'resources/icon.png' },
  win: { target: ['nsis'], icon: 'resources/icon.png' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

export default config;
