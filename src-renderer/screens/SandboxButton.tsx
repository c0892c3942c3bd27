import { ActionStatus, useAction } from '../components/ActionStatus';
import { errorInfo, triage } from '../lib/bridge';
import { flushPending } from '../lib/pending';
import { useSession } from '../state/session';

export function SandboxButton({ className }: { className?: string }) {
  const [state, run] = useAction();
  const adopt = useSession((s) => s.adoptActive);
  const go = useSession((s) => s.go);
  return (
    <div className={className}>
      <button
        type="button"
        className="secondary"
        disabled={state.phase === 'running'}
        onClick={() =>
          run('Starting the sandbox helpdesk…', async () => {
            try {
              await flushPending();
              const { profile } = await triage.trySandbox();
              await adopt(profile);
              go('queue');
              return { phase: 'ok', message: 'Connected to the sandbox helpdesk (sample data).' };
            } catch (err) {
              return { phase: 'error', message: errorInfo(err).message };
            }
          })
        }
      >
        Try the sandbox helpdesk
      </button>
      <ActionStatus state={state} />
    </div>
  );
}
