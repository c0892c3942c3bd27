// Builds the object the page sees as window.triage from the plain channel list. The very same
// function runs in the preload (over ipcRenderer) and, serialized, in the browser harness (over
// a Playwright binding), so e2e specs exercise exactly the app's bridge behaviour.
//
// It must stay self-contained: no imports, no references outside its own body (the harness
// sends its source text into the page).

export interface TriageApiParts {
  /** the object to expose as window.triage */
  api: Record<string, unknown>;
  /** hand a push event from main to the page's listeners (payload only, never an IPC event) */
  deliver(event: unknown, payload: unknown): void;
}

export function buildTriageApi(
  channels: Readonly<Record<string, string>>,
  eventNames: readonly string[],
  invoke: (channel: string, input: unknown) => Promise<unknown>,
): TriageApiParts {
  // A failed call rejects with a plain object, not an Error: contextBridge keeps only `message`
  // of an Error, and the page needs `code` (see TriageError in contract/define.ts).
  const triageError = (code: string, message: string) => ({ name: 'TriageError' as const, code, message });

  const unwrap = (envelope: unknown): unknown => {
    if (typeof envelope === 'object' && envelope !== null) {
      const e = envelope as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
      if (e.ok === true) return e.data;
      if (e.ok === false && typeof e.error?.code === 'string' && typeof e.error.message === 'string') {
        throw triageError(e.error.code, e.error.message);
      }
    }
    throw triageError('internal', 'The app gave an answer this window cannot read. Please restart Triage Desk.');
  };

  const known = new Set(eventNames);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};

  for (const channelName of Object.keys(channels)) {
    const fn = channels[channelName] as string;
    api[fn] = async (input?: unknown) => unwrap(await invoke(channelName, input));
  }

  api.on = (event: unknown, listener: unknown): (() => void) => {
    // Synchronous misuse is a programming mistake: a plain Error (message only) is enough.
    if (typeof event !== 'string' || !known.has(event)) throw new Error(`There is no event named "${String(event).slice(0, 60)}".`);
    if (typeof listener !== 'function') throw new Error('on() needs a listener function.');
    const set = listeners.get(event) ?? new Set<(payload: unknown) => void>();
    listeners.set(event, set);
    const own = (payload: unknown) => (listener as (payload: unknown) => void)(payload);
    set.add(own);
    return () => {
      set.delete(own);
    };
  };

  const deliver = (event: unknown, payload: unknown) => {
    if (typeof event !== 'string') return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch {
        // one listener's failure must not stop the others
      }
    }
  };

  return { api: Object.freeze(api), deliver };
}
