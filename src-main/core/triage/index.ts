// core.triage: a triage run for a batch of tickets. start() reads them cheaply, asks Claude for a
// plan (propose_triage, checked row by row) and stores it encrypted; the agent decides row by row;
// apply() writes the accepted rows exactly once, resumably. How it works: docs/triage.md.
import { randomUUID } from 'node:crypto';
import { CoreError, type AccountService, type CoreEvent, type ExecuteOptions, type ToolDescriptor, type ToolResult } from '../types';
import type { SealedSlot, TriagePayload } from '../vault';
import { createAnthropicClient, describeAnthropicError, isAbort, readAnthropicKey } from '../chat/anthropic';
import { DEFAULT_MODEL } from '../chat';
import {
  TRIAGE_MAX_TICKETS,
  type TriageDecision,
  type TriagePlan,
  type TriagePlanSummary,
  type TriageRow,
} from '../../../src-shared/contract/triage';
import { readTickets, type ReadTicket } from './read';
import { proposeTriage } from './propose';
import { checkChanges } from './check';
import { createPlanStore } from './store';
import { applyPlan, ApplyStopped } from './apply';

export type { TriagePlan, TriagePlanSummary, TriageDecision, TriageChanges, TriageRow } from '../../../src-shared/contract/triage';

export interface TriageService {
  start(identifier: string, scope: { ticketIds?: number[]; filter?: string }, opts?: { signal?: AbortSignal }): Promise<TriagePlan>;
  get(identifier: string, planId: string): Promise<TriagePlan | undefined>;
  list(identifier: string): Promise<TriagePlanSummary[]>;
  decide(identifier: string, planId: string, ticketId: number, decision: TriageDecision): Promise<TriagePlan>;
  /** resumable; safe to call again (a call while one runs joins it) */
  apply(identifier: string, planId: string, opts?: { signal?: AbortSignal }): Promise<TriagePlan>;
  /** stops the profile's running start and apply, waits for them, then drops its plans (on disconnect) */
  forgetProfile(identifier: string): Promise<void>;
  close(): Promise<void>;
}

export interface TriageServiceDeps {
  accounts: Pick<AccountService, 'get'>;
  tools: {
    listFor(identifier: string): Promise<ToolDescriptor[]>;
    execute(identifier: string, name: string, input: unknown, opts?: ExecuteOptions): Promise<ToolResult>;
    fieldChoices(identifier: string, opts?: ExecuteOptions): Promise<ToolResult>;
  };
  vault: {
    anthropicKey: { get(identifier: string): string | undefined; status(identifier: string): { configured: boolean } };
    settings: { get(): { model: string } };
    triagePlans: SealedSlot<TriagePayload>;
  };
  anthropicBaseURL?: string;
  now: () => number;
  log: (line: string) => void;
  emit: (event: CoreEvent) => void;
  /** records an interrupted write that a read confirmed was applied (the activity log) */
  recordConfirmed?: (identifier: string, name: string, input: unknown) => void;
  /** per Anthropic request (default 120 s: a plan for 50 tickets is a long answer) */
  requestTimeoutMs?: number;
}

const runKey = (identifier: string, planId: string) => `${identifier}\u0000${planId}`;

/** Links a caller's signal to one the service can also abort (on close). */
function linkedController(signal: AbortSignal | undefined): AbortController {
  const c = new AbortController();
  if (signal?.aborted) c.abort();
  else signal?.addEventListener('abort', () => c.abort(), { once: true });
  return c;
}

export function createTriageService(deps: TriageServiceDeps): TriageService {
  const store = createPlanStore(deps.vault.triagePlans, deps.log);
  const iso = () => new Date(deps.now()).toISOString();
  /** every running start and apply: its profile and its end (forgetProfile and close stop them) */
  const running = new Map<AbortController, { identifier: string; done: Promise<unknown> }>();
  const applying = new Map<string, Promise<TriagePlan>>();
  let closed = false;

  const progress = (identifier: string, p: Omit<Extract<CoreEvent, { type: 'triage_progress' }>, 'type' | 'identifier'>) =>
    deps.emit({ type: 'triage_progress', identifier, ...p });

  function model(): string {
    try {
      return deps.vault.settings.get().model || DEFAULT_MODEL;
    } catch {
      return DEFAULT_MODEL;
    }
  }

  function mustGet(identifier: string, planId: string): TriagePlan {
    const plan = store.get(identifier, planId);
    if (!plan) throw new CoreError('not_found', 'This triage plan does not exist any more (plans are kept per profile, the newest 20).');
    return plan;
  }

  function rowOf(t: ReadTicket, p: Partial<TriageRow>): TriageRow {
    return {
      ticketId: t.id,
      subject: t.subject,
      ...(t.requester ? { requester: t.requester } : {}),
      ...(t.updatedAt ? { updatedAt: t.updatedAt } : {}),
      text: t.text,
      current: t.current,
      changes: {},
      summary: '',
      evidence: [],
      confidence: 'low',
      state: 'proposed',
      ...p,
    };
  }

  async function start(identifier: string, scope: { ticketIds?: number[]; filter?: string }, opts: { signal?: AbortSignal } = {}) {
    if (closed) throw new CoreError('closed', 'Triage Desk is closing.');
    if (scope.ticketIds && scope.ticketIds.length > TRIAGE_MAX_TICKETS) {
      throw new CoreError('invalid_input', `A triage run takes at most ${TRIAGE_MAX_TICKETS} tickets; narrow the view first.`);
    }
    if (scope.ticketIds?.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
      throw new CoreError('invalid_input', 'Ticket ids must be positive whole numbers.');
    }
    const apiKey = readAnthropicKey(deps.vault.anthropicKey, identifier);
    const account = await deps.accounts.get(identifier);
    if (!account || account.status !== 'ACTIVE') {
      throw new CoreError('not_connected', 'Connect this profile to Freshdesk first (Settings → Profiles).');
    }
    const controller = linkedController(opts.signal);
    let finished!: () => void;
    running.set(controller, { identifier, done: new Promise<void>((resolve) => (finished = resolve)) });
    const planId = randomUUID();
    const signal = controller.signal;
    const m = model();
    try {
      progress(identifier, { planId, phase: 'read', message: 'Reading the tickets…' });
      const readAt = iso();
      const read = await readTickets(deps.tools, identifier, scope, { signal, priority: 'ui', origin: 'triage' });
      if (read.tickets.length === 0) throw new CoreError('empty', 'There are no tickets to triage in this view.');
      progress(identifier, { planId, phase: 'propose', message: `Claude is proposing triage for ${read.tickets.length} tickets…` });
      const anthropic = createAnthropicClient({
        apiKey,
        baseURL: deps.anthropicBaseURL,
        timeoutMs: deps.requestTimeoutMs ?? 120_000,
        maxRetries: 1,
      });
      const listed = await deps.tools.listFor(identifier).catch(() => [] as ToolDescriptor[]);
      const outcome = await proposeTriage(
        {
          anthropic,
          model: m,
          account,
          listed,
          execute: (name, input, o) => deps.tools.execute(identifier, name, input, o),
          now: deps.now(),
          signal,
        },
        read.tickets,
        read.choices,
      );
      const rows = read.tickets.map((t): TriageRow => {
        const ok = outcome.rows.get(t.id);
        if (ok) {
          const hasChanges = Object.keys(ok.changes).length > 0;
          return rowOf(t, {
            changes: ok.changes,
            summary: ok.summary,
            evidence: ok.evidence,
            confidence: ok.confidence,
            ...(ok.draftReply ? { draftReply: ok.draftReply } : {}),
            state: hasChanges ? 'proposed' : 'skipped',
          });
        }
        const bad = outcome.invalid.get(t.id);
        if (bad) {
          const summary = typeof bad.raw?.summary === 'string' ? bad.raw.summary.replace(/\s+/g, ' ').trim().slice(0, 160) : '';
          return rowOf(t, { summary, state: 'invalid', problems: bad.problems.slice(0, 20).map((p) => p.slice(0, 500)) });
        }
        return rowOf(t, { summary: 'Claude proposed nothing for this ticket.', state: 'skipped' });
      });
      const createdAt = iso();
      const plan: TriagePlan = {
        id: planId,
        createdAt,
        updatedAt: createdAt,
        readAt,
        status: 'ready',
        source: { ...(scope.filter ? { filter: scope.filter } : {}), ticketCount: read.tickets.length },
        rows,
        stats: {
          modelCalls: outcome.modelCalls,
          readRequests: read.requests,
          ticketBytes: outcome.ticketBytes,
          inputTokens: outcome.inputTokens,
          cacheReadTokens: outcome.cacheReadTokens,
        },
      };
      // stopped meanwhile (a cancel, the profile forgotten, the app closing): nothing is saved
      if (signal.aborted) throw new CoreError('cancelled', 'The triage run was stopped; nothing was changed.');
      store.save(identifier, plan);
      progress(identifier, { planId, phase: 'done', message: 'The plan is ready to review.', plan });
      return plan;
    } catch (err) {
      if (err instanceof CoreError) throw err;
      if (signal.aborted || isAbort(err)) throw new CoreError('cancelled', 'The triage run was stopped; nothing was changed.');
      const d = describeAnthropicError(err, m);
      deps.log(`triage: run failed with ${d.code}`);
      throw new CoreError(d.code, d.message);
    } finally {
      running.delete(controller);
      finished();
    }
  }

  async function decide(identifier: string, planId: string, ticketId: number, decision: TriageDecision): Promise<TriagePlan> {
    const plan = mustGet(identifier, planId);
    // (a plan saved as 'applying' by an app that then closed is simply ready again)
    if (applying.has(runKey(identifier, planId))) {
      throw new CoreError('busy', 'This plan is being applied; wait until it finishes.');
    }
    const row = plan.rows.find((r) => r.ticketId === ticketId);
    if (!row) throw new CoreError('not_found', `Ticket ${ticketId} is not in this plan.`);
    if (row.state === 'applied' || row.writeStartedAt) {
      throw new CoreError('already_applied', `Ticket ${ticketId} was already written; open the ticket to change it again.`);
    }
    if (decision === 'skip') {
      row.state = 'skipped';
    } else if (decision === 'accept') {
      if (row.state === 'invalid')
        throw new CoreError('invalid_input', 'This row failed the checks and cannot be applied as proposed; edit it first.');
      if (row.state === 'held')
        throw new CoreError('invalid_input', 'This ticket changed since it was proposed; start a new run to triage it again.');
      if (Object.keys(row.changes).length === 0) throw new CoreError('invalid_input', 'This row changes nothing; edit it to add a change.');
      row.state = 'accepted';
    } else {
      if (row.state === 'held')
        throw new CoreError('invalid_input', 'This ticket changed since it was proposed; start a new run to triage it again.');
      // The same checks as a proposal's changes (except evidence, which is the agent's own call).
      const choicesR = await deps.tools.fieldChoices(identifier, { priority: 'ui', origin: 'triage' });
      if (!choicesR.ok) throw new CoreError(choicesR.error.kind, `The helpdesk's choices could not be read: ${choicesR.error.message}`);
      const c = choicesR.data as {
        groups: { id: number; name: string }[];
        types: string[];
        agents?: { id: number; name: string }[];
        statuses?: { id: number; name: string }[];
      };
      const checked = checkChanges(
        decision.edit,
        row.current,
        { groups: c.groups, types: c.types, agents: c.agents ?? [], statuses: c.statuses ?? [] },
        ticketId,
      );
      if (checked.problems.length > 0) throw new CoreError('invalid_input', `The edit cannot be used: ${checked.problems.join('; ')}.`);
      if (Object.keys(checked.changes).length === 0)
        throw new CoreError('invalid_input', 'The edit changes nothing: every field equals its current value.');
      // The plan could have moved on during the await (an Apply started or even finished):
      // re-read and check again before saving, or the edit would be lost or re-queue a written row.
      if (applying.has(runKey(identifier, planId))) {
        throw new CoreError('busy', 'This plan is being applied; wait until it finishes.');
      }
      const fresh = mustGet(identifier, planId);
      const freshRow = fresh.rows.find((r) => r.ticketId === ticketId);
      if (!freshRow) throw new CoreError('not_found', `Ticket ${ticketId} is not in this plan.`);
      if (freshRow.state === 'applied' || freshRow.writeStartedAt) {
        throw new CoreError('already_applied', `Ticket ${ticketId} was already written; open the ticket to change it again.`);
      }
      if (freshRow.state === 'held')
        throw new CoreError('invalid_input', 'This ticket changed since it was proposed; start a new run to triage it again.');
      freshRow.changes = checked.changes;
      freshRow.state = 'accepted';
      delete freshRow.problems;
      fresh.updatedAt = iso();
      store.save(identifier, fresh);
      return fresh;
    }
    plan.updatedAt = iso();
    store.save(identifier, plan);
    return plan;
  }

  async function apply(identifier: string, planId: string, opts: { signal?: AbortSignal } = {}): Promise<TriagePlan> {
    if (closed) throw new CoreError('closed', 'Triage Desk is closing.');
    const key = runKey(identifier, planId);
    const joined = applying.get(key);
    if (joined) return joined;
    const plan = mustGet(identifier, planId);
    const controller = linkedController(opts.signal);
    const entry: { identifier: string; done: Promise<unknown> } = { identifier, done: Promise.resolve() };
    running.set(controller, entry);
    const run = (async () => {
      const account = await deps.accounts.get(identifier).catch(() => undefined);
      const total = plan.rows.filter((r) => r.state === 'accepted').length;
      let done = 0;
      try {
        return await applyPlan(plan, {
          execute: (name, input, o) => deps.tools.execute(identifier, name, input, o),
          account,
          save: (p) => store.save(identifier, p),
          progress: (_plan, row) => {
            if (row && row.state !== 'accepted') done++;
            progress(identifier, {
              planId,
              phase: 'apply',
              done,
              total,
              ...(row ? { row: { ticketId: row.ticketId, state: row.state, ...(row.result ? { result: row.result } : {}) } } : {}),
            });
          },
          now: deps.now,
          signal: controller.signal,
          confirmed: (name, input) => deps.recordConfirmed?.(identifier, name, input),
        });
      } catch (err) {
        if (err instanceof ApplyStopped) throw new CoreError(err.code, err.message);
        throw err;
      } finally {
        running.delete(controller);
        applying.delete(key);
        progress(identifier, { planId, phase: 'done', plan });
      }
    })();
    entry.done = run;
    applying.set(key, run);
    return run;
  }

  return {
    start,
    async get(identifier, planId) {
      const plan = store.get(identifier, planId);
      // A plan saved mid-apply by an app that then closed is simply ready to resume.
      if (plan && plan.status === 'applying' && !applying.has(runKey(identifier, planId))) plan.status = 'ready';
      return plan;
    },
    async list(identifier) {
      return store.list(identifier);
    },
    decide,
    apply,
    async forgetProfile(identifier) {
      // Stop the profile's running start and apply first, and wait for them: otherwise they would
      // go on writing to its helpdesk and save its plan again after it was forgotten.
      const mine = [...running].filter(([, r]) => r.identifier === identifier);
      for (const [c] of mine) c.abort();
      await Promise.allSettled(mine.map(([, r]) => r.done));
      try {
        store.forget(identifier);
      } catch {
        deps.log('triage: saved plans could not be removed');
      }
    },
    async close() {
      closed = true;
      const all = [...running];
      for (const [c] of all) c.abort();
      await Promise.allSettled([...all.map(([, r]) => r.done), ...applying.values()]);
    },
  };
}
