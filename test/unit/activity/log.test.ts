// The activity log on real files: append, newest first, filters, rotation at the cap, a crash's
// partial last line skipped without losing what came before, and what an entry may carry.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACTIVITY_FILE,
  ACTIVITY_ROTATED_FILE,
  createActivityLog,
  entryForResult,
  entryForUnsent,
  type NewActivity,
} from '../../../src-main/core/activity';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'triage-activity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

let clock = Date.parse('2026-12-01T10:00:00Z');
const now = () => (clock += 1000);
const entry = (over: Partial<NewActivity> = {}): NewActivity => ({
  profile: 'agent',
  origin: 'ui',
  tool: 'freshdesk_ticket_update',
  targets: { ticket_id: 42 },
  approval: 'clicked',
  outcome: 'ok',
  status: 200,
  ...over,
});

describe('activity log', () => {
  it('appends JSON lines and lists them newest first, per profile, filtered by origin', async () => {
    const log = createActivityLog({ dataDir: dir, now, log: () => {} });
    log.record(entry());
    log.record(entry({ origin: 'chat' }));
    log.record(entry({ origin: 'mcp', client: 'Claude Code' }));
    log.record(entry({ profile: 'other' }));
    const lines = readFileSync(path.join(dir, ACTIVITY_FILE), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
    const all = await log.list('agent');
    expect(all.map((e) => e.origin)).toEqual(['mcp', 'chat', 'ui']);
    expect(all[0]!.at > all[2]!.at).toBe(true);
    expect(await log.list('agent', { origin: 'chat' })).toHaveLength(1);
    expect(await log.list('agent', { limit: 2 })).toHaveLength(2);
    // a new log over the same folder (the app restarted) reads the same entries
    const reopened = createActivityLog({ dataDir: dir, now, log: () => {} });
    expect((await reopened.list('agent')).map((e) => e.id)).toEqual(all.map((e) => e.id));
    if (process.platform !== 'win32') expect(statSync(path.join(dir, ACTIVITY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('skips a partial last line left by a crash and keeps everything before and after it', async () => {
    const log = createActivityLog({ dataDir: dir, now, log: () => {} });
    log.record(entry({ targets: { ticket_id: 1 } }));
    log.record(entry({ targets: { ticket_id: 2 } }));
    appendFileSync(path.join(dir, ACTIVITY_FILE), '{"id":"x","at":"2026-12-01T10:00:00Z","profile":"agent","orig'); // crash mid-line
    expect((await log.list('agent')).map((e) => e.targets.ticket_id)).toEqual([2, 1]);
    log.record(entry({ targets: { ticket_id: 3 } }));
    expect((await log.list('agent')).map((e) => e.targets.ticket_id)).toEqual([3, 2, 1]);
  });

  it('rotates past the cap: at most two files, the newest entries kept', async () => {
    const log = createActivityLog({ dataDir: dir, now, log: () => {}, maxBytes: 4000 });
    for (let i = 1; i <= 100; i++) log.record(entry({ targets: { ticket_id: i } }));
    expect(statSync(path.join(dir, ACTIVITY_FILE)).size).toBeLessThanOrEqual(4000);
    expect(statSync(path.join(dir, ACTIVITY_ROTATED_FILE)).size).toBeLessThanOrEqual(4000);
    const listed = await log.list('agent');
    expect(listed[0]!.targets.ticket_id).toBe(100);
    // contiguous: nothing missing between the oldest kept and the newest
    const ids = listed.map((e) => e.targets.ticket_id!);
    expect(ids).toEqual(ids.map((_, i) => 100 - i));
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.length).toBeLessThan(100);
  });

  it('without a data folder nothing is written; entries are kept in memory', async () => {
    const log = createActivityLog({ now, log: () => {} });
    log.record(entry());
    expect(await log.list('agent')).toHaveLength(1);
    expect(existsSync(path.join(dir, ACTIVITY_FILE))).toBe(false);
  });

  it('an unwritable folder is reported once, and the call goes on', () => {
    const lines: string[] = [];
    const log = createActivityLog({ dataDir: path.join(dir, 'missing', 'deeper'), now, log: (l) => lines.push(l) });
    log.record(entry());
    log.record(entry());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/activity: the log could not be written \(ENOENT\)/);
  });
});

describe('what an entry carries', () => {
  it('ids, status and request id of a write; the subject is the only customer text', () => {
    const e = entryForResult(
      'agent',
      'freshdesk_ticket_create',
      { email: 'c@example.org', subject: 'Printer on fire', description: 'secret customer words', requester_id: 7 },
      { origin: 'triage' },
      {
        ok: true,
        tool: 'freshdesk_ticket_create',
        data: { id: 901, subject: 'Printer on fire', description: 'x' },
        meta: { status: 201, requestId: 'req-1' },
      },
    );
    expect(e).toEqual({
      profile: 'agent',
      origin: 'triage',
      tool: 'freshdesk_ticket_create',
      targets: { requester_id: 7, ticket_id: 901 },
      subject: 'Printer on fire',
      approval: 'plan_apply',
      outcome: 'ok',
      status: 201,
      requestId: 'req-1',
    });
    expect(JSON.stringify(e)).not.toContain('c@example.org');
    expect(JSON.stringify(e)).not.toContain('customer words');
  });

  it('an error keeps its kind, HTTP status and request id; a reply body is never kept', () => {
    const e = entryForResult(
      'agent',
      'freshdesk_tickets_reply',
      { ticket_id: 5, body: '<p>Dear customer</p>', cc_emails: ['x@example.org'] },
      { origin: 'mcp', client: 'Claude Code' },
      { ok: false, tool: 'freshdesk_tickets_reply', error: { kind: 'permission', message: 'no', status: 403, requestId: 'req-2' } },
    );
    expect(e).toMatchObject({
      origin: 'mcp',
      client: 'Claude Code',
      targets: { ticket_id: 5 },
      outcome: 'error',
      errorKind: 'permission',
      status: 403,
      requestId: 'req-2',
    });
    expect(JSON.stringify(e)).not.toMatch(/Dear customer|x@example/);
    expect(entryForUnsent('agent', 'freshdesk_agent_delete', { agent_id: 9 }, { origin: 'chat' }, 'rejected')).toEqual({
      profile: 'agent',
      origin: 'chat',
      tool: 'freshdesk_agent_delete',
      targets: { agent_id: 9 },
      outcome: 'rejected',
    });
  });
});

describe('forgetting a profile', () => {
  it("drops that profile's entries from both files, atomically and 0600, and keeps the others", async () => {
    const log = createActivityLog({ dataDir: dir, now, log: () => {}, maxBytes: 900 });
    for (let i = 0; i < 6; i++) {
      log.record(entry({ targets: { ticket_id: i }, subject: `Secret subject ${i}` }));
      log.record(entry({ profile: 'other', targets: { ticket_id: 100 + i } }));
    }
    expect(existsSync(path.join(dir, ACTIVITY_ROTATED_FILE))).toBe(true);
    appendFileSync(path.join(dir, ACTIVITY_FILE), '{"id":"x","profile":"agent","subject":"Secret subj'); // crash mid-line
    const otherBefore = (await log.list('other')).map((e) => e.id);
    log.forget('agent');
    expect(await log.list('agent')).toEqual([]);
    expect((await log.list('other')).map((e) => e.id)).toEqual(otherBefore);
    for (const f of [ACTIVITY_FILE, ACTIVITY_ROTATED_FILE]) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect(text).not.toContain('Secret');
      expect(text.endsWith('\n')).toBe(true);
      if (process.platform !== 'win32') expect(statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // a new profile of the same name starts with an empty history, and appends go on
    const reopened = createActivityLog({ dataDir: dir, now, log: () => {} });
    expect(await reopened.list('agent')).toEqual([]);
    reopened.record(entry());
    expect(await reopened.list('agent')).toHaveLength(1);
  });

  it('in memory, too', async () => {
    const log = createActivityLog({ now, log: () => {} });
    log.record(entry());
    log.record(entry({ profile: 'other' }));
    log.forget('agent');
    expect(await log.list('agent')).toEqual([]);
    expect(await log.list('other')).toHaveLength(1);
  });
});
