// Opening the JSON file the vault lives in, for both electron-store (the app) and conf (tests,
// harness, benchmarks). A file we cannot read as a JSON object is moved aside — kept, never
// deleted — and the app starts with an empty vault and a notice saying where the old file is.
// conf itself throws on invalid JSON (clearInvalidConfig is off) and silently reads `[]`,
// `null` or `42` as an empty store that the next write would replace: both are caught here.
import fs from 'node:fs';
import path from 'node:path';
import type { KeyValueStore } from '../core/types';

export interface OpenedStore {
  store: KeyValueStore;
  /** the file the store writes */
  path: string;
  /** what the person should be told (never secrets) */
  notices: string[];
}

interface ConfLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly path: string;
}

export interface OpenJsonStoreOptions {
  /** the file the store will use, e.g. <userData>/vault.json */
  filePath: string;
  /** builds the electron-store / conf instance */
  open: () => ConfLike;
  now?: () => number;
}

/** Why the file cannot be used as it is, or undefined when it is fine (or absent). */
function unreadableReason(filePath: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return 'is not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'does not hold the expected settings object';
  return undefined;
}

/** Moves the file to `<name>.corrupt-<timestamp>.json` beside it and returns the new path. */
export function moveAside(filePath: string, now: () => number = Date.now): string {
  const dir = path.dirname(filePath);
  const base = path.basename(filePath, path.extname(filePath));
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  let target = path.join(dir, `${base}.corrupt-${stamp}.json`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${base}.corrupt-${stamp}-${n}.json`);
  fs.renameSync(filePath, target);
  // It may hold sealed keys: keep it as private as the vault itself.
  fs.chmodSync(target, 0o600);
  return target;
}

function movedNotice(filePath: string, target: string, why: string): string {
  return (
    `The key file ${path.basename(filePath)} ${why}, so Triage Desk started with no saved connections. ` +
    `Nothing was deleted: the old file was kept as ${target}. Connect your helpdesks again; ` +
    'you can remove the old file once you no longer need it.'
  );
}

function asKeyValueStore(s: ConfLike): KeyValueStore {
  return { get: (k) => s.get(k), set: (k, v) => s.set(k, v), delete: (k) => s.delete(k) };
}

export function openJsonStore(opts: OpenJsonStoreOptions): OpenedStore {
  const now = opts.now ?? Date.now;
  const notices: string[] = [];
  try {
    const why = unreadableReason(opts.filePath);
    if (why) notices.push(movedNotice(opts.filePath, moveAside(opts.filePath, now), why));
    let instance: ConfLike;
    try {
      instance = opts.open();
    } catch (err) {
      // The file changed between our look and conf's read: same treatment, once.
      if ((err as Error)?.name !== 'SyntaxError' || !fs.existsSync(opts.filePath)) throw err;
      notices.push(movedNotice(opts.filePath, moveAside(opts.filePath, now), 'is not valid JSON'));
      instance = opts.open();
    }
    return { store: asKeyValueStore(instance), path: instance.path, notices };
  } catch (err) {
    // No readable, writable file at all (permissions, a directory in the way, a full disk):
    // the app still runs, keeps this session's changes in memory and says so.
    const code = (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.name ?? 'error';
    notices.push(
      `The key file ${opts.filePath} could not be opened (${code}). Triage Desk runs, but connections made now are kept only until it quits. ` +
        'Check that your user may read and write that folder, then restart the app.',
    );
    return { store: createMemoryStore(), path: opts.filePath, notices };
  }
}

/** A store that lives only in memory (the fallback above). */
export function createMemoryStore(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: (k) => (data.has(k) ? structuredClone(data.get(k)) : undefined),
    set: (k, v) => void data.set(k, structuredClone(v)),
    delete: (k) => void data.delete(k),
  };
}
