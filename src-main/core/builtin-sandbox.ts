// The built-in sandbox helpdesk behind "Try the sandbox helpdesk": one simulator per core,
// started on first use and stopped by core.close(). The core owns it; the IPC handlers reach it
// through builtInSandboxOf(core).
import type { RunningSandbox } from '../sandbox';

export interface BuiltInSandbox {
  /** The running simulator, started on the first call (a failed start is tried again next time). */
  get(): Promise<RunningSandbox>;
  /** Stops it if it was started. */
  close(): Promise<void>;
}

export function createBuiltInSandbox(): BuiltInSandbox {
  let running: Promise<RunningSandbox> | undefined;
  return {
    async get() {
      running ??= import('../sandbox').then((m) => m.startSandbox({ port: 0, seed: 42, perMinute: 400 }));
      try {
        return await running;
      } catch (err) {
        running = undefined;
        throw err;
      }
    },
    async close() {
      const r = running;
      running = undefined;
      if (r) await (await r.catch(() => undefined))?.close();
    },
  };
}

const owners = new WeakMap<object, BuiltInSandbox>();

/** Registers the sandbox a core owns (createTriageCore does this for the facade it returns). */
export function ownBuiltInSandbox(core: object, sandbox: BuiltInSandbox): void {
  owners.set(core, sandbox);
}

/** The core's built-in sandbox (a core made elsewhere, e.g. a test double, gets its own). */
export function builtInSandboxOf(core: object): BuiltInSandbox {
  let s = owners.get(core);
  if (!s) {
    s = createBuiltInSandbox();
    owners.set(core, s);
  }
  return s;
}
