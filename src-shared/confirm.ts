// The typed confirmation (e.g. the agent's e-mail before deleting them): one rule for the card
// that enables its button and for main, which checks the typed text again before sending.
// Pure, no imports.

/** Emails compare case-insensitively; surrounding spaces are ignored. */
export function confirmationMatches(expected: string, typed: string | undefined): boolean {
  return typeof typed === 'string' && typed.trim().toLowerCase() === expected.trim().toLowerCase();
}
