// Cutting a thread's Messages API history without making it invalid: a cut may only start at a
// user message that carries the person's text, and the tool_result blocks merged into that
// message (the answers to the turn before the cut) are dropped with the turn they belong to.
import type { ContentBlockParam, MessageParam, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';

/** what is sent to the model at most (the full thread stays for display and storage) */
export const MODEL_MAX_MESSAGES = 60;
export const MODEL_MAX_BYTES = 150_000;
/** what is kept on disk per thread */
export const STORED_MAX_MESSAGES = 200;
export const STORED_MAX_ITEMS = 200;
export const STORED_MAX_THREADS = 20;
/** The vault file is read whole on every profile lookup: keep a profile's chat from bloating it. */
export const STORED_MAX_THREAD_BYTES = 400_000;
export const STORED_MAX_PROFILE_BYTES = 2_000_000;

export const APP_CLOSED_RESULT = 'cancelled: the app closed before this call ran; nothing was sent. Ask the agent before trying it again.';

const blocksOf = (m: MessageParam): ContentBlockParam[] =>
  typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;

/** A user message with the person's text: the only place a cut may start. */
function isTurnStart(m: MessageParam): boolean {
  return m.role === 'user' && blocksOf(m).some((b) => b.type === 'text');
}

/**
 * The most recent part of `history` within the budget, starting at a turn start. When even the
 * latest turn is over budget it is sent whole: cutting inside it would orphan tool results.
 */
export function recentHistory(history: MessageParam[], maxMessages: number, maxBytes = Infinity): MessageParam[] {
  let earliest = history.length;
  let bytes = 0;
  while (earliest > 0 && history.length - earliest < maxMessages) {
    const size = JSON.stringify(history[earliest - 1]).length;
    if (bytes + size > maxBytes) break;
    bytes += size;
    earliest--;
  }
  if (earliest === 0) return history;
  let start = -1;
  for (let i = earliest; i < history.length; i++) {
    if (isTurnStart(history[i])) {
      start = i;
      break;
    }
  }
  if (start === -1) {
    for (let i = earliest - 1; i >= 0; i--) {
      if (isTurnStart(history[i])) {
        start = i;
        break;
      }
    }
  }
  if (start <= 0) return history;
  const first = history[start];
  const kept = blocksOf(first).filter((b) => b.type !== 'tool_result');
  return [{ role: 'user', content: kept }, ...history.slice(start + 1)];
}

/**
 * Makes a stored history valid again for the Messages API: it starts with a user message, and
 * every tool_use is answered by a tool_result in the next message (a call left unanswered, e.g.
 * by an app that closed mid-approval, is answered as cancelled).
 */
export function repairHistory(history: MessageParam[]): MessageParam[] {
  // Dropping an emptied message can make two of one role meet: repeat until nothing changes.
  let current = history;
  for (let round = 0; round < 4; round++) {
    const next = repairOnce(current);
    if (JSON.stringify(next) === JSON.stringify(current)) return next;
    current = next;
  }
  return current;
}

function repairOnce(history: MessageParam[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const m of history) {
    if (out.length === 0 && m.role !== 'user') continue;
    const prev = out.at(-1);
    if (prev && prev.role === m.role) {
      out[out.length - 1] = { role: m.role, content: [...blocksOf(prev), ...blocksOf(m)] } as MessageParam;
    } else {
      out.push({ role: m.role, content: blocksOf(m) } as MessageParam);
    }
  }
  for (let i = 0; i < out.length; i++) {
    const m = out[i];
    if (m.role === 'assistant') {
      const uses = blocksOf(m).flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
      if (uses.length === 0) continue;
      const next = out[i + 1];
      const answered = new Set(next ? blocksOf(next).flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : [])) : []);
      const missing: ToolResultBlockParam[] = uses
        .filter((id) => !answered.has(id))
        .map((id) => ({ type: 'tool_result', tool_use_id: id, is_error: true, content: APP_CLOSED_RESULT }));
      if (missing.length === 0) continue;
      if (next) out[i + 1] = { role: 'user', content: [...missing, ...blocksOf(next)] };
      else out.push({ role: 'user', content: missing });
    } else {
      // A tool_result whose tool_use is not right before it would be refused.
      const prevUses = new Set(i > 0 ? blocksOf(out[i - 1]).flatMap((b) => (b.type === 'tool_use' ? [b.id] : [])) : []);
      const blocks = blocksOf(m);
      const kept = blocks.filter((b) => b.type !== 'tool_result' || prevUses.has(b.tool_use_id));
      if (kept.length !== blocks.length) out[i] = { role: 'user', content: kept };
    }
  }
  return out.filter((m) => blocksOf(m).length > 0);
}
