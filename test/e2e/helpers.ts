// Shared steps for the workbench specs: connecting a profile, reading what reached the sandbox,
// and the accessibility scan every screen gets.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, type Harness } from '../harness/fixtures';
import type { RequestLogEntry } from '../../src-main/sandbox';

/** One entry of the sandbox's request log (GET /_sandbox/requests). */
export type SandboxRequest = RequestLogEntry;

export const ACME = 'acme';

export function agent(harness: Harness, email: RegExp | string, sub = ACME) {
  const account = harness.sandbox.accounts.find((a) => a.subdomain === sub)!;
  const a = account.agents.find((x) => (typeof email === 'string' ? x.email === email : email.test(x.email)));
  if (!a) throw new Error(`no sandbox agent ${email}`);
  return a;
}

export function fixtures(harness: Harness, sub = ACME) {
  return harness.sandbox.accounts.find((a) => a.subdomain === sub)!.fixtures;
}

/** Every request the sandbox saw for this helpdesk, oldest first. */
export async function sandboxRequests(harness: Harness, sub = ACME): Promise<SandboxRequest[]> {
  const r = await fetch(`${harness.sandbox.url}/_sandbox/requests?subdomain=${sub}`);
  return (await r.json()) as SandboxRequest[];
}

export async function clearSandboxRequests(harness: Harness, sub = ACME): Promise<void> {
  await fetch(`${harness.sandbox.url}/_sandbox/requests?subdomain=${sub}`, { method: 'DELETE' });
}

export async function sandboxControl(harness: Harness, method: string, path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${harness.sandbox.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return text ? JSON.parse(text) : undefined;
}

/**
 * A connected profile without going through the connect screen (that screen has its own spec):
 * authorized in the core, then the page is (re)loaded and picks it up like after a restart.
 */
export async function connectedAs(harness: Harness, email: RegExp | string, name = 'Dana'): Promise<void> {
  const a = agent(harness, email);
  await harness.core.accounts.getOrCreate(name);
  await harness.core.accounts.authorize(name, { subdomain: ACME, apiKey: a.apiKey });
  await harness.page.goto(harness.url);
  await expect(harness.page.getByTestId('connection-status')).toContainText('Connected');
}

export const ADMIN = /^ben\.administrator@/;
export const ACCOUNT_ADMIN = /^ava\.admin@/;
export const AGENT = /^dan\.agent@/;
export const RESTRICTED = /^finn\.restricted@/;
export const READONLY = /^gia\.readonly@/;

/** No serious or critical accessibility violations on what is on screen now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} → ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  axeLog.push({ screen: what, violations: results.violations.length, serious: bad.length });
  expect(summary, `axe on ${what}`).toEqual([]);
}

export const axeLog: { screen: string; violations: number; serious: number }[] = [];
