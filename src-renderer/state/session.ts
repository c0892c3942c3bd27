// The window's session: profiles, the active one, what its role may use, the helpdesk's
// remaining budget, connectivity, and which screen is showing.
import { create } from 'zustand';
import type { ChannelOutput } from '../lib/bridge';
import { errorInfo, isCancelled, triage } from '../lib/bridge';
import { flushPending } from '../lib/pending';
import type { Profile } from '../../src-shared/contract/profiles';
import type { ToolName, ToolSummary } from '../../src-shared/contract/tools';
import type { ToolInput, ToolResultOf } from '../../src-shared/tools/io';

export type AppInfo = ChannelOutput<'app:info'>;
export type Screen =
  'welcome' | 'connect' | 'profiles' | 'queue' | 'triage' | 'new-ticket' | 'new-contact' | 'agents' | 'roles' | 'settings' | 'activity';

export interface Budget {
  total: number;
  remaining: number;
  waitingCalls: number;
}

export interface QueueFocus {
  /** queue by requester e-mail, set by links such as "show this contact's tickets" */
  requesterEmail?: string;
}

interface SessionState {
  ready: boolean;
  startError?: string;
  appInfo?: AppInfo;
  profiles: Profile[];
  active?: string;
  /** bumps on every profile switch: screens keyed by it start fresh */
  epoch: number;
  tools: ToolSummary[];
  budgets: Record<string, Budget>;
  browserOnline: boolean;
  mainOnline: boolean;
  /** the last Freshdesk call failed for lack of network */
  networkTrouble: boolean;
  screen: Screen;
  connectMode: 'new' | 'rekey';
  chatOpen: boolean;
  openTicketId?: number;
  /** bumps when the person asks to reply (r): the composer takes focus */
  replyRequest: number;
  queueFocus: QueueFocus;
  /** the last app-wide outcome (e.g. a profile forgotten), shown above the screen */
  notice?: { tone: 'ok' | 'error'; text: string; id: number };
  /** the profile the connect screen just connected: its "who you are" summary survives the
   *  remount that making it active causes */
  justConnected?: Profile;

  notify(tone: 'ok' | 'error', text: string): void;
  init(): Promise<void>;
  refreshProfiles(): Promise<void>;
  refreshTools(): Promise<void>;
  switchProfile(identifier: string): Promise<void>;
  /** after create/authorize/sandbox made a profile active in main */
  adoptActive(profile: Profile): Promise<void>;
  forgetProfile(identifier: string): Promise<void>;
  upsertProfile(profile: Profile): void;
  go(screen: Screen, opts?: { connectMode?: 'new' | 'rekey' }): void;
  openTicket(id: number | undefined, opts?: { reply?: boolean }): void;
  showQueueFor(focus: QueueFocus): void;
  toggleChat(open?: boolean): void;
  setBrowserOnline(online: boolean): void;
  setMainOnline(online: boolean): void;
  noteBudget(subdomain: string, b: Partial<Budget> & { total: number; remaining: number }): void;
  /** requestId: lets the caller cancel the call later (cancelToolCall in lib/bridge) */
  runTool<N extends ToolName>(name: N, input: ToolInput<N>, priority?: 'ui' | 'background', requestId?: string): Promise<ToolResultOf<N>>;
}

const LAST_PROFILE = 'triage.lastProfile';

export function activeProfileOf(s: Pick<SessionState, 'profiles' | 'active'>): Profile | undefined {
  return s.profiles.find((p) => p.identifier === s.active);
}

/** The role as a person knows it; only administrators may read role names, so other agents'
 *  roles fall back to their Freshdesk role ID. */
export function roleNameOf(p: Profile | undefined): string | undefined {
  if (p?.agent?.roleNames?.length) return p.agent.roleNames.join(', ');
  if (p?.agent?.roleIds.length) return `role ID ${p.agent.roleIds.join(', ')}`;
  return undefined;
}

export const useSession = create<SessionState>((set, get) => ({
  ready: false,
  profiles: [],
  epoch: 0,
  tools: [],
  budgets: {},
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  mainOnline: true,
  networkTrouble: false,
  screen: 'welcome',
  connectMode: 'new',
  chatOpen: false,
  replyRequest: 0,
  queueFocus: {},

  notify(tone, text) {
    set((s) => ({ notice: { tone, text, id: (s.notice?.id ?? 0) + 1 } }));
  },

  async init() {
    try {
      const [appInfo, list] = await Promise.all([triage.appInfo(), triage.listProfiles()]);
      set({ appInfo, profiles: list.profiles, active: list.active });
      let active = list.active;
      if (!active && list.profiles.length > 0) {
        const last = safeLocal(() => localStorage.getItem(LAST_PROFILE));
        const pick = list.profiles.find((p) => p.identifier === last) ?? list.profiles[0];
        try {
          const { profile } = await triage.switchProfile({ identifier: pick.identifier });
          active = profile.identifier;
          get().upsertProfile(profile);
          set({ active });
        } catch {
          // the profile can still be picked by hand from the profile list
        }
      }
      const p = activeProfileOf({ profiles: get().profiles, active });
      set({ ready: true, screen: !p ? (list.profiles.length ? 'profiles' : 'welcome') : p.status === 'PENDING' ? 'connect' : 'queue' });
      if (active) await get().refreshTools();
    } catch (err) {
      set({ ready: true, startError: errorInfo(err).message });
    }
  },

  async refreshProfiles() {
    const list = await triage.listProfiles();
    set({ profiles: list.profiles, active: list.active });
  },

  async refreshTools() {
    try {
      const { tools } = await triage.listTools();
      set({ tools });
    } catch {
      set({ tools: [] });
    }
  },

  async switchProfile(identifier) {
    if (identifier === get().active) return;
    await flushPending();
    const { profile } = await triage.switchProfile({ identifier });
    get().upsertProfile(profile);
    safeLocal(() => localStorage.setItem(LAST_PROFILE, profile.identifier));
    set((s) => ({
      active: profile.identifier,
      epoch: s.epoch + 1,
      openTicketId: undefined,
      queueFocus: {},
      screen: profile.status === 'PENDING' ? 'connect' : s.screen === 'welcome' || s.screen === 'connect' ? 'queue' : s.screen,
      connectMode: 'new',
    }));
    await get().refreshTools();
  },

  async adoptActive(profile) {
    get().upsertProfile(profile);
    safeLocal(() => localStorage.setItem(LAST_PROFILE, profile.identifier));
    const changed = profile.identifier !== get().active;
    set((s) => ({
      active: profile.identifier,
      epoch: changed ? s.epoch + 1 : s.epoch,
      openTicketId: changed ? undefined : s.openTicketId,
    }));
    await get().refreshTools();
  },

  async forgetProfile(identifier) {
    await flushPending();
    const list = await triage.forgetProfile({ identifier });
    const wasActive = get().active === identifier;
    set((s) => ({
      profiles: list.profiles,
      active: list.active,
      epoch: wasActive ? s.epoch + 1 : s.epoch,
      openTicketId: wasActive ? undefined : s.openTicketId,
      screen: list.profiles.length === 0 ? 'welcome' : wasActive ? 'profiles' : s.screen,
    }));
    if (wasActive) set({ tools: [] });
  },

  upsertProfile(profile) {
    set((s) => {
      const i = s.profiles.findIndex((p) => p.identifier === profile.identifier);
      // events and answers can cross: an older picture of a profile never replaces a newer one
      if (i !== -1 && Date.parse(s.profiles[i].updatedAt) > Date.parse(profile.updatedAt)) return {};
      const profiles = i === -1 ? [...s.profiles, profile] : s.profiles.map((p, j) => (j === i ? profile : p));
      return { profiles };
    });
  },

  go(screen, opts) {
    set({
      screen,
      notice: undefined,
      justConnected: undefined,
      connectMode: opts?.connectMode ?? (screen === 'connect' ? get().connectMode : 'new'),
    });
  },

  openTicket(id, opts) {
    set((s) => ({ openTicketId: id, screen: 'queue', replyRequest: opts?.reply ? s.replyRequest + 1 : s.replyRequest }));
  },

  showQueueFor(focus) {
    set({ queueFocus: focus, screen: 'queue', openTicketId: undefined });
  },

  toggleChat(open) {
    set((s) => ({ chatOpen: open ?? !s.chatOpen }));
  },

  setBrowserOnline(online) {
    set({ browserOnline: online });
  },

  setMainOnline(online) {
    set({ mainOnline: online });
  },

  noteBudget(subdomain, b) {
    set((s) => ({
      budgets: { ...s.budgets, [subdomain]: { waitingCalls: s.budgets[subdomain]?.waitingCalls ?? 0, ...b } },
    }));
  },

  async runTool<N extends ToolName>(name: N, input: ToolInput<N>, priority: 'ui' | 'background' = 'ui', requestId?: string) {
    let result: ToolResultOf<N>;
    try {
      result = await triage.executeTool({ name, input, priority, ...(requestId ? { requestId } : {}) });
    } catch (err) {
      const e = errorInfo(err);
      return { ok: false, tool: name, error: { kind: e.code === 'no_profile' ? 'not_connected' : 'invalid_input', message: e.message } };
    }
    const profile = activeProfileOf(get());
    if (result.ok) {
      if (get().networkTrouble) set({ networkTrouble: false });
      if (result.meta.rateLimit && profile?.subdomain) {
        get().noteBudget(profile.subdomain, { total: result.meta.rateLimit.total, remaining: result.meta.rateLimit.remaining });
      }
    } else if (!isCancelled(result)) {
      // (a call this page cancelled says nothing about the network)
      const kind = result.error.kind;
      if (kind === 'network' || kind === 'timeout') set({ networkTrouble: true });
      else if (get().networkTrouble && kind !== 'uncertain') set({ networkTrouble: false });
      if (kind === 'revoked' || result.error.status === 401)
        void get()
          .refreshProfiles()
          .catch(() => undefined);
      // Freshdesk refused: what the role may use has changed (main remembers the refusal)
      if (kind === 'permission' || kind === 'revoked') void get().refreshTools();
    }
    return result;
  },
}));

function safeLocal<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** Wires push events and browser connectivity into the session store; returns the unsubscribe. */
export function connectSessionEvents(): () => void {
  const s = useSession.getState();
  const offs = [
    triage.on('account:status', ({ account }) => useSession.getState().upsertProfile(account)),
    triage.on('rate:limit', (e) => useSession.getState().noteBudget(e.subdomain, e)),
    triage.on('network:status', ({ online }) => useSession.getState().setMainOnline(online)),
  ];
  const onOnline = () => useSession.getState().setBrowserOnline(true);
  const onOffline = () => useSession.getState().setBrowserOnline(false);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  s.setBrowserOnline(navigator.onLine);
  return () => {
    for (const off of offs) off();
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  };
}
