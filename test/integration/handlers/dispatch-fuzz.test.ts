// Every IPC channel, fuzzed through dispatch() exactly as the app and the harness call it, with a
// fixed seed (the same calls on every run): malformed shapes, wrong types, prototype tricks,
// class instances, huge and odd strings, and near-valid inputs that reach the handlers, the
// real core and the sandbox helpdesk. Nothing may throw out of dispatch, hang, answer outside
// the envelope, report an internal error, pollute Object.prototype or carry a key.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch, type HandlerContext } from '../../../src-main/core/handlers';
import { startSandbox, type RunningSandbox } from '../../../src-main/sandbox';
import { createRng, type Rng } from '../../../src-main/sandbox/prng';
import { contract, type ChannelName } from '../../../src-shared/contract';
import { startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic';
import { makeTestCore, type TestCore } from '../../helpers/core';

const SEED = 20261203;
const CALLS_PER_CHANNEL = 1_500;
const HANG_MS = 5_000;

let sandbox: RunningSandbox;
let fake: FakeAnthropic;
let t: TestCore;
let agentKey: string;
const logs: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 42, perMinute: 100_000 });
  fake = await startFakeAnthropic();
  t = await makeTestCore({
    freshdeskOrigin: (sub) => `http://${sub}.localhost:${sandbox.port}`,
    anthropicBaseURL: fake.url,
    requestTimeoutMs: 2_000,
    log: (l) => logs.push(l),
  });
  agentKey = sandbox.accounts[0].agents[1].apiKey;
  await t.core.accounts.authorize('Fuzz', { subdomain: 'acme', apiKey: agentKey });
});
afterAll(async () => {
  await t.cleanup();
  await fake.close();
  await sandbox.close();
});

class Gadget {
  name = 'Gadget';
  identifier = 'Fuzz';
}

/** The field names of a channel's input object (through .optional()). */
function keysOf(name: ChannelName): string[] {
  let schema: unknown = contract[name].input;
  for (let i = 0; i < 3; i++) {
    const s = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown };
    if (s.shape) return Object.keys(s.shape);
    if (typeof s.unwrap !== 'function') break;
    schema = s.unwrap();
  }
  return [];
}

function scalar(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => undefined,
    () => true,
    () => rng.int(-3, 3),
    () => rng.int(1, 60_000),
    () => 2 ** 60,
    () => 1.5,
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => -0,
    () => '',
    () => ' ',
    () => 'Fuzz',
    () => 'acme',
    () => 'general',
    () => 'freshdesk_ticket_get',
    () => 'freshdesk_agent_delete',
    () => 'https://acme.freshdesk.com/a/tickets/1',
    () => 'https://acme.freshdesk.com\\@evil.example',
    () => 'javascript:alert(1)',
    () => 'pat@c.example',
    () => 'mallory at evil dot example',
    () => '<script>alert(1)</script><!--',
    () => '__proto__',
    () => 'constructor',
    () => '\u0000\u202e\ud800',
    () => 'x'.repeat(rng.pick([300, 5_000, 250_000])),
    () => 'claude-sonnet-4-6',
    () => 'sk-ant-api03-FUZZ0123456789abcdef',
    () => BigInt(7),
  ])();
}

function value(rng: Rng, depth: number): unknown {
  if (depth > 3 || rng.chance(0.55)) return scalar(rng);
  return rng.pick<() => unknown>([
    () => [],
    () => Array.from({ length: rng.int(1, 4) }, () => value(rng, depth + 1)),
    () => ({}),
    () => ({ [rng.pick(['id', 'ticket_id', 'name', 'x'])]: value(rng, depth + 1) }),
    () => JSON.parse('{"__proto__": {"polluted": true}, "name": "Fuzz"}'),
    () => new Gadget(),
    () => Object.assign(new Error('boom'), { identifier: 'Fuzz' }),
    () => new Date(0),
    () => new Map([['name', 'Fuzz']]),
    () => Array.from({ length: 2_000 }, (_, i) => i),
    () => {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 60; i++) deep = { a: deep };
      return deep;
    },
  ])();
}

/** Inputs the contract accepts, so that a share of the calls reaches the handlers, the core and
 *  the helpdesk; the fuzzer then changes one field of them now and then. */
function validInputs(ticketId: number): Record<ChannelName, unknown[]> {
  const none = [undefined, {}];
  return {
    'app:info': none,
    'app:open-external': [{ url: 'https://acme.freshdesk.com/a/tickets/1' }, { url: 'https://console.anthropic.com/' }],
    'profiles:list': none,
    'profiles:create': [{ name: 'Fuzz two' }, { name: 'Sandbox demo' }, { name: "O'Brien (night)" }],
    'profiles:switch': [{ identifier: 'Fuzz' }, { identifier: 'nobody' }],
    'profiles:authorize': [
      { subdomain: 'acme', apiKey: 'WrongKey1234567890ab' },
      { subdomain: 'Xk29FhQpL0zv7TmcW3rY', apiKey: 'acme' },
    ],
    'profiles:recheck': none,
    'profiles:forget': [{ identifier: 'Fuzz two' }, { identifier: 'nobody' }],
    'tools:list': none,
    'tools:execute': [
      { name: 'freshdesk_tickets_list', input: { per_page: 5 } },
      { name: 'freshdesk_ticket_get', input: { ticket_id: ticketId, include: 'conversations' } },
      { name: 'freshdesk_ticket_update', input: { ticket_id: ticketId, priority: 2 } },
      { name: 'freshdesk_tickets_reply', input: { ticket_id: ticketId, body: '<p>hi<!-- x --><img src="https://t.example/p"></p>' } },
      { name: 'freshdesk_agents_list', input: {} },
    ],
    'tools:field-choices': none,
    'tools:cancel': [{ requestId: 'r-1' }],
    'tools:validate': [
      { name: 'freshdesk_ticket_create', input: { email: 'pat@c.example', subject: 's', description: 'd' } },
      { name: 'freshdesk_agent_delete', input: { agent_id: 1 } },
    ],
    'drafts:get': [{ ticketId }],
    'drafts:save': [{ ticketId, body: 'draft', cc: ['a@b.example'], bcc: [] }],
    'drafts:delete': [{ ticketId }],
    'settings:get': none,
    'settings:update': [{ model: 'claude-sonnet-4-6' }, { autoApproveTools: ['freshdesk_ticket_update'] }, { allowWeakStorage: false }],
    'sandbox:try': none,
    'chat:send': [{ threadId: 'general', text: 'hello', ticketId }],
    'chat:cancel': [{ threadId: 'general' }],
    'chat:resolve-approval': [
      { callId: 'nope', approved: true },
      { callId: 'nope', approved: false, reason: 'no' },
    ],
    'chat:pending': none,
    'chat:thread': [{ threadId: 'general' }],
    'chat:threads': none,
    'chat:set-api-key': [{ key: null }],
    'chat:api-key-status': none,
    'chat:test-api-key': none,
    'mcp:status': none,
    'mcp:configure': [{ enabled: false }, { port: null }],
    'mcp:rotate-token': none,
    'mcp:copy': [{ what: 'claude-code' }, { what: 'claude-desktop' }],
    'approvals:pending': none,
    'approvals:resolve': [
      { callId: 'nope', approve: true },
      { callId: 'nope', approve: false, reason: 'no' },
    ],
    'activity:list': [undefined, { limit: 10 }, { origin: 'ui' }],
    'triage:start': [{ ticketIds: [ticketId] }, { filter: 'new_and_my_open' }],
    'triage:cancel': none,
    'triage:get': [{ planId: 'nope' }],
    'triage:list': none,
    'triage:decide': [{ planId: 'nope', ticketId, decision: 'accept' }],
    'triage:apply': [{ planId: 'nope' }],
  };
}

/** A channel input: a valid one (sometimes with one field changed), its own field names with
 *  odd values, or anything at all. */
function input(rng: Rng, keys: string[], valid: unknown[]): unknown {
  const roll = rng.next();
  if (roll < 0.3 && valid.length > 0) {
    const base = rng.pick(valid);
    if (!base || typeof base !== 'object' || rng.chance(0.5)) return structuredClone(base);
    const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    copy[rng.pick(Object.keys(copy).length ? Object.keys(copy) : ['x'])] = value(rng, 1);
    return copy;
  }
  if (keys.length === 0 || roll > 0.85) return value(rng, 0);
  const out: Record<string, unknown> = {};
  for (const k of keys) if (rng.chance(0.8)) out[k] = value(rng, 1);
  if (rng.chance(0.15)) out[rng.pick(['extra', '__proto__', 'constructor', 'toString'])] = value(rng, 1);
  return out;
}

it(
  `fuzzes every channel through dispatch() (seed ${SEED}): no crash, no hang, no internal error, no leak`,
  { timeout: 60_000 },
  async () => {
    const rng = createRng(SEED);
    const channels = Object.keys(contract) as ChannelName[];
    const list = await t.core.tools.execute('Fuzz', 'freshdesk_tickets_list', { per_page: 1 });
    const valid = validInputs(list.ok ? (list.data as Array<{ id: number }>)[0].id : 1);
    const outcomes = new Map<string, number>();
    const crashes: string[] = [];
    const hangs: string[] = [];
    const leaks: string[] = [];
    const covered = new Set<string>();
    let slowest = { name: '', ms: 0 };
    let calls = 0;
    const started = performance.now();

    for (let round = 0; round < CALLS_PER_CHANNEL; round++) {
      for (const name of channels) {
        const ctx: HandlerContext = {
          core: t.core,
          session: rng.chance(0.75) ? { activeProfile: 'Fuzz' } : {},
          runtime: 'harness',
          appVersion: 'fuzz',
          platform: 'linux',
          emit() {},
          openExternal: async () => true,
        };
        // The built-in demo helpdesk allows 400 requests a minute, like a small real one: past a few
        // dozen demo sign-ins the fuzzer would only be measuring its rate limit.
        const validNow = name === 'sandbox:try' && round >= 60 ? [] : valid[name];
        const raw = input(rng, keysOf(name), validNow);
        calls++;
        covered.add(name);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const hang = new Promise<'hang'>((resolve) => {
          timer = setTimeout(() => resolve('hang'), HANG_MS);
        });
        const t0 = performance.now();
        try {
          const answer = await Promise.race([dispatch(name, raw, ctx), hang]);
          const ms = performance.now() - t0;
          slowest = ms > slowest.ms ? { name, ms } : slowest;
          if (answer === 'hang') {
            hangs.push(name);
            continue;
          }
          const code = answer.ok ? 'ok' : answer.error.code;
          outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
          if (typeof answer.ok !== 'boolean' || (!answer.ok && typeof answer.error?.message !== 'string'))
            crashes.push(`${name}: bad envelope`);
          if (!answer.ok && answer.error.code === 'internal') crashes.push(`${name}: internal (${answer.error.message})`);
          if (JSON.stringify(answer).includes(agentKey)) leaks.push(name);
        } catch (err) {
          crashes.push(`${name}: threw ${err instanceof Error ? err.name : typeof err}`);
        } finally {
          clearTimeout(timer);
        }
        // profiles:forget may have removed the profile the fuzz runs as: bring it back.
        if (!(await t.core.accounts.get('Fuzz'))) await t.core.accounts.authorize('Fuzz', { subdomain: 'acme', apiKey: agentKey });
      }
    }

    const seconds = (performance.now() - started) / 1000;
    const summary = [...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`);
    console.log(
      `dispatch fuzz (seed ${SEED}): ${calls} calls over ${covered.size} of ${channels.length} channels in ${seconds.toFixed(1)} s; ` +
        `crashes ${crashes.length}, hangs ${hangs.length}, leaks ${leaks.length}; slowest call ${slowest.name} ${slowest.ms.toFixed(0)} ms; ` +
        `answers: ${summary.join(', ')}`,
    );
    expect(covered.size).toBe(channels.length);
    expect(calls).toBe(CALLS_PER_CHANNEL * channels.length);
    expect(crashes).toEqual([]);
    expect(hangs).toEqual([]);
    expect(leaks).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(logs.join('\n')).not.toContain(agentKey);
    // The app still works afterwards.
    const after = await dispatch('profiles:list', undefined, {
      core: t.core,
      session: {},
      runtime: 'harness',
      appVersion: 'fuzz',
      platform: 'linux',
      emit() {},
    });
    expect(after.ok).toBe(true);
  },
);
