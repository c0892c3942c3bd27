// The e-mail rule is written once (src-shared/email.ts): the forms' inline check and the tools'
// schemas must agree on every address, at the length limit too.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN, isEmail } from '../../../src-shared/email';
import { validateToolInput } from '../../../src-shared/tools/registry';

const toolAccepts = (address: string) => validateToolInput('freshdesk_agents_list', { email: address }).ok;

describe('one e-mail rule for the forms and the tools', () => {
  it('is zod’s own pattern, so z.email() and the forms cannot drift apart', () => {
    expect(EMAIL_PATTERN.source).toBe(z.regexes.email.source);
  });

  const local = (n: number) => 'a'.repeat(n);
  const atLength = (n: number) => `${local(n - '@example.org'.length)}@example.org`;
  const cases = [
    'dan@acme.example',
    "o'neil+tag@mail.example.org",
    'first.last@sub.example.co',
    'not-an-email',
    'bad@',
    '@example.org',
    'two@@example.org',
    'dan@acme',
    'dan@acme.c',
    'dan @acme.example',
    'dan@acme.example,',
    atLength(EMAIL_MAX_LENGTH),
    atLength(EMAIL_MAX_LENGTH + 1),
  ];

  it.each(cases)('the form and the tool agree on %s', (address) => {
    expect(isEmail(address)).toBe(toolAccepts(address));
  });

  it('the limit is 254 characters on both sides', () => {
    expect(isEmail(atLength(254))).toBe(true);
    expect(isEmail(atLength(255))).toBe(false);
    expect(toolAccepts(atLength(255))).toBe(false);
  });

  it('answers a hostile megabyte quickly', () => {
    const hostile = `${'a.'.repeat(500_000)}@`;
    const t0 = performance.now();
    expect(isEmail(hostile)).toBe(false);
    expect(EMAIL_PATTERN.test(hostile)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
