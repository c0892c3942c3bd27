// The options both vault stores (electron-store in the app, conf under Node) are opened with,
// so the two can never drift apart.
export const VAULT_STORE_NAME = 'vault';

export const vaultStoreOptions = {
  /** owner read/write only: the file holds sealed keys */
  configFileMode: 0o600,
  /** a damaged file is moved aside by openJsonStore, never cleared */
  clearInvalidConfig: false,
  /** profile identifiers may contain dots; keys are never paths */
  accessPropertiesByDotNotation: false,
  /** one process owns the file (single-instance lock), so reads come from memory */
  cache: true,
} as const;
