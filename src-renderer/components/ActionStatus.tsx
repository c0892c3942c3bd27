// Every action shows progress and ends in a clear success or error message. Progress and success
// are polite announcements; errors are alerts.
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { errorInfo } from '../lib/bridge';

export type ActionPhase = 'idle' | 'running' | 'ok' | 'error';
export interface ActionState {
  phase: ActionPhase;
  message?: string;
  detail?: ReactNode;
}

export function useAction(): [
  ActionState,
  (running: string, work: () => Promise<ActionState>) => Promise<ActionState>,
  (s: ActionState) => void,
] {
  const [state, setState] = useState<ActionState>({ phase: 'idle' });
  const busy = useRef(false);
  const run = useCallback(async (running: string, work: () => Promise<ActionState>) => {
    if (busy.current) return { phase: 'running' as const, message: running };
    busy.current = true;
    setState({ phase: 'running', message: running });
    try {
      const end = await work();
      setState(end);
      return end;
    } catch (err) {
      const end: ActionState = { phase: 'error', message: errorInfo(err).message };
      setState(end);
      return end;
    } finally {
      busy.current = false;
    }
  }, []);
  return [state, run, setState];
}

export function ActionStatus({ state, className }: { state: ActionState; className?: string }) {
  if (state.phase === 'idle') return <div className="action-status" aria-live="polite" />;
  return (
    <div
      className={`action-status action-${state.phase} ${className ?? ''}`}
      role={state.phase === 'error' ? 'alert' : 'status'}
      aria-live={state.phase === 'error' ? 'assertive' : 'polite'}
    >
      {state.phase === 'running' && <span className="spinner" aria-hidden="true" />}
      <span className="action-message">{state.message}</span>
      {state.detail && <div className="action-detail">{state.detail}</div>}
    </div>
  );
}
