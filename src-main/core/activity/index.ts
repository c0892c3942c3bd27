// The activity log: every write, from any origin, appended as one JSON line to a file under
// CoreOptions.dataDir (docs/mcp.md, "The activity log"). The core writes it around
// tools.execute, so a form, the chat, a triage plan and an MCP client all record the same way.
//
// - Append-only, one synchronous append per entry: a crash loses at most the line being written.
//   A partial last line is skipped when reading and closed off before the next append.
// - Capped and rotated: past `maxBytes` the file becomes activity.1.jsonl (the older one goes).
// - Never a secret, and of customer text only a ticket's subject (cut): see entryFor().
// - A disconnected profile's entries are dropped (forget): each file is rewritten to a temp file
//   (0600, fsynced) and renamed over the old one, so a crash leaves either the old or the new file.
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { ActivityEntry, type ActivityOutcome, type ActivityQuery, type ApprovalMode } from '../../../src-shared/contract/activity';
import type { ExecuteOptions, ToolResult, WriteOrigin } from '../types';
import { getTool } from '../../../src-shared/tools/registry';
import { asInput } from '../approvals/input';

export type { ActivityEntry, ActivityOutcome, ActivityQuery, ApprovalMode } from '../../../src-shared/contract/activity';

export const ACTIVITY_FILE = 'activity.jsonl';
export const ACTIVITY_ROTATED_FILE = 'activity.1.jsonl';
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const DEFAULT_LIST_LIMIT = 500;
const MEMORY_MAX_ENTRIES = 2000;
const SUBJECT_MAX = 200;

export type NewActivity = Omit<ActivityEntry, 'id' | 'at'>;

export interface ActivityLog {
  record(entry: NewActivity): ActivityEntry;
  /** newest first */
  list(identifier: string, query?: ActivityQuery): Promise<ActivityEntry[]>;
  /** Drop every entry of this profile (it was disconnected): a new profile of the same name starts empty. */
  forget(identifier: string): void;
}

export interface ActivityLogOptions {
  /** unset: entries are kept in memory only (nothing is written) */
  dataDir?: string;
  now: () => number;
  log: (line: string) => void;
  /** rotate past this many bytes (default 2 MiB; at most twice that on disk) */
  maxBytes?: number;
}

export function createActivityLog(opts: ActivityLogOptions): ActivityLog {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const memory: ActivityEntry[] = [];
  const file = opts.dataDir ? path.join(opts.dataDir, ACTIVITY_FILE) : undefined;
  const rotated = opts.dataDir ? path.join(opts.dataDir, ACTIVITY_ROTATED_FILE) : undefined;
  let warned = false;

  function append(line: string): void {
    if (!file || !rotated) return;
    try {
      if (existsSync(file) && statSync(file).size + line.length > maxBytes) renameSync(file, rotated);
      const fd = openSync(file, 'a+', 0o600);
      try {
        const size = fstatSync(fd).size;
        let prefix = '';
        if (size > 0) {
          // A crash mid-append leaves a line without its newline: close it off so this entry
          // starts on its own line (the partial one is skipped when reading).
          const last = Buffer.alloc(1);
          readSync(fd, last, 0, 1, size - 1);
          if (last[0] !== 0x0a) prefix = '\n';
        }
        writeSync(fd, prefix + line);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if (!warned)
        opts.log(`activity: the log could not be written (${err instanceof Error && 'code' in err ? String(err.code) : 'error'})`);
      warned = true;
    }
  }

  function readLines(p: string): ActivityEntry[] {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      return [];
    }
    const out: ActivityEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const parsed = ActivityEntry.safeParse(JSON.parse(line));
        if (parsed.success) out.push(parsed.data);
      } catch {
        // a partial line (crash mid-write) or foreign text: skipped, the rest stays readable
      }
    }
    return out;
  }

  /** Rewrite one file without the profile's entries (and without unreadable partial lines, which
   *  may hold a fragment of one): temp file, fsync, rename. Untouched when nothing is dropped. */
  function dropFrom(p: string, identifier: string): void {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      return;
    }
    const kept: string[] = [];
    let dropped = false;
    for (const line of text.split('\n')) {
      if (!line) continue;
      let keep = false;
      try {
        const parsed = ActivityEntry.safeParse(JSON.parse(line));
        keep = parsed.success && parsed.data.profile !== identifier;
      } catch {
        keep = false;
      }
      if (keep) kept.push(line);
      else dropped = true;
    }
    if (!dropped) return;
    const tmp = `${p}.${randomUUID()}.tmp`;
    try {
      const fd = openSync(tmp, 'wx', 0o600);
      try {
        writeSync(fd, kept.map((l) => `${l}\n`).join(''));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, p);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }

  return {
    forget(identifier) {
      if (!file || !rotated) {
        for (let i = memory.length - 1; i >= 0; i--) if (memory[i]!.profile === identifier) memory.splice(i, 1);
        return;
      }
      for (const p of [rotated, file]) {
        try {
          dropFrom(p, identifier);
        } catch (err) {
          opts.log(
            `activity: a disconnected profile's entries could not be removed (${err instanceof Error && 'code' in err ? String(err.code) : 'error'})`,
          );
        }
      }
    },
    record(entry) {
      const full: ActivityEntry = { id: randomUUID(), at: new Date(opts.now()).toISOString(), ...entry };
      if (file) append(`${JSON.stringify(full)}\n`);
      else {
        memory.push(full);
        if (memory.length > MEMORY_MAX_ENTRIES) memory.splice(0, memory.length - MEMORY_MAX_ENTRIES);
      }
      return full;
    },
    async list(identifier, query = {}) {
      const all = file && rotated ? [...readLines(rotated), ...readLines(file)] : [...memory];
      const limit = query.limit ?? DEFAULT_LIST_LIMIT;
      const out: ActivityEntry[] = [];
      for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
        const e = all[i]!;
        if (e.profile !== identifier) continue;
        if (query.origin && e.origin !== query.origin) continue;
        out.push(e);
      }
      return out;
    },
  };
}

// ---- what one write records ---------------------------------------------------------------

/** The noun of what a create tool makes, for its new id ("ticket_id", "contact_id", "agent_id"). */
const CREATED: Record<string, string> = {
  freshdesk_ticket_create: 'ticket_id',
  freshdesk_contact_create: 'contact_id',
  freshdesk_agent_create: 'agent_id',
};

export function isWriteTool(name: string): boolean {
  const def = getTool(name);
  return def !== undefined && def.effect !== 'read';
}

/** Ids only: numbers from the input's *_id fields and the created record's id. */
export function targetsOf(tool: string, input: unknown, data?: unknown): Record<string, number> {
  const targets: Record<string, number> = {};
  for (const [k, v] of Object.entries(asInput(input))) {
    if (/(^|_)id$/.test(k) && typeof v === 'number' && Number.isFinite(v)) targets[k] = v;
  }
  const created = CREATED[tool];
  const id = asInput(data).id;
  if (created && typeof id === 'number') targets[created] = id;
  return targets;
}

function subjectOf(tool: string, input: unknown, data?: unknown): string | undefined {
  if (!tool.startsWith('freshdesk_ticket')) return undefined;
  const s = asInput(data).subject ?? asInput(input).subject;
  return typeof s === 'string' ? s.slice(0, SUBJECT_MAX) : undefined;
}

export function defaultApproval(origin: WriteOrigin): ApprovalMode {
  return origin === 'triage' ? 'plan_apply' : 'clicked';
}

/** The entry for a write that ran (ok, error, or uncertain when interrupted). */
export function entryForResult(identifier: string, tool: string, input: unknown, opts: ExecuteOptions, result: ToolResult): NewActivity {
  const origin = opts.origin ?? 'ui';
  const base: NewActivity = {
    profile: identifier,
    origin,
    ...(opts.client ? { client: opts.client.slice(0, 100) } : {}),
    tool,
    targets: targetsOf(tool, input, result.ok ? result.data : undefined),
    approval: opts.approval ?? defaultApproval(origin),
    outcome: 'ok',
  };
  const subject = subjectOf(tool, input, result.ok ? result.data : undefined);
  if (subject !== undefined) base.subject = subject;
  if (result.ok) {
    base.status = result.meta.status;
    if (result.meta.requestId) base.requestId = result.meta.requestId;
  } else {
    // Interrupted: Freshdesk may have it. Not a failure; a read that confirms it adds an ok entry.
    base.outcome = result.error.kind === 'uncertain' || result.error.kind === 'timeout' ? 'uncertain' : 'error';
    base.errorKind = result.error.kind;
    if (result.error.status !== undefined) base.status = result.error.status;
    if (result.error.requestId) base.requestId = result.error.requestId;
  }
  return base;
}

/** The entry for a write that was never sent: rejected, unanswered, or cancelled before approval. */
export function entryForUnsent(
  identifier: string,
  tool: string,
  input: unknown,
  opts: Pick<ExecuteOptions, 'origin' | 'client'>,
  outcome: Extract<ActivityOutcome, 'rejected' | 'timed_out' | 'cancelled'>,
): NewActivity {
  const subject = subjectOf(tool, input);
  return {
    profile: identifier,
    origin: opts.origin ?? 'ui',
    ...(opts.client ? { client: opts.client.slice(0, 100) } : {}),
    tool,
    targets: targetsOf(tool, input),
    ...(subject !== undefined ? { subject } : {}),
    outcome,
  };
}

/** The entry for an uncertain triage write that a later read of the ticket confirmed was applied. */
export function entryForConfirmed(identifier: string, tool: string, input: unknown): NewActivity {
  return {
    profile: identifier,
    origin: 'triage',
    tool,
    targets: targetsOf(tool, input),
    approval: 'plan_apply',
    outcome: 'ok',
    verified: true,
  };
}
