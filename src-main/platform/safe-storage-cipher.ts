// SecretCipher over Electron safeStorage (Keychain / DPAPI / libsecret / KWallet).
// safeStorage is touched only inside the methods, so building the cipher early is harmless; it is
// usable only once the app is ready. On Linux, `basic_text` (a hard-coded password) and
// `unknown` are obfuscation, not encryption: they report `weak`, and the vault refuses them
// unless the person accepted weak storage in Settings.
import { app, safeStorage } from 'electron';
import type { CipherStatus, SecretCipher } from '../core/types';
import { CoreError } from '../core/types';

const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

function unavailableReason(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'The macOS Keychain is not available. Unlock your login keychain (Keychain Access) and restart Triage Desk.';
    case 'win32':
      return 'Windows data protection (DPAPI) is not available for this user. Sign in to Windows with your own account and restart Triage Desk.';
    default:
      return 'No keyring is running. Install and unlock GNOME Keyring (or KWallet), then restart Triage Desk.';
  }
}

function backendOf(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  return safeStorage.getSelectedStorageBackend();
}

export function createSafeStorageCipher(opts: { platform?: NodeJS.Platform } = {}): SecretCipher {
  const platform = opts.platform ?? process.platform;

  function status(): CipherStatus {
    if (!app.isReady()) {
      return {
        available: false,
        reason: 'Secure storage becomes available once Triage Desk has finished starting. Try again in a moment.',
      };
    }
    const backend = backendOf(platform);
    if (!safeStorage.isEncryptionAvailable()) return { available: false, reason: unavailableReason(platform), backend };
    if (platform === 'linux' && WEAK_LINUX_BACKENDS.has(backend)) return { available: true, weak: true, backend };
    return { available: true, backend };
  }

  return {
    status,
    encrypt(plaintext) {
      // The vault decides whether weak storage is acceptable; here only "can it run at all".
      const s = status();
      if (!s.available) throw new CoreError('encryption_unavailable', s.reason);
      return safeStorage.encryptString(plaintext);
    },
    decrypt(ciphertext) {
      const s = status();
      if (!s.available) throw new CoreError('encryption_unavailable', s.reason);
      return safeStorage.decryptString(ciphertext);
    },
  };
}
