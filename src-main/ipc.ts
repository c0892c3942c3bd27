// Binds the contract's handler table to ipcMain: one ipcMain.handle per channel, each call checked
// to come from our own window's main frame showing our own page, then validated and answered by
// dispatch() (the same code path the browser harness uses). Push events leave through
// checkEvent() on one channel.
import { clipboard, ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { contract } from '../src-shared/contract';
import type { IpcEnvelope } from '../src-shared/contract';
import { EVENT_CHANNEL, IPC_PREFIX } from '../src-preload/channels';
import { checkEvent, dispatch } from './core/handlers';
import type { HandlerContext, HandlerSession } from './core/handlers';
import type { TriageCore } from './core';

export interface IpcOptions {
  core: TriageCore;
  appVersion: string;
  platform: string;
  /** true only for our own page (see window.ts isOwnUrl) */
  isOwnUrl(url: string): boolean;
  /** shell.openExternal behind main's own check and a native confirmation (window.ts) */
  openExternal(url: string, ownSubdomain?: string): Promise<boolean | void>;
}

export interface IpcBridge {
  /** Accept calls from this window; returns its handler context (its own session, its emit). */
  attach(window: BrowserWindow): HandlerContext;
  /** the sessions of the open windows, e.g. to recheck their active profiles */
  sessions(): HandlerSession[];
  /** Remove every ipcMain handler (quit, tests). */
  dispose(): void;
}

const REFUSED: IpcEnvelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page is not allowed to talk to Triage Desk.' },
};

/**
 * The call must come from the window we attached, from its main frame (not an iframe), and that
 * frame must be showing our own page. Frames are compared by process and routing id because
 * WebFrameMain wrappers are not guaranteed to be the same object.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow, isOwnUrl: (url: string) => boolean): boolean {
  if (window.isDestroyed()) return false;
  const contents = window.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  const main = contents.mainFrame;
  if (!frame || !main) return false;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  if (frame.parent) return false;
  return isOwnUrl(frame.url);
}

export function bindIpc(options: IpcOptions): IpcBridge {
  const windows = new Map<number, { window: BrowserWindow; context: HandlerContext }>();
  const channelNames = Object.keys(contract);

  for (const name of channelNames) {
    ipcMain.handle(IPC_PREFIX + name, async (event, input: unknown) => {
      const entry = windows.get(event.sender.id);
      if (!entry || !isTrustedSender(event, entry.window, options.isOwnUrl)) {
        options.core.log(`ipc: refused ${name} from a sender that is not our window's own page`);
        return REFUSED;
      }
      return dispatch(name, input, entry.context);
    });
  }

  return {
    attach(window) {
      const contents = window.webContents;
      const id = contents.id;
      const session: HandlerSession = {};
      const context: HandlerContext = {
        core: options.core,
        session,
        runtime: 'electron',
        appVersion: options.appVersion,
        platform: options.platform,
        emit(event, payload) {
          // Throwing tells the event bridge (handlers/events.ts) that this window is gone.
          if (window.isDestroyed() || contents.isDestroyed()) throw new Error('window closed');
          if (!options.isOwnUrl(contents.getURL())) return;
          const checked = checkEvent(event, payload);
          if (!checked.ok) {
            options.core.log(`ipc: dropped event ${event}: payload did not match the contract`);
            return;
          }
          contents.send(EVENT_CHANNEL, event, checked.payload);
        },
        openExternal: options.openExternal,
        copyText: (text) => {
          void clipboard.writeText(text);
        },
      };
      windows.set(id, { window, context });
      window.once('closed', () => windows.delete(id));
      return context;
    },
    sessions() {
      return [...windows.values()].map((w) => w.context.session);
    },
    dispose() {
      for (const name of channelNames) ipcMain.removeHandler(IPC_PREFIX + name);
      windows.clear();
    },
  };
}
