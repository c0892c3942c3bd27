// A stand-in for the 'electron' module, rich enough to drive window.ts, ipc.ts, index.ts and the
// preload under vitest: it records what our code asks Electron to do (window options, handlers,
// listeners) and lets a test play Electron's part (fire will-navigate, call an IPC handler from
// a chosen frame, deliver a push event). Use it from a test file with:
//
//   vi.mock('electron', async () => (await import('./electron-mock')).electronModule());
//   import { electronState, resetElectronMock } from './electron-mock';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Listener = (...args: unknown[]) => void;

/** A navigation-style event as Electron passes it: preventDefault() plus the details. */
export function electronEvent<T extends object>(details: T = {} as T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const e = {
    ...details,
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

let nextId = 1;

function makeUserData(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-electron-mock-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(
    public url: string,
    public processId = 1,
    public routingId = nextId++,
  ) {}
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
  permissionCheckHandler?: (contents: unknown, permission: string, origin: string, details?: unknown) => boolean;
  headersListener?: (
    details: { url: string; responseHeaders?: Record<string, string[]> },
    cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void;
  beforeRequestListener?: (details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void;
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = h;
  }
  webRequest = {
    onHeadersReceived: (l: FakeSession['headersListener']) => {
      this.headersListener = l;
    },
    onBeforeRequest: (l: FakeSession['beforeRequestListener']) => {
      this.beforeRequestListener = l;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  id = nextId++;
  destroyed = false;
  url = '';
  mainFrame: FakeFrame;
  session: FakeSession;
  windowOpenHandler?: (details: { url: string }) => { action: 'allow' | 'deny' };
  sent: unknown[][] = [];
  constructor(session: FakeSession) {
    super();
    this.session = session;
    this.mainFrame = new FakeFrame('');
  }
  setWindowOpenHandler(h: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = h;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.url;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  /** Play a page load: the main frame now shows this URL. */
  navigateTo(url: string) {
    this.url = url;
    this.mainFrame.url = url;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents: FakeWebContents;
  destroyed = false;
  shown = false;
  loaded?: { file?: string; url?: string };
  constructor(public options: Record<string, unknown>) {
    super();
    this.webContents = new FakeWebContents(electronState.defaultSession);
    FakeBrowserWindow.instances.push(this);
    electronState.windows.push(this);
  }
  isDestroyed() {
    return this.destroyed;
  }
  async loadFile(file: string) {
    this.loaded = { file };
    this.webContents.navigateTo(new URL(`file://${file}`).href);
  }
  async loadURL(url: string) {
    this.loaded = { url };
    this.webContents.navigateTo(url);
  }
  show() {
    this.shown = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  /** Play the window closing. */
  close() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export interface ElectronState {
  windows: FakeBrowserWindow[];
  defaultSession: FakeSession;
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  /** ipcMain.on listeners (we use none; a test proves it) */
  ipcListeners: Map<string, Listener[]>;
  /** every channel ipcMain.on was ever called for (also those removed since) */
  ipcListenersAdded: string[];
  exposed: Map<string, unknown>;
  rendererListeners: Map<string, Listener[]>;
  invoked: { channel: string; args: unknown[] }[];
  /** what ipcRenderer.invoke answers */
  invokeAnswer: (channel: string, ...args: unknown[]) => unknown;
  openedExternal: string[];
  /** dialog.showMessageBox calls, and the button index the fake person picks */
  messageBoxes: Array<Record<string, unknown>>;
  messageBoxResponse: number;
  appEvents: EventEmitter;
  powerMonitor: EventEmitter;
  calls: string[];
  singleInstanceLock: boolean;
  online: boolean;
  /** app.getPath('userData'): a temp dir made on first use, removed when the process exits */
  userData?: string;
  /** app.isPackaged as the code under test sees it */
  packaged: boolean;
  /** protocol.registerSchemesAsPrivileged calls, and the protocol.handle handlers by scheme */
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  /** the template of the last Menu.setApplicationMenu(Menu.buildFromTemplate(…)) */
  applicationMenu?: unknown[];
}

function freshState(): ElectronState {
  return {
    windows: [],
    defaultSession: new FakeSession(),
    ipcHandlers: new Map(),
    ipcListeners: new Map(),
    ipcListenersAdded: [],
    exposed: new Map(),
    rendererListeners: new Map(),
    invoked: [],
    invokeAnswer: () => ({ ok: true, data: null }),
    openedExternal: [],
    messageBoxes: [],
    messageBoxResponse: 1,
    appEvents: new EventEmitter(),
    powerMonitor: new EventEmitter(),
    calls: [],
    singleInstanceLock: true,
    online: true,
    packaged: false,
    privilegedSchemes: [],
    protocolHandlers: new Map(),
  };
}

export const electronState: ElectronState = freshState();

export function resetElectronMock(): void {
  Object.assign(electronState, freshState());
  FakeBrowserWindow.instances = [];
}

/** Build the module object: every export both named and on `default` (electron-store does
 *  `import electron from 'electron'`). Reads electronState lazily so resets take effect. */
export function electronModule(): Record<string, unknown> {
  const app = {
    get isPackaged() {
      return electronState.packaged;
    },
    enableSandbox: () => electronState.calls.push('app.enableSandbox'),
    requestSingleInstanceLock: () => {
      electronState.calls.push('app.requestSingleInstanceLock');
      return electronState.singleInstanceLock;
    },
    quit: () => electronState.calls.push('app.quit'),
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    getVersion: () => '0.0.0-test',
    getName: () => 'Triage Desk',
    getPath: (_name: string) => (electronState.userData ??= makeUserData()),
    setPath: (_name: string, value: string) => {
      electronState.userData = value;
    },
    on: (event: string, l: Listener) => {
      electronState.appEvents.on(event, l);
      return app;
    },
    once: (event: string, l: Listener) => {
      electronState.appEvents.once(event, l);
      return app;
    },
  };
  const ipcMain = {
    handle: (channel: string, h: (event: unknown, ...args: unknown[]) => unknown) => {
      if (electronState.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      electronState.ipcHandlers.set(channel, h);
    },
    removeHandler: (channel: string) => electronState.ipcHandlers.delete(channel),
    on: (channel: string, l: Listener) => {
      electronState.ipcListenersAdded.push(channel);
      electronState.ipcListeners.set(channel, [...(electronState.ipcListeners.get(channel) ?? []), l]);
    },
    removeAllListeners: (channel?: string) => {
      if (channel === undefined) electronState.ipcListeners.clear();
      else electronState.ipcListeners.delete(channel);
    },
  };
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      electronState.invoked.push({ channel, args });
      return electronState.invokeAnswer(channel, ...args);
    },
    on: (channel: string, l: Listener) => {
      electronState.rendererListeners.set(channel, [...(electronState.rendererListeners.get(channel) ?? []), l]);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (electronState.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      electronState.exposed.set(key, api);
    },
  };
  const shell = {
    openExternal: async (url: string) => {
      electronState.openedExternal.push(url);
    },
  };
  const dialog = {
    showMessageBox: async (...args: unknown[]) => {
      const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
      electronState.messageBoxes.push(options);
      return { response: electronState.messageBoxResponse, checkboxChecked: false };
    },
  };
  const safeStorage = {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (s: string) => Buffer.from(`enc:${s}`),
    decryptString: (b: Buffer) => b.toString().replace(/^enc:/, ''),
  };
  const net = { isOnline: () => electronState.online };
  const clipboard = { writeText: (_text: string) => electronState.calls.push('clipboard.writeText') };
  const powerMonitor = {
    on: (event: string, l: Listener) => {
      electronState.powerMonitor.on(event, l);
      return powerMonitor;
    },
  };
  const session = {
    get defaultSession() {
      return electronState.defaultSession;
    },
  };
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      electronState.calls.push('protocol.registerSchemesAsPrivileged');
      electronState.privilegedSchemes.push(...schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
      if (electronState.protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
      electronState.protocolHandlers.set(scheme, handler);
    },
  };
  const Menu = {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: (menu: { template: unknown[] } | null) => {
      electronState.applicationMenu = menu?.template;
    },
  };
  const mod = {
    app,
    protocol,
    Menu,
    ipcMain,
    ipcRenderer,
    contextBridge,
    shell,
    dialog,
    safeStorage,
    net,
    powerMonitor,
    session,
    clipboard,
    BrowserWindow: FakeBrowserWindow,
  };
  return { ...mod, default: mod };
}
