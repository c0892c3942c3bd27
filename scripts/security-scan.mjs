#!/usr/bin/env node
// `npm run security`: Electronegativity over the app's sources (src-main, src-preload, src-shared,
// src-renderer), failing on any finding that electronegativity-allowlist.json does not list with
// a reason. Electronegativity itself exits 0 whatever it finds, so its SARIF output is parsed.
// Offline it spends ~10 s on network time-outs (release list, translations); that is expected.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['src-main', 'src-preload', 'src-shared', 'src-renderer'];
const ALLOWLIST = path.join(ROOT, 'electronegativity-allowlist.json');

/** @typedef {{ check: string, file: string, line: number, source: string, description: string }} Finding */
/** @typedef {{ check: string, file: string, contains?: string, description?: string, reason: string }} AllowEntry */

/** `src-renderer/**` style patterns: `**` any path, `*` within one folder. */
function fileMatches(pattern, file) {
  const re = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${re}$`).test(file);
}

/** Splits findings into allowed (with the entry that allows them) and new ones; also returns the
 *  allowlist entries nothing matched, so the list does not silently rot. */
export function matchFindings(/** @type {Finding[]} */ findings, /** @type {AllowEntry[]} */ allowlist) {
  const allowed = [];
  const fresh = [];
  const used = new Set();
  for (const f of findings) {
    const entry = allowlist.find(
      (e) =>
        e.check === f.check &&
        fileMatches(e.file, f.file) &&
        (!e.contains || f.source.includes(e.contains)) &&
        (!e.description || f.description === e.description),
    );
    if (entry) {
      allowed.push({ finding: f, entry });
      used.add(entry);
    } else fresh.push(f);
  }
  return { allowed, fresh, unused: allowlist.filter((e) => !used.has(e)) };
}

export function readAllowlist(file = ALLOWLIST) {
  const parsed = JSON.parse(readFileSync(file, 'utf8'));
  const entries = parsed.allow;
  if (!Array.isArray(entries)) throw new Error(`${file}: expected { "allow": [ … ] }`);
  for (const e of entries) {
    if (typeof e.check !== 'string' || typeof e.file !== 'string' || typeof e.reason !== 'string' || !e.reason.trim()) {
      throw new Error(`${file}: every entry needs "check", "file" and a one-line "reason": ${JSON.stringify(e)}`);
    }
  }
  return entries;
}

/** SARIF results → findings, with the flagged source line read back from the scanned copy. */
export function findingsFromSarif(sarif, scannedRoot) {
  const results = sarif?.runs?.[0]?.results;
  if (!Array.isArray(results)) throw new Error('Electronegativity wrote no results list');
  return results.map((r) => {
    const loc = r.locations?.[0]?.physicalLocation;
    const uri = loc?.artifactLocation?.uri ?? 'N/A';
    const file = uri.startsWith('file:') ? 'N/A' : uri.split(path.sep).join('/');
    const line = loc?.region?.startLine ?? 0;
    let source = '';
    if (file !== 'N/A') {
      try {
        source = (readFileSync(path.join(scannedRoot, file), 'utf8').split('\n')[line - 1] ?? '').trim();
      } catch {
        // the file name came from the scanner; without it we match on check and file only
      }
    }
    return { check: r.ruleId, file, line, source, description: r.message?.text ?? '' };
  });
}

function electronVersion() {
  const require = createRequire(import.meta.url);
  return require('electron/package.json').version;
}

function scan() {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const bin = path.join(pkgDir, typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.electronegativity);

  // Scan a copy holding only the app's sources: tests and tools are not shipped, and their mocks
  // of Electron would only add noise.
  const work = mkdtempSync(path.join(tmpdir(), 'triage-electronegativity-'));
  try {
    const input = path.join(work, 'app');
    for (const dir of SCANNED)
      if (existsSync(path.join(ROOT, dir))) cpSync(path.join(ROOT, dir), path.join(input, dir), { recursive: true });
    writeFileSync(path.join(input, 'package.json'), readFileSync(path.join(ROOT, 'package.json')));
    const out = path.join(work, 'findings.sarif');
    const version = electronVersion();
    // English descriptions whatever the machine's locale: allowlist entries may match on them.
    const env = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8', LANGUAGE: 'en_US' };
    const run = spawnSync(process.execPath, [bin, '-i', input, '-o', out, '-r', '-e', version], {
      encoding: 'utf8',
      timeout: 180_000,
      env,
    });
    if (run.status !== 0 || !existsSync(out)) {
      process.stderr.write(run.stdout ?? '');
      process.stderr.write(run.stderr ?? '');
      throw new Error(`Electronegativity did not finish (exit ${run.status ?? run.signal}); see its output above.`);
    }
    return { findings: findingsFromSarif(JSON.parse(readFileSync(out, 'utf8')), input), version };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main() {
  const started = Date.now();
  const allowlist = readAllowlist();
  const { findings, version } = scan();
  const { allowed, fresh, unused } = matchFindings(findings, allowlist);
  const where = (f) => (f.file === 'N/A' ? '(whole app)' : `${f.file}:${f.line}`);

  console.log(
    `electronegativity (Electron ${version}) over ${SCANNED.join(', ')}: ${findings.length} findings, ` +
      `${allowed.length} allowed, ${fresh.length} not in the allowlist (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  for (const { finding, entry } of allowed) console.log(`  allowed  ${finding.check}  ${where(finding)}  — ${entry.reason}`);
  for (const e of unused)
    console.log(`  note: allowlist entry matched nothing (remove it?): ${e.check} ${e.file}${e.contains ? ` "${e.contains}"` : ''}`);
  if (fresh.length) {
    for (const f of fresh) console.log(`  NEW      ${f.check}  ${where(f)}  ${f.description}${f.source ? `\n           ${f.source}` : ''}`);
    console.log('Fix these, or add each to electronegativity-allowlist.json with a one-line reason.');
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(`security scan failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
