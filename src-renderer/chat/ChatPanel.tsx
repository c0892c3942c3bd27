// The Claude triage chat panel. Everything runs in main: this panel sends the person's
// messages, follows `chat:event` (only the window's active profile's), and answers approvals.
// A reload rebuilds the same picture from chat:thread + chat:pending.
//
// Mount: <ChatPanel ticketId={openTicketId} profileKey={activeProfile} onClose={…} />
// All props are optional. See ./events.ts for 'triage:ask-claude' / 'triage:use-as-draft'.
import { useCallback, useEffect, useId, useReducer, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ThreadSummary, TokenUsage } from '../../src-shared/contract/chat';
import { triage } from '../lib/bridge';
import { ApprovalCard } from './ApprovalCard';
import { ToolCard } from './ToolCard';
import { Markdown } from './Markdown';
import { chatReducer, emptyChat } from './reducer';
import { onAskClaude, takeQueuedAsk, type AskClaudeDetail } from './events';
import { errorCode, errorText } from './errors';
import './chat.css';

const DEFAULT_THREAD = 'general';
const THREAD_STORE = 'triage.chat.thread';

export interface ChatPanelProps {
  /** the ticket open beside the chat; offered as context for the next question */
  ticketId?: number;
  /** changes when the active profile changes: the panel reloads that profile's chat */
  profileKey?: string | number;
  onClose?(): void;
}

function storedThread(profileKey: string | number | undefined): string {
  try {
    return sessionStorage.getItem(`${THREAD_STORE}.${profileKey ?? ''}`) || DEFAULT_THREAD;
  } catch {
    return DEFAULT_THREAD;
  }
}

function storeThread(profileKey: string | number | undefined, threadId: string): void {
  try {
    sessionStorage.setItem(`${THREAD_STORE}.${profileKey ?? ''}`, threadId);
  } catch {
    // private mode: the panel just starts on the general chat after a reload
  }
}

const now = () => new Date().toISOString();
let localSeq = 0;

export function ChatPanel({ ticketId, profileKey, onClose }: ChatPanelProps) {
  const ids = { input: useId(), key: useId(), thread: useId() };
  const [threadId, setThreadId] = useState(() => storedThread(profileKey));
  const [state, dispatch] = useReducer(chatReducer, threadId, emptyChat);
  const [threads, setThreads] = useState<ThreadSummary[]>([]);
  const [text, setText] = useState('');
  const [attached, setAttached] = useState<number | undefined>(ticketId);
  const [keyConfigured, setKeyConfigured] = useState<boolean>();
  const [keyInput, setKeyInput] = useState('');
  const [keyNote, setKeyNote] = useState<string>();
  const [loadProblem, setLoadProblem] = useState<string>();
  /** bumps when main's record should be read again (a turn ended, a send failed) */
  const [reloads, setReloads] = useState(0);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // Props changed: adjust state while rendering (no effect round-trip).
  const [seen, setSeen] = useState({ ticketId, profileKey });
  if (seen.ticketId !== ticketId || seen.profileKey !== profileKey) {
    setSeen({ ticketId, profileKey });
    if (seen.ticketId !== ticketId) setAttached(ticketId);
    // A profile switch starts on that profile's last thread.
    if (seen.profileKey !== profileKey) chooseThread(storedThread(profileKey));
  }

  function chooseThread(id: string) {
    setThreadId(id);
    dispatch({ type: 'switch', threadId: id });
    storeThread(profileKey, id);
  }

  // Main's record of this thread, its pending approvals and the thread list.
  useEffect(() => {
    let live = true;
    Promise.all([triage.chatThread({ threadId }), triage.chatPending(), triage.chatThreads(), triage.chatApiKeyStatus()]).then(
      ([view, pending, list, key]) => {
        if (!live) return;
        dispatch({ type: 'loaded', view, approvals: pending.approvals });
        setThreads(list.threads);
        setKeyConfigured(key.configured);
        setLoadProblem(undefined);
      },
      (err: unknown) => {
        if (live) setLoadProblem(errorText(err));
      },
    );
    return () => {
      live = false;
    };
  }, [threadId, profileKey, reloads]);

  useEffect(
    () =>
      triage.on('chat:event', (event) => {
        dispatch({ type: 'event', event, at: now() });
        // The turn is over: take main's record as the truth (edited inputs, final statuses).
        if (event.type === 'turn_end') setReloads((n) => n + 1);
      }),
    [],
  );

  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.items, state.approvals]);

  const send = useCallback(
    async (message: string, about: number | undefined) => {
      const trimmed = message.trim();
      if (!trimmed) return;
      const id = threadId;
      dispatch({ type: 'local_user', id: `local-${++localSeq}`, text: trimmed, ticketId: about, at: now() });
      setText('');
      try {
        await triage.chatSend({ threadId: id, text: trimmed, ticketId: about });
      } catch (err) {
        dispatch({ type: 'local_error', id: `local-${++localSeq}`, code: errorCode(err), message: errorText(err), at: now() });
        setReloads((n) => n + 1);
      }
    },
    [threadId],
  );

  // "Ask Claude" from a ticket: queued before we mounted, or live.
  useEffect(() => {
    const take = (d: AskClaudeDetail) => {
      setAttached(d.ticketId);
      if (d.text && d.send !== false) void send(d.text, d.ticketId);
      else {
        setText(d.text ?? '');
        inputRef.current?.focus();
      }
    };
    const queued = takeQueuedAsk();
    if (queued) take(queued);
    return onAskClaude(take);
  }, [send]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (state.busy) return;
    void send(text, attached);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      if (!state.busy) void send(text, attached);
    }
  }

  async function saveKey(e: FormEvent) {
    e.preventDefault();
    setKeyNote(undefined);
    try {
      const { configured } = await triage.chatSetApiKey({ key: keyInput });
      setKeyInput('');
      setKeyConfigured(configured);
      setReloads((n) => n + 1);
      const test = await triage.chatTestApiKey();
      setKeyNote(test.message);
    } catch (err) {
      setKeyNote(errorText(err));
    }
  }

  const here = state.approvals.filter((a) => a.threadId === threadId);
  const elsewhere = state.approvals.filter((a) => a.threadId !== threadId);

  return (
    <section className="chat-panel" aria-label="Claude chat">
      <header className="chat-header">
        <h2>Claude</h2>
        <label htmlFor={ids.thread} className="visually-hidden">
          Chat
        </label>
        <select id={ids.thread} value={threadId} onChange={(e) => chooseThread(e.target.value)}>
          {!threads.some((t) => t.threadId === threadId) && (
            <option value={threadId}>{threadId === DEFAULT_THREAD ? 'General' : 'New chat'}</option>
          )}
          {threads.map((t) => (
            <option key={t.threadId} value={t.threadId}>
              {t.title}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => chooseThread(`chat-${Date.now().toString(36)}`)} disabled={state.busy}>
          New chat
        </button>
        {onClose && (
          <button type="button" onClick={onClose} aria-label="Close chat">
            ×
          </button>
        )}
      </header>

      {keyConfigured === false && (
        <form className="chat-key" onSubmit={saveKey} aria-label="Add your Anthropic key">
          <p id={`${ids.key}-hint`}>
            Claude needs your Anthropic API key (from console.anthropic.com). It is stored encrypted on this computer and never shown again.
          </p>
          <label htmlFor={ids.key}>Anthropic API key</label>
          <input
            id={ids.key}
            type="password"
            value={keyInput}
            onChange={(e) => setKeyInput(e.target.value)}
            autoComplete="off"
            placeholder="sk-ant-…"
            aria-describedby={`${ids.key}-hint`}
          />
          <button type="submit" className="primary" disabled={!keyInput.trim()}>
            Save key
          </button>
        </form>
      )}
      {keyNote && (
        <p className="chat-key-note" role="status">
          {keyNote}
        </p>
      )}
      {loadProblem && (
        <p className="chat-problem" role="alert">
          {loadProblem}
        </p>
      )}

      {elsewhere.map((a) => (
        <div key={a.callId} className="chat-elsewhere">
          <ApprovalCard approval={a} otherThread />
          <button type="button" onClick={() => chooseThread(a.threadId)}>
            Open that chat
          </button>
        </div>
      ))}

      <div className="chat-log" ref={logRef} role="log" aria-live="polite" aria-label="Conversation" tabIndex={0}>
        {state.items.length === 0 && (
          <p className="chat-empty">Ask about your queue, a ticket, or what to do next. Claude asks before it changes anything.</p>
        )}
        {state.items.map((it) => {
          switch (it.kind) {
            case 'user':
              return (
                <div key={it.id} className="chat-msg chat-msg-user">
                  {it.ticketId !== undefined && <span className="chat-ticket-chip">#{it.ticketId}</span>}
                  <p>{it.text}</p>
                </div>
              );
            case 'assistant':
              return (
                <div key={it.id} className="chat-msg chat-msg-assistant">
                  <Markdown text={it.text} label="Claude's answer" />
                </div>
              );
            case 'tool':
              return <ToolCard key={it.callId} item={it} />;
            case 'error':
              return (
                <p key={it.id} className="chat-msg chat-msg-error" role="alert" data-code={it.code}>
                  {it.message}
                </p>
              );
          }
        })}
        {here.map((a) => (
          <ApprovalCard key={a.callId} approval={a} />
        ))}
        {state.busy && here.length === 0 && (
          <p className="chat-thinking" role="status">
            Claude is working…
          </p>
        )}
      </div>

      <form className="chat-compose" onSubmit={onSubmit}>
        {attached !== undefined && (
          <p className="chat-context">
            About ticket #{attached}{' '}
            <button type="button" onClick={() => setAttached(undefined)} aria-label={`Do not send ticket #${attached} with the question`}>
              ×
            </button>
          </p>
        )}
        <label htmlFor={ids.input} className="visually-hidden">
          Message to Claude
        </label>
        <textarea
          id={ids.input}
          ref={inputRef}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          rows={3}
          placeholder="Ask Claude… (Enter sends, Shift+Enter for a new line)"
        />
        <div className="chat-compose-actions">
          {state.busy ? (
            <button type="button" className="danger" onClick={() => void triage.chatCancel({ threadId })}>
              Stop
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!text.trim()}>
              Send
            </button>
          )}
          {state.usage && state.usage.input + state.usage.cacheRead + state.usage.cacheWrite + state.usage.output > 0 && (
            <span
              className="chat-usage"
              data-testid="chat-usage"
              title="Tokens Claude counted: what it read (input, including the cached part) and what it wrote (output)."
            >
              {state.lastTurnUsage && `Last turn ${usageText(state.lastTurnUsage)}. `}
              {`Thread ${usageText(state.usage)}.`}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

/** "12.3k in (9.8k cached) · 450 out" */
function usageText(u: TokenUsage): string {
  const read = u.input + u.cacheRead + u.cacheWrite;
  const cached = u.cacheRead > 0 ? ` (${tokenCount(u.cacheRead)} cached)` : '';
  return `${tokenCount(read)} in${cached} · ${tokenCount(u.output)} out`;
}

function tokenCount(n: number): string {
  return n < 1000 ? String(n) : n < 100_000 ? `${(n / 1000).toFixed(1)}k` : `${Math.round(n / 1000)}k`;
}

export default ChatPanel;
