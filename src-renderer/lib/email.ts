// Freshdesk checks addresses server-side; this catches the typing mistakes before a send
// (and before a request spends rate-limit credit).
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]{2,}$/;

export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s);
}
