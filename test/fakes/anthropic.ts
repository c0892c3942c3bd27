// A local fake of Anthropic's Messages API for tests: real HTTP on 127.0.0.1 (port 0) that the
// real @anthropic-ai/sdk talks to. Each test scripts the model's answers (a queue) and reads
// back every request body, so it can assert what the model received: the tools offered,
// cache_control breakpoints, tool_result contents and is_error flags.
//
//   const fake = await startFakeAnthropic();
//   fake.script(toolUse('freshdesk_tickets_list', { per_page: 30 }), say('Here are your tickets.'));
//   core = makeTestCore({ anthropicBaseURL: fake.url });
//   ...
//   fake.requests[1].body.messages.at(-1)  // the tool_result the model got
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedBlock =
  { type: 'text'; text: string } | { type: 'tool_use'; id?: string; name: string; input: Record<string, unknown> };

export interface ScriptedMessage {
  kind?: 'message';
  content: ScriptedBlock[];
  /** default: 'tool_use' when a block is a tool_use, else 'end_turn' */
  stop_reason?: 'end_turn' | 'tool_use' | 'max_tokens' | 'refusal';
  /** wait before answering (ms) */
  delayMs?: number;
  /** wait between stream events (ms) */
  chunkDelayMs?: number;
  /** streaming only: after this many content deltas, stop sending and hold the connection open
   *  until the client goes away (to test cancel mid-stream) */
  hangAfterDeltas?: number;
  /** streaming only: after this many content deltas, send an SSE `error` event (e.g. overloaded) */
  errorAfterDeltas?: { afterDeltas: number; type: string; message: string };
  /** the usage to report (default: input ≈ request bytes / 4, 10 output, no cache). As the real
   *  API does when streaming: input and cache counts in message_start, output in message_delta. */
  usage?: { input_tokens: number; output_tokens: number; cache_read_input_tokens?: number; cache_creation_input_tokens?: number };
}

export interface ScriptedError {
  kind: 'error';
  status: number;
  type: string;
  message: string;
  headers?: Record<string, string>;
  /** let the SDK retry it (default false: `x-should-retry: false` keeps tests deterministic) */
  retryable?: boolean;
}

/** destroy the socket without an answer (a network failure) */
export interface ScriptedDrop {
  kind: 'drop';
}

export type Scripted =
  ScriptedMessage | ScriptedError | ScriptedDrop | ((req: RecordedRequest) => ScriptedMessage | ScriptedError | ScriptedDrop);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** parsed JSON body (messages requests) */
  body: MessagesBody;
  /** the raw body text, for byte counts and canary searches */
  raw: string;
  at: number;
}

/** The parts of a Messages request body tests look at (loosely typed on purpose). */
export interface MessagesBody {
  model?: string;
  max_tokens?: number;
  stream?: boolean;
  system?: Array<{ type: string; text: string; cache_control?: { type: string } }> | string;
  tools?: Array<{ name: string; description?: string; input_schema: unknown; cache_control?: { type: string } }>;
  messages?: Array<{ role: 'user' | 'assistant'; content: string | Array<Record<string, unknown>> }>;
  [k: string]: unknown;
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  /** Messages requests only */
  messageRequests(): RecordedRequest[];
  script(...responses: Scripted[]): void;
  /** scripted answers not used yet */
  remaining(): number;
  /** accepted keys; others get 401 (default: any non-empty key) */
  setValidKeys(keys: string[] | undefined): void;
  /** resolves when the n-th messages request (1-based) has arrived */
  waitForRequest(n: number, timeoutMs?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

// ---- builders ---------------------------------------------------------------------------------

export const say = (text: string, extra: Partial<ScriptedMessage> = {}): ScriptedMessage => ({
  content: [{ type: 'text', text }],
  ...extra,
});

export const toolUse = (
  name: string,
  input: Record<string, unknown>,
  opts: { id?: string; text?: string } & Partial<ScriptedMessage> = {},
): ScriptedMessage => {
  const { id, text, ...extra } = opts;
  return {
    content: [...(text ? [{ type: 'text' as const, text }] : []), { type: 'tool_use', id, name, input }],
    ...extra,
  };
};

export const apiError = (status: number, type: string, message: string, extra: Partial<ScriptedError> = {}): ScriptedError => ({
  kind: 'error',
  status,
  type,
  message,
  ...extra,
});

export const overloaded = () => apiError(529, 'overloaded_error', 'Overloaded');
export const rateLimited = () =>
  apiError(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', {
    headers: { 'retry-after': '20' },
  });
export const unauthorized = () => apiError(401, 'authentication_error', 'invalid x-api-key');

// ---- helpers for assertions -----------------------------------------------------------------

/** The tool_result blocks of the last user message of a request. */
export function toolResultsOf(req: RecordedRequest): Array<{ tool_use_id: string; content: unknown; is_error?: boolean }> {
  const last = req.body.messages?.at(-1);
  if (!last || typeof last.content === 'string') return [];
  return last.content.filter((b) => b.type === 'tool_result') as Array<{ tool_use_id: string; content: unknown; is_error?: boolean }>;
}

export function textOfToolResult(block: { content: unknown }): string {
  if (typeof block.content === 'string') return block.content;
  if (Array.isArray(block.content)) return block.content.map((b: { text?: string }) => b.text ?? '').join('');
  return '';
}

// ---- server -----------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chunk(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const waiters: Array<{ n: number; resolve: (r: RecordedRequest) => void }> = [];
  let validKeys: string[] | undefined;
  let seq = 0;
  const sockets = new Set<import('node:net').Socket>();

  const messageRequests = () => requests.filter((r) => r.path.startsWith('/v1/messages'));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks).toString('utf8')).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  function sendError(res: http.ServerResponse, e: ScriptedError): void {
    res.writeHead(e.status, {
      'content-type': 'application/json',
      'request-id': `req_fake_${++seq}`,
      ...(e.retryable ? { 'retry-after-ms': '5' } : { 'x-should-retry': 'false' }),
      ...e.headers,
    });
    res.end(JSON.stringify({ type: 'error', error: { type: e.type, message: e.message } }));
  }

  function authOk(req: http.IncomingMessage): boolean {
    const auth = req.headers.authorization;
    const key = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : (req.headers['x-api-key'] as string | undefined);
    if (!key) return false;
    return validKeys === undefined || validKeys.includes(key);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    let body: MessagesBody = {};
    try {
      body = raw ? (JSON.parse(raw) as MessagesBody) : {};
    } catch {
      body = {};
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, raw, at: Date.now() };
    requests.push(recorded);

    if (!req.headers['anthropic-version']) {
      return sendError(res, apiError(400, 'invalid_request_error', 'anthropic-version: header is required'));
    }
    if (!authOk(req)) return sendError(res, unauthorized());

    if (req.method === 'GET' && path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (!id.startsWith('claude-')) return sendError(res, apiError(404, 'not_found_error', `model: ${id}`));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z' }));
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/messages') {
      return sendError(res, apiError(404, 'not_found_error', `Not found: ${req.method} ${path}`));
    }

    const n = messageRequests().length;
    for (const w of [...waiters]) {
      if (w.n <= n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(messageRequests()[w.n - 1]);
      }
    }

    let next = queue.shift();
    if (typeof next === 'function') next = next(recorded);
    if (!next) {
      return sendError(res, apiError(500, 'api_error', 'fake anthropic: no scripted response left for this request'));
    }
    if (next.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (next.kind === 'error') return sendError(res, next);

    const msg = next;
    if (msg.delayMs) await sleep(msg.delayMs);
    const id = `msg_fake_${++seq}`;
    const content = msg.content.map((b, i) => (b.type === 'tool_use' ? { ...b, id: b.id ?? `toolu_fake_${seq}_${i}` } : b));
    const stopReason = msg.stop_reason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
    const usage = {
      input_tokens: msg.usage?.input_tokens ?? Math.ceil(raw.length / 4),
      output_tokens: msg.usage?.output_tokens ?? 10,
      cache_creation_input_tokens: msg.usage?.cache_creation_input_tokens ?? 0,
      cache_read_input_tokens: msg.usage?.cache_read_input_tokens ?? 0,
    };

    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake_${seq}` });
      res.end(
        JSON.stringify({
          id,
          type: 'message',
          role: 'assistant',
          model: body.model,
          content,
          stop_reason: stopReason,
          stop_sequence: null,
          usage,
        }),
      );
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_fake_${seq}` });
    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    const send = async (event: string, data: unknown) => {
      if (gone) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (msg.chunkDelayMs) await sleep(msg.chunkDelayMs);
    };
    await send('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    });
    let deltas = 0;
    const afterDelta = async (): Promise<'stop' | undefined> => {
      deltas++;
      if (msg.errorAfterDeltas && deltas >= msg.errorAfterDeltas.afterDeltas) {
        await send('error', { type: 'error', error: { type: msg.errorAfterDeltas.type, message: msg.errorAfterDeltas.message } });
        res.end();
        return 'stop';
      }
      if (msg.hangAfterDeltas !== undefined && deltas >= msg.hangAfterDeltas) {
        // Hold the stream open until the client aborts (or the test closes the fake).
        while (!gone) await sleep(10);
        return 'stop';
      }
      return undefined;
    };
    for (const [index, block] of content.entries()) {
      if (block.type === 'text') {
        await send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
        for (const piece of chunk(block.text, 12)) {
          await send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
          if ((await afterDelta()) === 'stop') return;
        }
      } else {
        await send('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        });
        const json = JSON.stringify(block.input);
        for (const piece of chunk(json, Math.max(8, Math.ceil(json.length / 3)))) {
          await send('content_block_delta', {
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: piece },
          });
          if ((await afterDelta()) === 'stop') return;
        }
      }
      await send('content_block_stop', { type: 'content_block_stop', index });
    }
    await send('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    });
    await send('message_stop', { type: 'message_stop' });
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    messageRequests,
    script(...responses) {
      queue.push(...responses);
    },
    remaining: () => queue.length,
    setValidKeys(keys) {
      validKeys = keys;
    },
    waitForRequest(n, timeoutMs = 5000) {
      const have = messageRequests();
      if (have.length >= n) return Promise.resolve(have[n - 1]);
      return new Promise((resolve, reject) => {
        const w = { n, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i !== -1) {
            waiters.splice(i, 1);
            reject(new Error(`fake anthropic: request ${n} did not arrive within ${timeoutMs} ms`));
          }
        }, timeoutMs).unref();
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
