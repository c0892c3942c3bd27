// What Claude is sent. A 30-ticket list as the chat loop passes it back as the tool result (the
// compact projection, wrapped as quoted customer data), against the raw Freshdesk JSON a
// pass-through integration would forward; and the size of all ten tool definitions, which ride
// along with every request to the model.
import { modelResultFor } from '../src-main/core/chat/results';
import { projectForModel } from '../src-main/core/tools';
import { createBareClient } from './lib/bare-http';
import { newBenchCore, UNLIMITED_PER_MINUTE, type BenchEnv } from './lib/env';

export interface LlmBytesOptions {
  tickets?: number;
}

export interface LlmBytesSample {
  list_bytes_ratio: number;
  /** the tool_result content Claude receives */
  list_bytes_compact: number;
  /** the projection alone, before it is wrapped as quoted data */
  list_bytes_projection: number;
  list_bytes_raw: number;
  tool_defs_bytes: number;
  tickets: number;
}

const utf8Bytes = (value: unknown) => Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');

export async function measureLlmBytes(env: BenchEnv, opts: LlmBytesOptions = {}): Promise<LlmBytesSample> {
  const tickets = opts.tickets ?? 30;
  await env.setLimits('acme', UNLIMITED_PER_MINUTE);
  const agent = env.agent('acme');
  const bench = await newBenchCore(env, 'llm-bytes');
  const bare = createBareClient({ port: env.port, subdomain: 'acme' });
  try {
    await bench.core.accounts.authorize('llm', { subdomain: 'acme', apiKey: agent.apiKey });
    const input = { per_page: tickets };
    const r = await bench.core.tools.execute('llm', 'freshdesk_tickets_list', input);
    if (!r.ok) throw new Error(`freshdesk_tickets_list failed: ${r.error.message}`);
    if (!Array.isArray(r.data) || r.data.length !== tickets) {
      throw new Error(`expected ${tickets} tickets from the sandbox, got ${Array.isArray(r.data) ? r.data.length : 'no list'}`);
    }
    // The raw figure is the body exactly as Freshdesk sends it for the same query.
    const raw = await bare.get(`/api/v2/tickets?per_page=${tickets}`, agent.apiKey);
    if (raw.status !== 200) throw new Error(`GET /api/v2/tickets answered ${raw.status}`);
    const rawBytes = Buffer.byteLength(raw.body, 'utf8');
    const sent = modelResultFor(r, projectForModel, undefined, input);
    if (sent.isError) throw new Error(`the chat loop turned the list into an error: ${sent.content.slice(0, 120)}`);
    const compactBytes = utf8Bytes(sent.content);

    // Tool definitions in the shape the Messages API receives them.
    const defs = bench.core.tools.list().map((t) => ({ name: t.name, description: t.description, input_schema: t.inputSchema }));
    return {
      list_bytes_ratio: compactBytes / rawBytes,
      list_bytes_compact: compactBytes,
      list_bytes_projection: utf8Bytes(sent.projected),
      list_bytes_raw: rawBytes,
      tool_defs_bytes: utf8Bytes(defs),
      tickets,
    };
  } finally {
    bare.close();
    await bench.close();
  }
}
