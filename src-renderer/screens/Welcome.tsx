import { useSession } from '../state/session';
import { SandboxButton } from './SandboxButton';

export function Welcome() {
  const go = useSession((s) => s.go);
  return (
    <main className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Triage Desk</h1>
      <p className="lead">Work your Freshdesk queues and let Claude help, with your API key kept safe on this computer.</p>
      <div className="welcome-choices">
        <section className="card">
          <h2>Connect your Freshdesk</h2>
          <p>You need your helpdesk address and your personal API key. We show you where to find it.</p>
          <button type="button" className="primary" onClick={() => go('connect', { connectMode: 'new' })}>
            Connect your Freshdesk
          </button>
        </section>
        <section className="card">
          <h2>Just looking?</h2>
          <p>Try everything on a built-in sample helpdesk. Nothing leaves this computer.</p>
          <SandboxButton />
        </section>
      </div>
    </main>
  );
}
