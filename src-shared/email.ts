// The one e-mail rule, for the forms' inline checks (renderer) and the tools' schemas (main): an
// address the form accepts is one the tool accepts, and the other way round. Pure, no imports.

/** RFC 5321 caps a forward path at 256 octets including the angle brackets: 254 for the address
 *  itself (Freshdesk's own field limit, 255, is never the binding one). */
export const EMAIL_MAX_LENGTH = 254;

/** zod's own e-mail pattern (z.regexes.email), given to z.email() so both sides use this copy.
 *  Anchored and without nested unbounded groups that overlap: linear on hostile input. Kept
 *  verbatim (escapes included) so a test can compare it with zod's. */
// eslint-disable-next-line no-useless-escape
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

export function isEmail(s: string): boolean {
  return s.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(s);
}
