// The allowlist matching of scripts/security-scan.mjs (the scan itself runs in `npm run security`).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error -- plain ESM script without type declarations
import { findingsFromSarif, matchFindings, readAllowlist } from '../../scripts/security-scan.mjs';

type Finding = { check: string; file: string; line: number; source: string; description: string };
const f = (over: Partial<Finding>): Finding => ({ check: 'X', file: 'src-main/window.ts', line: 1, source: '', description: 'd', ...over });

describe('security scan allowlist', () => {
  it('the checked-in allowlist is well formed and every entry has a reason', () => {
    const entries = readAllowlist() as { reason: string }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.reason.length).toBeGreaterThan(10);
  });

  it('allows only what an entry names: check, file glob, line text and description', () => {
    const allow = [
      { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'src-main/window.ts', contains: 'shell.openExternal(url)', reason: 'r1' },
      { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'src-renderer/**', contains: 'triage.openExternal(', reason: 'r2' },
      { check: 'CSP_GLOBAL_CHECK', file: 'src-renderer/index.html', description: 'maybe weak', reason: 'r3' },
    ];
    const findings = [
      f({ check: 'OPEN_EXTERNAL_JS_CHECK', source: 'await shell.openExternal(url);' }),
      f({ check: 'OPEN_EXTERNAL_JS_CHECK', source: 'await shell.openExternal(ticket.link);' }),
      f({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'src-renderer/components/deep/Link.tsx', source: 'await triage.openExternal({ url })' }),
      f({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'src-main/other.ts', source: 'await shell.openExternal(url);' }),
      f({ check: 'CSP_GLOBAL_CHECK', file: 'src-renderer/index.html', description: 'maybe weak' }),
      f({ check: 'CSP_GLOBAL_CHECK', file: 'src-renderer/index.html', description: 'weak' }),
      f({ check: 'SANDBOX_JS_CHECK', source: 'sandbox: false,' }),
    ];
    const { allowed, fresh, unused } = matchFindings(findings, allow);
    expect(allowed.map((a: { entry: { reason: string } }) => a.entry.reason)).toEqual(['r1', 'r2', 'r3']);
    expect(fresh.map((x: Finding) => `${x.check} ${x.file} ${x.source || x.description}`)).toEqual([
      'OPEN_EXTERNAL_JS_CHECK src-main/window.ts await shell.openExternal(ticket.link);',
      'OPEN_EXTERNAL_JS_CHECK src-main/other.ts await shell.openExternal(url);',
      'CSP_GLOBAL_CHECK src-renderer/index.html weak',
      'SANDBOX_JS_CHECK src-main/window.ts sandbox: false,',
    ]);
    expect(unused).toEqual([]);
  });

  it('reads SARIF results and the flagged source line', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'triage-sarif-'));
    try {
      mkdirSync(path.join(root, 'src-main'));
      writeFileSync(path.join(root, 'src-main/window.ts'), 'line one\n  sandbox: false,\n');
      const sarif = {
        runs: [
          {
            results: [
              {
                ruleId: 'SANDBOX_JS_CHECK',
                message: { text: 'Use sandbox' },
                locations: [{ physicalLocation: { artifactLocation: { uri: 'src-main/window.ts' }, region: { startLine: 2 } } }],
              },
              {
                ruleId: 'CSP_GLOBAL_CHECK',
                message: { text: 'No CSP' },
                locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///' }, region: { startLine: 1 } } }],
              },
            ],
          },
        ],
      };
      expect(findingsFromSarif(sarif, root)).toEqual([
        { check: 'SANDBOX_JS_CHECK', file: 'src-main/window.ts', line: 2, source: 'sandbox: false,', description: 'Use sandbox' },
        { check: 'CSP_GLOBAL_CHECK', file: 'N/A', line: 1, source: '', description: 'No CSP' },
      ]);
      expect(() => findingsFromSarif({}, root)).toThrow();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
