// The Electron fuses a package ships with: the one list. electron-builder flips them in the
// packaged binary right before signing (electron-builder.config.ts → electronFuses);
// test/electron/packaging.test.ts checks this list and flips it on a stand-in binary with the
// same @electron/fuses electron-builder uses. What each fuse does: docs/runtime.md.
import type { Configuration } from 'electron-builder';

export const FUSES = {
  // off: no way to run the binary as plain Node, or to feed it Node options or an inspector
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // off: the renderer comes from app://, so file:// pages need no extra privileges
  grantFileProtocolExtraPrivileges: false,
  // on: load code only from the (integrity-checked) app.asar; cookies encrypted with the OS key
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
} as const satisfies NonNullable<Configuration['electronFuses']>;
