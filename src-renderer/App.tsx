// The workbench frame: section rail, banners, the current screen, the chat panel beside it and
// the always-visible status bar.
import { lazy, Suspense, useEffect, useId } from 'react';
import { Banners } from './components/Banners';
import { StatusBar } from './components/StatusBar';
import { activeProfileOf, connectSessionEvents, useSession, type Screen } from './state/session';
import { useQueue } from './state/queue';
import { connectTriageEvents, useTriage } from './state/triage';
import { Welcome } from './screens/Welcome';
import { Connect } from './screens/Connect';
import { Profiles } from './screens/Profiles';
import { QueueScreen } from './screens/Queue';
import { OPEN_CHAT_EVENT } from './chat/events';
import { errorInfo } from './lib/bridge';

const NewTicket = lazy(() => import('./screens/NewTicket'));
const NewContact = lazy(() => import('./screens/NewContact'));
const Agents = lazy(() => import('./screens/Agents'));
const Roles = lazy(() => import('./screens/Roles'));
const Settings = lazy(() => import('./screens/Settings'));
const Activity = lazy(() => import('./screens/Activity'));
const McpApprovals = lazy(() => import('./chat/McpApprovals').then((m) => ({ default: m.McpApprovals })));
const TriagePlan = lazy(() => import('./screens/TriagePlan'));
const ChatPanel = lazy(() => import('./chat/ChatPanel').then((m) => ({ default: m.ChatPanel })));

const NAV: { screen: Screen; label: string; needsProfile: boolean }[] = [
  { screen: 'queue', label: 'Queue', needsProfile: true },
  { screen: 'triage', label: 'Triage plans', needsProfile: true },
  { screen: 'new-ticket', label: 'New ticket', needsProfile: true },
  { screen: 'new-contact', label: 'New contact', needsProfile: true },
  { screen: 'agents', label: 'Agents', needsProfile: true },
  { screen: 'roles', label: 'Roles', needsProfile: true },
  { screen: 'activity', label: 'Activity', needsProfile: true },
  { screen: 'profiles', label: 'Profiles', needsProfile: false },
  { screen: 'settings', label: 'Settings', needsProfile: false },
];

export function App() {
  const ready = useSession((s) => s.ready);
  const startError = useSession((s) => s.startError);
  const screen = useSession((s) => s.screen);
  const epoch = useSession((s) => s.epoch);
  const chatOpen = useSession((s) => s.chatOpen);
  const profile = useSession(activeProfileOf);
  const openTicketId = useSession((s) => s.openTicketId);
  const notice = useSession((s) => s.notice);

  useEffect(() => {
    const off = connectSessionEvents();
    const offTriage = connectTriageEvents();
    void useSession.getState().init();
    const openChat = () => useSession.getState().toggleChat(true);
    window.addEventListener(OPEN_CHAT_EVENT, openChat);
    return () => {
      off();
      offTriage();
      window.removeEventListener(OPEN_CHAT_EVENT, openChat);
    };
  }, []);

  // A different profile is a different helpdesk: its queue starts from scratch.
  useEffect(() => {
    useQueue.getState().reset();
    useTriage.getState().reset();
  }, [epoch]);

  if (!ready) {
    return (
      <div className="app-loading" role="status">
        Starting Triage Desk…
      </div>
    );
  }
  const connected = profile && profile.status !== 'PENDING';
  const effective: Screen = !profile && !['connect', 'profiles', 'settings', 'welcome'].includes(screen) ? 'welcome' : screen;
  return (
    <div className={`app ${chatOpen ? 'with-chat' : ''}`}>
      <Rail current={effective} />
      <div className="content" key={epoch}>
        <Banners />
        {startError && (
          <div className="banner banner-bad" role="alert">
            Triage Desk could not start properly: {startError}
          </div>
        )}
        {notice && (
          <div
            key={notice.id}
            className={`banner ${notice.tone === 'ok' ? 'banner-ok' : 'banner-bad'}`}
            role={notice.tone === 'ok' ? 'status' : 'alert'}
          >
            {notice.text}
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss message"
              onClick={() => useSession.setState({ notice: undefined })}
            >
              ×
            </button>
          </div>
        )}
        <Suspense fallback={null}>
          <McpApprovals profileKey={profile ? `${profile.identifier}#${epoch}` : undefined} />
        </Suspense>
        <Suspense fallback={<p role="status">Loading…</p>}>
          {effective === 'welcome' && <Welcome />}
          {effective === 'connect' && <Connect />}
          {effective === 'profiles' && <Profiles />}
          {effective === 'queue' && connected && <QueueScreen />}
          {effective === 'queue' && !connected && <Connect />}
          {effective === 'triage' && <TriagePlan />}
          {effective === 'new-ticket' && <NewTicket />}
          {effective === 'new-contact' && <NewContact />}
          {effective === 'agents' && <Agents />}
          {effective === 'roles' && <Roles />}
          {effective === 'settings' && <Settings />}
          {effective === 'activity' && <Activity />}
        </Suspense>
      </div>
      {chatOpen && (
        <aside className="chat-pane" aria-label="Chat with Claude">
          <Suspense fallback={<p role="status">Loading chat…</p>}>
            <ChatPanel
              ticketId={openTicketId}
              profileKey={profile ? `${profile.identifier}#${epoch}` : undefined}
              onClose={() => useSession.getState().toggleChat(false)}
            />
          </Suspense>
        </aside>
      )}
      <StatusBar />
    </div>
  );
}

function Rail({ current }: { current: Screen }) {
  const go = useSession((s) => s.go);
  const profiles = useSession((s) => s.profiles);
  const active = useSession((s) => s.active);
  const chatOpen = useSession((s) => s.chatOpen);
  const toggleChat = useSession((s) => s.toggleChat);
  const switchProfile = useSession((s) => s.switchProfile);
  const notify = useSession((s) => s.notify);
  const profile = useSession(activeProfileOf);
  const switcherId = useId();
  return (
    <nav className="rail" aria-label="Sections">
      <div className="brand">Triage Desk</div>
      {NAV.slice(0, 4).map((n) => (
        <NavButton
          key={n.screen}
          label={n.label}
          current={current === n.screen}
          disabled={n.needsProfile && !profile}
          onClick={() => go(n.screen)}
        />
      ))}
      <button type="button" className="nav-button" aria-pressed={chatOpen} onClick={() => toggleChat()}>
        Chat
      </button>
      {NAV.slice(4).map((n) => (
        <NavButton
          key={n.screen}
          label={n.label}
          current={current === n.screen}
          disabled={n.needsProfile && !profile}
          onClick={() => go(n.screen)}
        />
      ))}
      <div className="rail-spacer" />
      {profiles.length > 0 && (
        <div className="profile-switcher">
          <label htmlFor={switcherId}>Profile</label>
          <select
            id={switcherId}
            value={active ?? ''}
            onChange={(e) => {
              const id = e.target.value;
              switchProfile(id).then(
                () => notify('ok', `Switched to ${id}.`),
                (err: unknown) => notify('error', errorInfo(err).message),
              );
            }}
          >
            {!active && <option value="">Choose…</option>}
            {profiles.map((p) => (
              <option key={p.identifier} value={p.identifier}>
                {p.identifier}
                {p.sandbox ? ' (sample data)' : ''}
                {p.status !== 'ACTIVE' ? ` — ${p.status.toLowerCase()}` : ''}
              </option>
            ))}
          </select>
          {profile?.sandbox && <span className="badge badge-sample">Sample data</span>}
        </div>
      )}
    </nav>
  );
}

function NavButton({ label, current, disabled, onClick }: { label: string; current: boolean; disabled: boolean; onClick(): void }) {
  return (
    <button type="button" className="nav-button" aria-current={current ? 'page' : undefined} disabled={disabled} onClick={onClick}>
      {label}
    </button>
  );
}
